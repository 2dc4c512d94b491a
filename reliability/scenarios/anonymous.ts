/**
 * Scenario 7, the anonymous visitor: every public URL of the shipped workflows (read from
 * workflows/*.json by reliability/entryPoints.ts, so a new one is attacked too, and one without a
 * known attack fails the run) tried by someone without credentials:
 * - forms with n8n authentication: page and submission without credentials and with wrong ones;
 * - the invitation-checked onboarding form: no, forged, tampered, expired and already-used
 *   invitations, and 1 MB values in every field;
 * - webhooks with n8n authentication: no header, wrong header;
 * - form pages an execution waits on: without and with a wrong signature, and a guessed execution;
 * - Shopify trigger URLs: unsigned deliveries (the `forged` scenario tries every forgery);
 * - the delivery-email mailbox: spoofed SwiftParcel emails (reliability/spoofedEmails.ts).
 * While these run, nothing may be written at any simulator and no message may go out except the
 * managers' "needs review" notice. Then, as an authenticated manager or ManyChat, 1 MB hostile
 * values into every field of each authenticated form and into the catalog webhook's body: each
 * must be answered, and the worst answer time is reported.
 */
import axios from 'axios';
import { randomBytes } from 'node:crypto';

import { until } from '../../test/support/until';
import { type CredentialImport } from '../../scripts/lib/devCredentials';
import { PUBLIC_WORKFLOWS, WORKFLOWS, type ReliabilityEnvironment } from '../environment';
import { isOpen, publicEntryPoints, verifiesInvitation, type EntryPoint } from '../entryPoints';
import { basicAuth, executionIdOf, follow, formFields, isCompletionPage, multipart, plausibleValue, request, type FormField } from '../formVisitor';
import { HOSTILE_SHAPES } from '../hostileValues';
import { invitationCases, type InvitationCase } from '../invitations';
import { figure, scenarioResult, type ScenarioResult } from '../report';
import { markWrites, reviewPath, writesSince, type WritesSeen } from '../simulatorWrites';
import { existingOrder, seedExistingOrder, spoofedEmails } from '../spoofedEmails';

/** What the onboarding form shows for a missing, forged, expired or used invitation (contract). */
const INVITATION_REFUSED = 'Invitation not valid';
const EMAILS_PER_POLL = 20;

interface Tally {
	tried: number;
	refused: number;
}

class Ledger {
	readonly byAttack = new Map<string, Tally>();
	readonly letIn: string[] = [];
	worstMs = 0;
	worstWhat = '';

	noAnswer = 0;
	/** Requests whose execution failed (the error workflow records it). */
	readonly failed: string[] = [];

	record(attack: string, refused: boolean, ms: number, detail: string): void {
		if (detail.startsWith('HTTP 0')) this.noAnswer++;
		const tally = this.byAttack.get(attack) ?? { tried: 0, refused: 0 };
		tally.tried++;
		if (refused) tally.refused++;
		else this.letIn.push(`${attack}: ${detail}`);
		this.byAttack.set(attack, tally);
		if (ms > this.worstMs) [this.worstMs, this.worstWhat] = [ms, attack];
	}

	get tried(): number {
		return [...this.byAttack.values()].reduce((sum, tally) => sum + tally.tried, 0);
	}
}

/** Not let in: n8n's authentication refusals, its size limits, or no answer at all (counted apart). */
const refusedStatus = (status: number) => [0, 401, 403, 413, 414, 431].includes(status);

function credentialOf(env: ReliabilityEnvironment, entry: EntryPoint, type: string): CredentialImport | undefined {
	const id = entry.node.credentials?.[type]?.id;
	return env.credentials.find((credential) => credential.id === id);
}

