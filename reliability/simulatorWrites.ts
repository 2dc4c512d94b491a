/**
 * What the vendor simulators were asked to change, and which messages went out, since a mark: the
 * measure of "did an attacker's request make anything happen". Reads are not counted (Shopify
 * GraphQL queries, BigQuery SELECTs, GETs, token grants). A message is a ManyChat delivery; the one
 * kind an attacker's request may cause is the managers' "needs review" notice (read from the
 * shipped email intake), whose custom-field update is part of it and not counted as a write.
 */
import type { ReliabilityEnvironment } from './environment';
import { readWorkflows } from './entryPoints';
import type { ManyChatDelivery } from '../simulators/manychat/state';
import type { LoggedRequest } from '../simulators/frame/types';

const WRITING_SIMULATORS = ['bigquery', 'cegid', 'shopify', 'emanage', 'ctrwow', 'manychat'] as const;

export interface WriteMark {
	requests: Record<string, number>;
	/** The last delivery so far (the simulator keeps the latest 10,000, so a count would drift). */
	lastDelivery?: ManyChatDelivery;
}

export interface WritesSeen {
	/** Simulator → write requests, e.g. "bigquery POST …/insertAll". */
	writes: Record<string, string[]>;
	total: number;
	/** Deliveries other than the managers' review notice. */
	messages: ManyChatDelivery[];
	reviewNotices: number;
}

interface ReviewPath {
	managers: Set<string>;
	/** The text a review notice starts with (the node's message up to its first expression). */
	prefix: string;
}

/** The managers and the review notice's opening words, as the shipped email intake sends them. */
export function reviewPath(): ReviewPath {
	const intake = readWorkflows().find(({ workflow }) => workflow.id === 'shopSyncEmailIntake')?.workflow;
	const node = intake?.nodes.find((candidate) => candidate.name === 'Notify Managers: Needs Review');
	if (!node) throw new Error('workflows/order-intake-email.json has no "Notify Managers: Needs Review" node');
	const managers = new Set(String(node.parameters.subscriberIds).split(',').map((id) => id.trim()).filter(Boolean));
	const prefix = String(node.parameters.message).replace(/^=/, '').split('{{')[0];
	return { managers, prefix };
}

export function markWrites(env: ReliabilityEnvironment): WriteMark {
	return {
		requests: Object.fromEntries(WRITING_SIMULATORS.map((name) => [name, env.simulators[name].requests.length])),
		lastDelivery: env.manychat.state.deliveries.at(-1),
	};
}

const body = (request: LoggedRequest) => (request.body !== null && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {});

/** Whether a logged request changed something at that simulator. */
export function isWrite(simulator: string, request: LoggedRequest, review: ReviewPath): boolean {
	if (request.method === 'GET' || request.method === 'HEAD' || request.path.startsWith('/__sim/')) return false;
	// Refused before anything was done (fault injection, throttling, bad credentials).
	if (request.outcome || (request.status ?? 0) >= 400) return false;
	if (/\/token$|\/oauth\/|\/auth$/.test(request.path)) return false;
	switch (simulator) {
		case 'bigquery':
			if (/\/(queries|jobs)$/.test(request.path)) {
				const query = String(body(request).query ?? (body(request).configuration as { query?: { query?: string } } | undefined)?.query?.query ?? '');
				return !/^\s*(SELECT|WITH)\b/i.test(query);
			}
			return true;
		case 'shopify':
			if (request.path.endsWith('/graphql.json')) return /^\s*mutation\b/.test(String(body(request).query ?? ''));
			return true;
		case 'manychat': {
			// A read that ManyChat serves over POST, and the review notice: its flow and its text field.
			if (request.path.endsWith('/verifyBySignedRequest')) return false;
			if (request.path.startsWith('/fb/sending/')) return false; // counted as a message
			const fields = body(request);
			const subscriber = String(fields.subscriber_id ?? '');
			const text = String(fields.field_value ?? fields.value ?? '');
			return !(review.managers.has(subscriber) && text.startsWith(review.prefix));
		}
		default:
			return true;
	}
}

export function writesSince(env: ReliabilityEnvironment, mark: WriteMark, review = reviewPath()): WritesSeen {
	const writes: Record<string, string[]> = {};
	for (const name of WRITING_SIMULATORS) {
		const found = env.simulators[name].requests
			.slice(mark.requests[name])
			.filter((request) => isWrite(name, request, review))
			.map((request) => `${request.method} ${request.path}`);
		if (found.length) writes[name] = found;
	}
	const all = env.manychat.state.deliveries;
	const deliveries = all.slice(mark.lastDelivery ? all.lastIndexOf(mark.lastDelivery) + 1 : 0);
	const isReview = (delivery: ManyChatDelivery) => review.managers.has(delivery.subscriber_id) && String(delivery.custom_fields.order_message ?? '').startsWith(review.prefix);
	return {
		writes,
		total: Object.values(writes).reduce((sum, list) => sum + list.length, 0),
		messages: deliveries.filter((delivery) => !isReview(delivery)),
		reviewNotices: deliveries.filter(isReview).length,
	};
}
