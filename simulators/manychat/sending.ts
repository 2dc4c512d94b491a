/**
 * Sending API (`/fb/sending/*`). Refusals follow what was seen on the wire: message tags rejected
 * as a Validation error, code 3011 outside the 24-hour window, and HTTP 200 with `status: "error"`
 * for a subscriber who blocked the page. sendFlow is allowed outside the window: that is the
 * documented way to reach such subscribers (with a flow built for it).
 */
import type { Route } from '../frame/types';
import { type Channel, type CheckedContent, checkContent } from './content';
import { FLOWS_PER_SUBSCRIBER_PER_HOUR } from './limits';
import { operation } from './operation';
import { addTagTo, flowByNs, isBlocked, recordDelivery, removeTagFrom, setSubscriberField, subscriberOf } from './records';
import { errorWithCode, errorWithDetails, invalid, ManyChatRefusal, refusedWithOk, success } from './responses';
import type { ManyChatState, ManyChatSubscriber } from './state';
import { Input } from './validation';

const HOUR = 3_600_000;
const WINDOW_HOURS = 24;
const BLOCKED = 'Subscriber has blocked the page';

/** Code 3011, worded as ManyChat words it today. Telegram has no such window. */
function assertInWindow(subscriber: ManyChatSubscriber, channel: Channel): void {
	if (channel === 'telegram') return;
	// A contact created by API has never written: there is no window to be inside.
	const elapsed = subscriber.last_interaction ? Date.now() - Date.parse(subscriber.last_interaction) : Number.NaN;
	if (elapsed <= WINDOW_HOURS * HOUR) return;
	const since = Number.isNaN(elapsed)
		? 'Subscriber has no last interaction'
		: `Subscriber's last interaction was over ${Math.floor(elapsed / HOUR)}h ago (more than 24 hours ago)`;
	throw new ManyChatRefusal(errorWithCode(`Content can't be sent to the subscriber without a message tag. ${since}`, 3011));
}

/**
 * Code 304X ("can't be sent via specific channel") when the subscriber has no contact on the
 * chosen channel. The spec gives only the 304X family; 3041 is our pick.
 */
function assertReachable(subscriber: ManyChatSubscriber, channel: Channel): void {
	const reachable =
		(channel === 'whatsapp' && Boolean(subscriber.whatsapp_phone) && subscriber.optin_whatsapp) ||
		(channel === 'instagram' && subscriber.ig_id !== null) ||
		channel === 'messenger' ||
		channel === 'telegram';
	if (!reachable) {
		throw new ManyChatRefusal(errorWithCode(`Content can't be sent to the subscriber via ${channel}: the subscriber has no ${channel} contact`, 3041));
	}
}

function applyActions(state: ManyChatState, subscriber: ManyChatSubscriber, content: CheckedContent): void {
	for (const action of content.actions) {
		if (action.action === 'add_tag') addTagTo(subscriber, action.tag);
		else if (action.action === 'remove_tag') removeTagFrom(subscriber, action.tag);
		else if (action.action === 'set_field_value') setSubscriberField(state, subscriber, action.field, action.value);
		else if (action.action === 'unset_field_value') setSubscriberField(state, subscriber, action.field, null);
	}
}

/** Counts accepted flows only; whether ManyChat also counts refused requests is not documented. */
function flowsInLastHour(state: ManyChatState, subscriber: ManyChatSubscriber): number {
	const since = Date.now() - HOUR;
	return state.deliveries.filter(
		(delivery) => delivery.kind === 'flow' && delivery.subscriber_id === subscriber.id && Date.parse(delivery.at) > since,
	).length;
}

export const sendingRoutes: Array<Route<ManyChatState>> = [
	operation('POST', 'sending.sendContent', (req, { state, changed }) => {
		const input = Input.body(req);
		input.id('subscriber_id');
		if (input.has('message_tag')) throw invalid('Message tags are no longer supported');
		const content = checkContent(input.raw('data'), state);
		const otnTopic = input.optionalString('otn_topic_name');
		const subscriber = subscriberOf(state, input);
		if (isBlocked(state, subscriber)) return refusedWithOk(BLOCKED);
		assertReachable(subscriber, content.channel);
		if (otnTopic !== undefined) {
			if (!state.otnTopics.some((topic) => topic.name === otnTopic)) {
				throw invalid(`otn_topic_name: no One-Time Notification topic named "${otnTopic}" on this page`);
			}
			// The simulator hands out no OTN tokens (Meta retired the feature), so every OTN send is refused.
			return errorWithCode("Content can't be sent to subscriber. The subscriber has no One-Time Notification tokens for the selected topic.", 3021);
		}
		assertInWindow(subscriber, content.channel);
		recordDelivery(state, subscriber, { kind: 'content', content: content.content });
		applyActions(state, subscriber, content);
		changed();
		return success();
	}),

	operation('POST', 'sending.sendContentByUserRef', (req, { state, changed }) => {
		const input = Input.body(req);
		const userRef = input.id('user_ref', { signed: true });
		// "The method doesn't process actions": they are checked but never applied.
		const checked = checkContent(input.raw('data'), state);
		const subscriber = Object.values(state.subscribers).find((candidate) =>
			candidate.user_refs.some((ref) => ref.user_ref === userRef),
		);
		if (!subscriber) return errorWithDetails("User_ref isn't registered", [`user_ref: ${userRef} isn't registered on this page`]);
		if (isBlocked(state, subscriber)) return refusedWithOk(BLOCKED);
		recordDelivery(state, subscriber, { kind: 'content', content: checked.content, user_ref: userRef });
		changed();
		return success();
	}),

	operation('POST', 'sending.sendFlow', (req, { state, changed }) => {
		const input = Input.body(req);
		input.id('subscriber_id');
		const ns = input.string('flow_ns');
		const subscriber = subscriberOf(state, input);
		flowByNs(state, ns);
		if (isBlocked(state, subscriber)) return refusedWithOk(BLOCKED);
		const hourlyCap = state.flowsPerSubscriberPerHour ?? FLOWS_PER_SUBSCRIBER_PER_HOUR;
		if (flowsInLastHour(state, subscriber) >= hourlyCap) {
			return errorWithDetails('Too many flows sent to this subscriber', [
				`sendFlow allows ${hourlyCap} requests per subscriber per hour; subscriber ${subscriber.id} reached it`,
			]);
		}
		recordDelivery(state, subscriber, { kind: 'flow', flow_ns: ns });
		changed();
		return success();
	}),
];