/** Form Trigger with n8n authentication: nothing without the right credentials, page or submission. */
async function attackAuthenticatedForm(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger): Promise<void> {
	const url = `${env.n8n.baseUrl}${entry.url}`;
	const fields = formFields(entry.node);
	const own = credentialOf(env, entry, 'httpBasicAuth');
	// Another form's login is a wrong login here too.
	const others = env.credentials.filter((credential) => credential.type === 'httpBasicAuth' && credential.id !== own?.id);
	const user = String(own?.data.user ?? 'manager');
	const wrong: Array<[string, Record<string, string>]> = [
		['no credentials', {}],
		['wrong password', { authorization: basicAuth(user, `${String(own?.data.password ?? '')}x`) }],
		['empty password', { authorization: basicAuth(user, '') }],
		['unknown user', { authorization: basicAuth('admin', 'admin') }],
		['not Basic', { authorization: `Bearer ${randomBytes(16).toString('hex')}` }],
		...others.map((other): [string, Record<string, string>] => [`the ${other.name} login`, { authorization: basicAuth(String(other.data.user), String(other.data.password)) }]),
	];
	for (const [how, headers] of wrong) {
		const page = await request(url, { headers });
		ledger.record(`${entry.url} GET, ${how}`, refusedStatus(page.status), page.ms, `HTTP ${page.status}`);
		const values = new Map(fields.map((field) => [field.index, plausibleValue(field)]));
		const posted = await request(url, { method: 'POST', body: multipart(fields, values), headers });
		if (posted.waitingUrl) await follow(posted, performance.now());
		ledger.record(`${entry.url} POST, ${how}`, refusedStatus(posted.status), posted.ms, `HTTP ${posted.status}`);
	}
}

/** A form with no authentication and no invitation check: a submission from anyone is let in. */
async function attackOpenForm(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger): Promise<void> {
	const url = `${env.n8n.baseUrl}${entry.url}`;
	const fields = formFields(entry.node);
	const posted = await request(url, { method: 'POST', body: multipart(fields, new Map(fields.map((field) => [field.index, plausibleValue(field)]))) });
	const outcome = await follow(posted, performance.now());
	ledger.record(`${entry.url} POST without credentials (no authentication configured)`, refusedStatus(posted.status), posted.ms, `HTTP ${posted.status}, then ${outcome.status}`);
}

/** The owner-facing onboarding form: every bad invitation ends on "Invitation not valid". */
async function attackInvitationForm(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger, cases: InvitationCase[], quick: boolean): Promise<void> {
	const fields = formFields(entry.node);
	const submit = async (attack: string, invitation: string | undefined, values: Map<number, string | string[]>) => {
		const url = new URL(`${env.n8n.baseUrl}${entry.url}`);
		if (invitation !== undefined) url.searchParams.set('invitation', invitation);
		for (const field of fields) if (field.type === 'hiddenField' && /invitation/i.test(field.name ?? field.label) && invitation !== undefined) values.set(field.index, invitation);
		const started = performance.now();
		const posted = await request(url.toString(), { method: 'POST', body: multipart(fields, values) });
		const outcome = await follow(posted, started);
		const refused = refusedStatus(posted.status) || outcome.html.includes(INVITATION_REFUSED);
		ledger.record(attack, refused, posted.ms, `HTTP ${posted.status}, then ${outcome.status}${outcome.html ? ` on a page without "${INVITATION_REFUSED}"` : ''}`);
	};
	const plausible = () => new Map(fields.filter((field) => field.type !== 'hiddenField').map((field) => [field.index, plausibleValue(field)]));
	for (const invitationCase of cases) await submit(`${entry.url} POST, ${invitationCase.kind}`, invitationCase.token, plausible());
	// 1 MB values: as the invitation itself, and in every field beside a forged invitation.
	const forged = cases.find((entryCase) => entryCase.kind.startsWith('forged'))?.token ?? randomBytes(24).toString('base64url');
	const shapes = quick ? HOSTILE_SHAPES.slice(0, 1) : HOSTILE_SHAPES;
	// A URL of 1 MB is over n8n's header limit (it resets the connection); 8 KB reaches the check.
	for (const shape of shapes) {
		await submit(`${entry.url} POST, 1 MB invitation (${shape.name})`, shape.make(), plausible());
		await submit(`${entry.url} POST, 8 KB invitation (${shape.name})`, shape.make().slice(0, 8192), plausible());
	}
	for (const [index, field] of fields.filter((candidate) => candidate.type !== 'hiddenField').entries()) {
		const shape = HOSTILE_SHAPES[index % HOSTILE_SHAPES.length];
		await submit(`${entry.url} POST, 1 MB "${field.label}" (${shape.name}), forged invitation`, forged, new Map([...plausible(), [field.index, shape.make()]]));
	}
}

