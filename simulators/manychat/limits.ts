/**
 * ManyChat's documented limits, requests per second per API key, counted per endpoint (each
 * operation's "***Limit:***" line). Where the spec and the help centre disagree (sendFlow 20 vs 25,
 * findBySystemField 50 vs 100) the lower number is used.
 *
 * Assumption (undocumented by ManyChat): the answer to exceeding a limit. We send HTTP 429 with
 * the error envelope and no Retry-After header, since ManyChat documents neither.
 */
import type { RateLimitRule, Route, SimRequest, SimResponse } from '../frame/types';
import { bearerToken } from './auth';

const PAGE_READ = 100;
const PAGE_FLOWS = 10;
const PAGE_WRITE = 10;
const SEND_CONTENT = 25;
const SEND_FLOW = 20;
const SUBSCRIBER_READ = 10;
const SUBSCRIBER_BY_SYSTEM_FIELD = 50;
const SUBSCRIBER_WRITE = 10;

/** limitGroup (one per endpoint) → requests per second. */
export const LIMITS_PER_SECOND: Record<string, number> = {
	'page.getInfo': PAGE_READ,
	'page.getTags': PAGE_READ,
	'page.getGrowthTools': PAGE_READ,
	'page.getWidgets': PAGE_READ,
	'page.getCustomFields': PAGE_READ,
	'page.getOtnTopics': PAGE_READ,
	'page.getBotFields': PAGE_READ,
	'page.getFlows': PAGE_FLOWS,
	'page.createTag': PAGE_WRITE,
	'page.removeTag': PAGE_WRITE,
	'page.removeTagByName': PAGE_WRITE,
	'page.createCustomField': PAGE_WRITE,
	'page.createBotField': PAGE_WRITE,
	'page.setBotField': PAGE_WRITE,
	'page.setBotFieldByName': PAGE_WRITE,
	'page.setBotFields': PAGE_WRITE,
	'sending.sendContent': SEND_CONTENT,
	'sending.sendContentByUserRef': SEND_CONTENT,
	'sending.sendFlow': SEND_FLOW,
	'subscriber.getInfo': SUBSCRIBER_READ,
	'subscriber.findByName': SUBSCRIBER_READ,
	'subscriber.findByCustomField': SUBSCRIBER_READ,
	// The spec gives no limit for getInfoByUserRef; it is a subscriber read like getInfo.
	'subscriber.getInfoByUserRef': SUBSCRIBER_READ,
	'subscriber.findBySystemField': SUBSCRIBER_BY_SYSTEM_FIELD,
	'subscriber.addTag': SUBSCRIBER_WRITE,
	'subscriber.addTagByName': SUBSCRIBER_WRITE,
	'subscriber.removeTag': SUBSCRIBER_WRITE,
	'subscriber.removeTagByName': SUBSCRIBER_WRITE,
	'subscriber.setCustomField': SUBSCRIBER_WRITE,
	'subscriber.setCustomFieldByName': SUBSCRIBER_WRITE,
	'subscriber.setCustomFields': SUBSCRIBER_WRITE,
	'subscriber.verifyBySignedRequest': SUBSCRIBER_WRITE,
	'subscriber.createSubscriber': SUBSCRIBER_WRITE,
	'subscriber.updateSubscriber': SUBSCRIBER_WRITE,
};

/** sendFlow's second limit: "100 queries per a given subscriber per hour". */
export const FLOWS_PER_SUBSCRIBER_PER_HOUR = 100;

export function rateLimit<S>(req: SimRequest, route: Route<S>): RateLimitRule | undefined {
	const limit = LIMITS_PER_SECOND[route.limitGroup ?? ''];
	return limit ? { key: bearerToken(req) ?? 'anonymous', limit, windowMs: 1000 } : undefined;
}

export function throttled(): SimResponse {
	return { status: 429, body: { status: 'error', message: 'Too many requests' } };
}
