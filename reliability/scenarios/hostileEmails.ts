/**
 * Scenario 4, hostile emails: the parser's malformed and hostile corpus (test/fixtures/
 * hostileEmails.ts) lands in the shop owner's Gmail (the simulator, reached through the Google
 * proxy) and goes through the shipped delivery-email intake on its production schedule. No
 * execution may crash; every email the trigger's search selects must end as a saved order, a
 * review item sent to the managers, or a clear error recorded for replay; the parser's time per
 * email stays within its bound. An email the parser cannot read at all leaves by its error output
 * to the same review message (a clear error); a failed execution is recorded for replay.
 */
import axios from 'axios';

import { hostileInputs } from '../../test/fixtures/hostileEmails';
import { until } from '../../test/support/until';
import { WORKFLOWS, type ReliabilityEnvironment } from '../environment';
import { figure, scenarioResult, type ScenarioResult } from '../report';

/** The shipped trigger's search and page size (workflows/order-intake-email.json). */
const TRIGGER_QUERY = 'from:swiftparcel.example OR from:bystraya-dostavka.example';
const PER_POLL = 20;
/** A bound that catches runaway work, not a speed target (as in the parser's own hostile test). */
const PER_EMAIL_BOUND_MS = 15_000;
const TRIGGER = 'New Delivery Emails (Gmail)';
const PARSER = 'Parse Delivery Email';
const SAVE = 'Save Order in CRM';
const REVIEW = 'Notify Managers: Needs Review';

type Outcome = 'order' | 'review' | 'error';

interface RunItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }> | number;
}
const pairedIndex = (item: RunItem) => {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? -1);
};

export async function hostileEmails(env: ReliabilityEnvironment, quick: boolean): Promise<ScenarioResult> {
	const started = performance.now();
	const all = hostileInputs();
	const inputs = quick ? all.filter((_, index) => index % 12 === 0).slice(0, PER_POLL) : all;
	const lastExecution = await env.lastExecutionId();
	const tag = `${Date.now().toString(36)}`;

	// Deliver a poll's worth at a time and wait for that poll, so the trigger's page size is not
	// what is measured here.
	const delivered = new Map<string, string>();
	let refusedByGmail = 0;
	const listCalls = () => env.gmail.requests.filter((request) => request.path === '/gmail/v1/users/me/messages' && request.status === 200).length;
	for (let at = 0; at < inputs.length; at += PER_POLL) {
		for (const [offset, input] of inputs.slice(at, at + PER_POLL).entries()) {
			// Each email its own Message-ID, so the parser's dedupe does not merge them.
			const mime = input.mime.replace('Message-ID: <h@swiftparcel.example>', `Message-ID: <h-${tag}-${at + offset}@swiftparcel.example>`);
			const response = await axios.post(`${env.gmail.url}/__sim/messages`, Buffer.from(mime, 'latin1'), { headers: { 'content-type': 'message/rfc822' }, validateStatus: () => true, maxBodyLength: Infinity });
			if (response.status === 201) delivered.set(String(response.data.id), input.name);
			else refusedByGmail++;
		}
		const polls = listCalls();
		await until('the Gmail Trigger has polled again', () => listCalls() >= polls + 1, 180_000, 1000);
		await env.settle();
		env.log(`[hostile-emails] ${Math.min(at + PER_POLL, inputs.length)} of ${inputs.length} emails delivered and polled`);
	}

	// Which delivered emails the shipped search selects (others are not delivery emails to it).
	const auditToken = `ya29.reliability-audit-${tag}`;
	env.gmail.state.accessTokens[auditToken] = Date.now() + 3_600_000;
	const listed = await axios.get<{ messages?: Array<{ id: string }> }>(`${env.gmail.url}/gmail/v1/users/me/messages`, { params: { q: TRIGGER_QUERY, maxResults: 500 }, headers: { authorization: `Bearer ${auditToken}` } });
	const selected = new Set((listed.data.messages ?? []).map((message) => message.id).filter((id) => delivered.has(id)));

	const outcomes = new Map<string, Outcome>();
	let crashed = 0;
	let overBound = 0;
	let slowestPerEmailMs = 0;
	const notes: string[] = [];
	for (const execution of await env.executionsSince(WORKFLOWS.emailIntake, lastExecution)) {
		if (execution.status === 'crashed') crashed++;
		const { data } = await env.n8n.execution(execution.id);
		const runData = data.resultData.runData as Record<string, Array<{ data?: { main: Array<RunItem[] | null> }; error?: { message?: string }; executionTime?: number }>>;
		const triggerItems = (runData[TRIGGER]?.[0]?.data?.main[0] ?? []) as RunItem[];
		const gmailIdAt = (index: number) => String(triggerItems[index]?.json.id ?? '');
		const parserRun = runData[PARSER]?.[0];
		if (parserRun && triggerItems.length > 0) {
			const perEmail = (parserRun.executionTime ?? 0) / triggerItems.length;
			slowestPerEmailMs = Math.max(slowestPerEmailMs, perEmail);
			if (perEmail > PER_EMAIL_BOUND_MS) overBound++;
		}
		const [orders, reviews, unreadable] = [0, 1, 2].map((output) => (parserRun?.data?.main[output] ?? []) as RunItem[]);
		const saved = new Set(((runData[SAVE]?.[0]?.data?.main[0] ?? []) as RunItem[]).map((item) => pairedIndex(item)));
		const reviewSent = runData[REVIEW]?.[0] && !runData[REVIEW][0].error;
		orders.forEach((item, index) => saved.has(index) && outcomes.set(gmailIdAt(pairedIndex(item)), 'order'));
		if (reviewSent) for (const item of reviews) outcomes.set(gmailIdAt(pairedIndex(item)), 'review');
		// The parser's error output (an email it cannot read at all) goes to the same review message.
		if (reviewSent) for (const item of unreadable) outcomes.set(gmailIdAt(pairedIndex(item)), 'error');
		if (execution.status === 'error') {
			const message = data.resultData.error?.message ?? '';
			if (notes.length < 5) notes.push(`execution ${execution.id} failed: ${message.slice(0, 160)}`);
			// A failed execution is recorded by the error workflow; its emails are replayable, not lost.
			if (message) triggerItems.forEach((_, index) => !outcomes.has(gmailIdAt(index)) && outcomes.set(gmailIdAt(index), 'error'));
		}
	}
	const unaccounted = [...selected].filter((id) => !outcomes.has(id));
	const count = (outcome: Outcome) => [...selected].filter((id) => outcomes.get(id) === outcome).length;
	return scenarioResult(
		'hostile-emails',
		'4. Hostile emails',
		quick,
		started,
		[
			figure('hostile emails sent', inputs.length),
			figure('refused by Gmail (no header block)', refusedByGmail),
			figure('not selected by the trigger search (sender unreadable)', delivered.size - selected.size),
			figure('selected → saved order', count('order')),
			figure('selected → review item', count('review')),
			figure('selected → clear error (sent to review, or recorded for replay)', count('error')),
			figure('selected, no outcome (lost)', unaccounted.length, true),
			figure('crashed executions', crashed, true),
			figure(`parser over ${PER_EMAIL_BOUND_MS / 1000} s per email`, overBound, true),
		],
		[`slowest parser time per email in one poll: ${slowestPerEmailMs.toFixed(0)} ms; ${PER_POLL} emails per poll`, ...unaccounted.slice(0, 5).map((id) => `no outcome for "${delivered.get(id)}" (Gmail id ${id})`), ...notes],
	);
}