/** A webhook with n8n authentication: refused without its header or with a wrong one. */
async function attackAuthenticatedWebhook(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger): Promise<void> {
	const url = `${env.n8n.baseUrl}${entry.url}`;
	const own = credentialOf(env, entry, 'httpHeaderAuth');
	const name = String(own?.data.name ?? 'X-Shop-Sync-Token');
	const value = String(own?.data.value ?? '');
	const contact = { id: '1000000042', first_name: 'Mallory', last_name: 'Anonymous', phone: '+33612345678', custom_fields: {} };
	const wrong: Array<[string, Record<string, string>]> = [
		['no header', {}],
		['wrong value', { [name]: randomBytes(18).toString('base64url') }],
		['empty value', { [name]: '' }],
		['value cut short', { [name]: value.slice(0, -1) }],
		['right value under another header', { authorization: value, 'x-token': value }],
	];
	for (const [how, headers] of wrong) {
		const answer = await request(url, { method: entry.method ?? 'POST', body: JSON.stringify(contact), headers: { 'content-type': 'application/json', ...headers } });
		ledger.record(`${entry.method} ${entry.url}, ${how}`, refusedStatus(answer.status), answer.ms, `HTTP ${answer.status}`);
	}
}

/** A webhook with no n8n authentication: a request from anyone is let in. */
async function attackOpenWebhook(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger): Promise<void> {
	const answer = await request(`${env.n8n.baseUrl}${entry.url}`, { method: entry.method ?? 'POST', body: JSON.stringify({ id: '1000000042', first_name: 'Mallory' }), headers: { 'content-type': 'application/json' } });
	ledger.record(`${entry.method} ${entry.url} without credentials (no authentication configured)`, refusedStatus(answer.status), answer.ms, `HTTP ${answer.status}`);
}

