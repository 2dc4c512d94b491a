/** Lookups and updates on the simulator's records, refusing the way ManyChat does when one is missing. */
import { unknown } from './responses';
import type { FieldValue, ManyChatCustomField, ManyChatFlow, ManyChatState, ManyChatSubscriber, ManyChatTag } from './state';
import type { Input } from './validation';

/** Deliveries kept for inspection; older ones are dropped, like the frame's request log. */
const MAX_DELIVERIES = 10_000;

export function subscriberById(state: ManyChatState, id: string): ManyChatSubscriber {
	const subscriber = state.subscribers[id];
	if (!subscriber) throw unknown('subscriber_id', `no subscriber with ID ${id} on this page`);
	return subscriber;
}

/** The subscriber named by `subscriber_id` (number, big-number string or numeric string). */
export function subscriberOf(state: ManyChatState, input: Input): ManyChatSubscriber {
	return subscriberById(state, input.id('subscriber_id'));
}

export function isBlocked(state: ManyChatState, subscriber: ManyChatSubscriber): boolean {
	return state.blockedSubscriberIds.includes(subscriber.id);
}

export function tagById(state: ManyChatState, id: number): ManyChatTag {
	const tag = state.tags.find((candidate) => candidate.id === id);
	if (!tag) throw unknown('tag_id', `no tag with ID ${id} on this page`);
	return tag;
}

/** Tag names are matched exactly: the spec only calls field names "not case sensitive". */
export function tagByName(state: ManyChatState, name: string, label = 'tag_name'): ManyChatTag {
	const tag = state.tags.find((candidate) => candidate.name === name);
	if (!tag) throw unknown(label, `no tag named "${name}" on this page`);
	return tag;
}

export function flowByNs(state: ManyChatState, ns: string): ManyChatFlow {
	const flow = state.flows.find((candidate) => candidate.ns === ns);
	if (!flow) throw unknown('flow_ns', `no flow "${ns}" on this page`);
	return flow;
}

export function nextId(records: Array<{ id: number }>): number {
	return records.reduce((max, record) => Math.max(max, record.id), 0) + 1;
}

export function addTagTo(subscriber: ManyChatSubscriber, tag: ManyChatTag): void {
	if (!subscriber.tags.some((held) => held.id === tag.id)) subscriber.tags.push({ ...tag });
}

export function removeTagFrom(subscriber: ManyChatSubscriber, tag: ManyChatTag): void {
	subscriber.tags = subscriber.tags.filter((held) => held.id !== tag.id);
}

export function setSubscriberField(
	state: ManyChatState,
	subscriber: ManyChatSubscriber,
	field: ManyChatCustomField,
	value: FieldValue,
): void {
	const entry = subscriber.custom_fields.find((candidate) => candidate.id === field.id);
	if (entry) entry.value = value;
	else subscriber.custom_fields.push({ ...field, value });
	state.fieldUpdatedAt[subscriber.id] = { ...state.fieldUpdatedAt[subscriber.id], [field.id]: new Date().toISOString() };
}

/** name → value of every custom field, as a flow rendering `{{field}}` would see them now. */
export function fieldSnapshot(subscriber: ManyChatSubscriber): Record<string, unknown> {
	return Object.fromEntries(subscriber.custom_fields.map((field) => [field.name, field.value]));
}

export function recordDelivery(
	state: ManyChatState,
	subscriber: ManyChatSubscriber,
	delivery: { kind: 'content' | 'flow'; content?: unknown; flow_ns?: string; user_ref?: string },
): void {
	state.deliveries.push({
		subscriber_id: subscriber.id,
		kind: delivery.kind,
		at: new Date().toISOString(),
		...(delivery.content !== undefined && { content: delivery.content }),
		...(delivery.flow_ns !== undefined && { flow_ns: delivery.flow_ns }),
		...(delivery.user_ref !== undefined && { user_ref: delivery.user_ref }),
		custom_fields: fieldSnapshot(subscriber),
	});
	if (state.deliveries.length > MAX_DELIVERIES) state.deliveries.shift();
}