/** Our Shopify trigger: an unsigned delivery is refused (the `forged` scenario tries all forgeries). */
async function attackShopifyWebhook(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger, unpublished: Set<string>): Promise<void> {
	const answer = await request(`${env.n8n.baseUrl}${entry.url}`, { method: 'POST', body: JSON.stringify({ id: 1, email: 'forged@example.com' }), headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' } });
	// Not published in this environment (eManageCRM sync): n8n has no such URL.
	if (answer.status === 404) unpublished.add(`${entry.file}: "${entry.node.name}"`);
	ledger.record(`POST ${entry.url}, unsigned`, refusedStatus(answer.status) || answer.status === 404, answer.ms, `HTTP ${answer.status}`);
}

/** A page an execution waits on: nothing without the signature n8n put in its URL. */
async function attackWaitingPage(env: ReliabilityEnvironment, workflowId: string, waitingUrl: URL, fields: FormField[], ledger: Ledger): Promise<void> {
	const id = executionIdOf(waitingUrl);
	const bare = `${env.n8n.baseUrl}/form-waiting/${id}`;
	const forged = `${bare}?signature=${randomBytes(32).toString('hex')}`;
	const values = new Map(fields.map((field) => [field.index, plausibleValue(field)]));
	const attempts: Array<[string, string, RequestInit]> = [
		['GET without signature', bare, {}],
		['GET with a forged signature', forged, {}],
		['status without signature', `${bare}/n8n-execution-status`, {}],
		['POST without signature', bare, { method: 'POST', body: multipart(fields, values) }],
		['POST with a forged signature', forged, { method: 'POST', body: multipart(fields, values) }],
	];
	for (const [how, url, init] of attempts) {
		const answer = await request(url, init);
		ledger.record(`${workflowId} form page, ${how}`, refusedStatus(answer.status), answer.ms, `HTTP ${answer.status}: ${answer.text.slice(0, 80)}`);
	}
	const guessed = await request(`${env.n8n.baseUrl}/form-waiting/${Number(id) + 1_000_000}`);
	ledger.record(`${workflowId} form page, guessed execution`, guessed.status === 404 || refusedStatus(guessed.status), guessed.ms, `HTTP ${guessed.status}`);
}

/** Delivers the emails into the Gmail simulator; returns the ids it gave them and how many it refused. */
async function deliverEmails(env: ReliabilityEnvironment, emails: ReturnType<typeof spoofedEmails>): Promise<{ ids: string[]; refused: number }> {
	const ids: string[] = [];
	let refused = 0;
	for (const email of emails) {
		const response = await axios.post(`${env.gmail.url}/__sim/messages`, Buffer.from(email.mime, 'utf8'), { headers: { 'content-type': 'message/rfc822' }, validateStatus: () => true, maxBodyLength: Infinity });
		if (response.status === 201) ids.push(String(response.data.id));
		else refused++;
	}
	return { ids, refused };
}

/** Emails the shipped intake has fetched (its "Fetch Raw Email" reads each one it selected). */
const fetchedEmails = (env: ReliabilityEnvironment, ids: string[]) => {
	const fetched = new Set(env.gmail.requests.filter((entry) => entry.method === 'GET' && entry.status === 200).map((entry) => entry.path.split('/').at(-1)));
	return ids.filter((id) => fetched.has(id)).length;
};

/** Stops executions of these workflows that wait on a page, returning how many there were. */
async function stopWaiting(env: ReliabilityEnvironment, workflowIds: string[]): Promise<number> {
	let stopped = 0;
	for (const workflowId of workflowIds) {
		const listed = await env.publicApi().get<{ data: Array<{ id: string | number }> }>(`/executions?status=waiting&workflowId=${workflowId}&limit=250&includeData=false`);
		for (const execution of listed.status === 200 ? listed.data.data : []) {
			await env.n8n.rest('POST', `/rest/executions/${execution.id}/stop`);
			stopped++;
		}
	}
	return stopped;
}

const describeWrites = (seen: WritesSeen) => Object.entries(seen.writes).map(([name, list]) => `${name}: ${list.length} (${[...new Set(list)].slice(0, 3).join(', ')})`);

interface WaitingTarget {
	url: URL;
	/** The page's fields, to post to it. */
	fields: FormField[];
}

/**
 * One execution per workflow with form pages, brought to wait on a page the way its users do: the
 * owner's first use of an invitation, or a manager's submission (a form problem first, so nothing
 * is saved; a plausible order otherwise).
 */
async function waitingExecutions(env: ReliabilityEnvironment, entries: EntryPoint[], onboarding: URL | undefined, onboardingForm: EntryPoint | undefined): Promise<Map<string, WaitingTarget>> {
	const targets = new Map<string, WaitingTarget>();
	if (onboarding && onboardingForm) targets.set(onboardingForm.workflowId, { url: onboarding, fields: [] });
	for (const workflowId of new Set(entries.filter((entry) => entry.kind === 'form page').map((entry) => entry.workflowId))) {
		if (targets.has(workflowId)) continue;
		for (const form of entries.filter((entry) => entry.kind === 'form' && entry.workflowId === workflowId && entry.authentication === 'basicAuth')) {
			const credential = credentialOf(env, form, 'httpBasicAuth');
			if (!credential) continue;
			const fields = formFields(form.node);
			for (const unreadable of [true, false]) {
				const values = new Map(fields.map((field) => [field.index, unreadable && /items?$/i.test(field.label) ? 'not an item line' : plausibleValue(field)]));
				const posted = await request(`${env.n8n.baseUrl}${form.url}`, { method: 'POST', body: multipart(fields, values), headers: { authorization: basicAuth(String(credential.data.user), String(credential.data.password)) } });
				const outcome = await follow(posted, performance.now(), { end: false });
				if (outcome.status === 'form-waiting' && posted.waitingUrl) {
					targets.set(workflowId, { url: posted.waitingUrl, fields: [] });
					break;
				}
			}
			if (targets.has(workflowId)) break;
		}
	}
	return targets;
}

/** Ends what the waiting-page attacks left waiting: a completion page as the browser does, any other page by stopping it. */
async function finishWaiting(env: ReliabilityEnvironment, targets: Map<string, WaitingTarget>): Promise<void> {
	for (const { url } of targets.values()) {
		const page = await request(url.toString());
		if (page.status === 200 && isCompletionPage(page.text)) await request(url.toString(), { method: 'POST', body: '[object Object]', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
		else await env.n8n.rest('POST', `/rest/executions/${executionIdOf(url)}/stop`);
	}
}

interface RunItem {
	json: Record<string, unknown>;
}

/** The parser's time per email in each poll, and crashed email executions. */
async function emailParsing(env: ReliabilityEnvironment, afterId: number): Promise<{ worstPerEmailMs: number; crashed: number }> {
	let worstPerEmailMs = 0;
	let crashed = 0;
	for (const execution of await env.executionsSince(WORKFLOWS.emailIntake, afterId)) {
		if (execution.status === 'crashed') crashed++;
		const { data } = await env.n8n.execution(execution.id);
		const runData = data.resultData.runData as Record<string, Array<{ data?: { main: Array<RunItem[] | null> }; executionTime?: number }>>;
		const parser = runData['Parse Delivery Email']?.[0];
		const read = (runData['New Delivery Emails (Gmail)']?.[0]?.data?.main[0] ?? []).length;
		if (parser && read > 0) worstPerEmailMs = Math.max(worstPerEmailMs, (parser.executionTime ?? 0) / read);
	}
	return { worstPerEmailMs, crashed };
}

/** A manager's submissions with a 1 MB value in one field each (every field, every shape at full size). */
async function hostileForm(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger, quick: boolean): Promise<void> {
	const credential = credentialOf(env, entry, 'httpBasicAuth');
	if (!credential) return;
	const fields = formFields(entry.node).filter((field) => field.type !== 'hiddenField');
	const all = formFields(entry.node);
	for (const [position, field] of fields.entries()) {
		const shapes = quick ? [HOSTILE_SHAPES[position % HOSTILE_SHAPES.length]] : HOSTILE_SHAPES;
		for (const shape of shapes) {
			const values = new Map(all.map((candidate) => [candidate.index, plausibleValue(candidate)]));
			values.set(field.index, shape.make());
			const started = performance.now();
			const posted = await request(`${env.n8n.baseUrl}${entry.url}`, { method: 'POST', body: multipart(all, values), headers: { authorization: basicAuth(String(credential.data.user), String(credential.data.password)) } });
			const outcome = await follow(posted, started);
			// Answered: a page for the manager (the saved order or the problem), or n8n refusing the size.
			// Answered: n8n gave an HTTP answer and the execution it started, if any, ended on a page or finished.
			const answered = posted.status !== 0 && !['running', 'new', ''].includes(outcome.status);
			if (outcome.status === 'error') ledger.failed.push(`${entry.url} "${field.label}" (${shape.name})`);
			ledger.record(`${entry.url} "${field.label}"`, answered, Math.max(posted.ms, outcome.ms), `HTTP ${posted.status}, then ${outcome.status}`);
		}
	}
}

/** ManyChat's External Request with its header and 1 MB values in the contact data. */
async function hostileWebhook(env: ReliabilityEnvironment, entry: EntryPoint, ledger: Ledger, shapes: typeof HOSTILE_SHAPES): Promise<void> {
	const own = credentialOf(env, entry, 'httpHeaderAuth');
	if (!own) return;
	for (const [index, shape] of shapes.entries()) {
		const value = shape.make();
		const key = (['first_name', 'name', 'phone', 'email', 'last_input_text'] as const)[index % 5];
		const contact = { id: '1000000042', first_name: 'Carol', last_name: 'Hostile', name: 'Carol Hostile', custom_fields: { note: value }, [key]: value };
		const answer = await request(`${env.n8n.baseUrl}${entry.url}`, { method: entry.method ?? 'POST', body: JSON.stringify(contact), headers: { 'content-type': 'application/json', [String(own.data.name)]: String(own.data.value) } });
		ledger.record(`${entry.method} ${entry.url} 1 MB "${key}"`, answer.status < 500, answer.ms, `HTTP ${answer.status}`);
	}
}

export async function anonymousVisitor(env: ReliabilityEnvironment, quick: boolean): Promise<ScenarioResult> {
	const started = performance.now();
	const tag = Date.now().toString(36);
	const entries = publicEntryPoints();
	const review = reviewPath();
	const ledger = new Ledger();
	const notes: string[] = [];
	const unpublished = new Set<string>();
	const rounds = quick ? 1 : 5;
	const withoutAttack: string[] = [];

	// Setup, not measured: an order the CRM holds, an invitation used once, executions waiting on a page.
	await env.settle();
	const firstExecution = await env.lastExecutionId();
	const existing = existingOrder(tag);
	seedExistingOrder(env, existing);
	const invitationForm = entries.find((entry) => entry.kind === 'form' && !isOpen(entry) && entry.authentication === 'none' && verifiesInvitation(entry.next[0]));
	const invitations = await invitationCases(env, entries, invitationForm, notes);
	const waiting = await waitingExecutions(env, entries, invitations.waitingUrl, invitationForm);

	env.log(`[anonymous] ${entries.length} public entry points; ${invitations.attacks.length} invitation cases; executions waiting on a page in ${[...waiting.keys()].join(', ') || 'no workflow'}`);
	// Phase 1: the pages executions wait on, without their signature. They must stay where they are.
	const markPages = markWrites(env);
	for (const [workflowId, target] of waiting) await attackWaitingPage(env, workflowId, target.url, target.fields, ledger);
	const pages = writesSince(env, markPages, review);
	for (const workflowId of new Set(entries.filter((entry) => entry.kind === 'form page').map((entry) => entry.workflowId))) {
		if (!waiting.has(workflowId)) withoutAttack.push(`${workflowId}: form pages (no execution could be brought to wait on one)`);
	}
	await finishWaiting(env, waiting);
	await env.settle(300_000);

	// Phase 2: every other entry point without valid credentials, and spoofed emails. Nothing may be written or sent.
	const lastExecution = await env.lastExecutionId();
	const markAnonymous = markWrites(env);
	const emails = spoofedEmails(quick ? EMAILS_PER_POLL : 200, tag, existing.orderNumber);
	let refusedByGmail = 0;
	const attacks = (async () => {
		for (let round = 0; round < rounds; round++) {
			for (const entry of entries) {
				if (entry.kind === 'form' && isOpen(entry)) await attackOpenForm(env, entry, ledger);
				else if (entry.kind === 'form' && entry === invitationForm) await attackInvitationForm(env, entry, ledger, invitations.attacks, quick || round > 0);
				else if (entry.kind === 'form' && entry.authentication === 'basicAuth') await attackAuthenticatedForm(env, entry, ledger);
				else if (entry.kind === 'webhook' && isOpen(entry)) await attackOpenWebhook(env, entry, ledger);
				else if (entry.kind === 'webhook' && entry.authentication === 'headerAuth') await attackAuthenticatedWebhook(env, entry, ledger);
				else if (entry.kind === 'shopify webhook') await attackShopifyWebhook(env, entry, ledger, unpublished);
				else if (entry.kind === 'form page') continue; // phase 1
				else if (entry.kind === 'mailbox' && entry.node.type === 'n8n-nodes-base.gmailTrigger') continue; // the spoofed emails below
				else if (round === 0) withoutAttack.push(`${entry.file}: "${entry.node.name}" (${entry.node.type}, ${entry.kind})`);
			}
		}
	})();
	const mailbox = entries.some((entry) => entry.kind === 'mailbox' && entry.node.type === 'n8n-nodes-base.gmailTrigger');
	let stoppedPages = 0;
	let unread = 0;
	for (let at = 0; at < (mailbox ? emails.length : 1); at += EMAILS_PER_POLL) {
		const batch = mailbox ? await deliverEmails(env, emails.slice(at, at + EMAILS_PER_POLL)) : { ids: [], refused: 0 };
		refusedByGmail += batch.refused;
		if (at === 0) {
			// The requests run meanwhile; a visitor let past a form may have left its execution on a page.
			await attacks;
			stoppedPages = await stopWaiting(env, PUBLIC_WORKFLOWS);
			env.log(`[anonymous] ${ledger.tried} requests tried without valid credentials`);
		}
		// Every spoofed email must really be read by the intake (it polls every minute).
		try {
			await until('the email intake has read every spoofed email of the batch', () => fetchedEmails(env, batch.ids) === batch.ids.length, 180_000, 500);
		} catch {
			unread += batch.ids.length - fetchedEmails(env, batch.ids);
		}
		await env.settle();
		if (mailbox) env.log(`[anonymous] ${Math.min(at + EMAILS_PER_POLL, emails.length)} of ${emails.length} spoofed emails delivered and read`);
	}
	const anonymous = writesSince(env, markAnonymous, review);
	const emailRuns = await emailParsing(env, lastExecution);

	env.log('[anonymous] sending 1 MB values as an authenticated manager and as ManyChat');
	// Phase 3: authenticated, 1 MB hostile values into every field and the webhook body.
	const markHostile = markWrites(env);
	const hostile = new Ledger();
	for (const entry of entries) {
		if (entry.kind === 'form' && entry.authentication === 'basicAuth') await hostileForm(env, entry, hostile, quick);
		if (entry.kind === 'webhook' && entry.authentication === 'headerAuth') await hostileWebhook(env, entry, hostile, quick ? HOSTILE_SHAPES.slice(0, 2) : HOSTILE_SHAPES);
	}
	await stopWaiting(env, PUBLIC_WORKFLOWS);
	await env.settle();
	const authenticated = writesSince(env, markHostile, review);
	const crashed = (await Promise.all([...new Set<string>([...Object.values(WORKFLOWS), ...entries.map((entry) => entry.workflowId)])].map(async (id) => await env.executionsSince(id, firstExecution)))).flat().filter((execution) => execution.status === 'crashed').length;

	const open = entries.filter(isOpen).map((entry) => `${entry.file}: "${entry.node.name}" ${entry.url}`);
	const writes = pages.total + anonymous.total;
	const messages = [...pages.messages, ...anonymous.messages];
	return scenarioResult(
		'anonymous',
		'7. Anonymous visitor',
		quick,
		started,
		[
			figure('public entry points (from workflows/*.json)', entries.length),
			figure('entry points without authentication', open.length, true),
			figure('entry points without an attack', withoutAttack.length, true),
			figure('requests tried without valid credentials', ledger.tried),
			figure('spoofed delivery emails', mailbox ? emails.length : 0),
			figure('spoofed emails the intake never read', unread, true),
			figure('requests let in', ledger.letIn.length, true),
			figure('writes at BigQuery, CEGID, Shopify, eManageCRM, CTRwow, ManyChat', writes, true),
			figure("messages sent (other than the managers' review notice)", messages.length, true),
			figure('review notices to the managers', anonymous.reviewNotices),
			figure('worst answer time, unauthenticated (ms)', Math.round(ledger.worstMs)),
			figure('worst parsing time per spoofed email (ms)', Math.round(emailRuns.worstPerEmailMs)),
			figure('authenticated requests with 1 MB values', hostile.tried),
			figure('worst answer time, 1 MB values (ms)', Math.round(hostile.worstMs)),
			figure('1 MB requests not answered', hostile.tried - [...hostile.byAttack.values()].reduce((sum, tally) => sum + tally.refused, 0), true),
			figure('1 MB requests whose execution failed (recorded for replay)', hostile.failed.length),
			figure('crashed executions', crashed, true),
		],
		[
			"answer time: from sending a request to n8n's complete answer; for a form submission, until its next page is ready (so it includes parsing the fields and saving to the CRM); parsing time: the Parse Delivery Email node's execution time in one poll divided by the emails that poll read",
			`writes count requests that change something at a simulator (BigQuery inserts and DML, Shopify mutations, CEGID/eManageCRM/CTRwow POST/PUT/PATCH/DELETE, ManyChat field and tag changes); messages are ManyChat deliveries; the managers' "needs review" notice (to ${[...review.managers].join(', ')}) is the one expected answer to a spoofed email`,
			`by attack (refused/tried): ${[...ledger.byAttack.entries()].map(([attack, tally]) => `${attack} ${tally.refused}/${tally.tried}`).join('; ')}`,
			`spoofed emails: ${[...new Set(emails.map((email) => email.kind.split(',')[0]))].join('; ')}; ${refusedByGmail} refused by Gmail; order ${existing.orderNumber} was seeded in the CRM for the replayed ones`,
			`1 MB values, authenticated (answered/tried): ${[...hostile.byAttack.entries()].map(([attack, tally]) => `${attack} ${tally.refused}/${tally.tried}`).join('; ')}; slowest: ${hostile.worstWhat}`,
			`what the authenticated 1 MB requests wrote (a manager's order or a catalog request may be saved): ${describeWrites(authenticated).join('; ') || 'nothing'}; messages: ${authenticated.messages.length}`,
			...(ledger.noAnswer ? [`${ledger.noAnswer} request(s) got no HTTP answer (n8n reset the connection: a URL over its header limit, or a body it refused before reading it)`] : []),
			...(stoppedPages ? [`${stoppedPages} execution(s) were left waiting on a form page by a visitor let in, and stopped`] : []),
			...(unpublished.size ? [`not published in this environment (n8n answers 404; the forged scenario and the workflow check cover them): ${[...unpublished].join(', ')}`] : []),
			...open.map((line) => `no authentication: ${line}`),
			...withoutAttack.map((line) => `no attack for: ${line}`),
			...ledger.letIn.slice(0, 10).map((line) => `let in: ${line}`),
			...hostile.letIn.slice(0, 10).map((line) => `1 MB value not answered: ${line}`),
			...hostile.failed.slice(0, 10).map((line) => `1 MB value failed its execution: ${line}`),
			...[...describeWrites(pages), ...describeWrites(anonymous)].map((line) => `written: ${line}`),
			...messages.slice(0, 5).map((delivery) => `sent to ${delivery.subscriber_id}: ${String(delivery.custom_fields.order_message ?? delivery.flow_ns ?? JSON.stringify(delivery.content)).slice(0, 100)}`),
			...notes,
		],
	);
}
