import type { Route, SimRequest, SimulatorDefinition } from '../frame/types';
import { initialManyChatState, type ManyChatState } from './state';

/**
 * ManyChat simulator, following ManyChat's OpenAPI (`shared/specs/manychat/`) and what was seen on
 * the wire: JSON envelopes `{"status":"success","data":…}` / `{"status":"error","message":…}`,
 * 401 "Token is required" / "Wrong token", and an HTML page for unknown paths.
 *
 * Assumption (undocumented by ManyChat): the answer to exceeding a per-method limit. We send
 * HTTP 429 with the error envelope and no Retry-After header, since ManyChat documents none.
 */

/** Documented per-method limits, requests per second per page. */
const LIMITS_PER_SECOND: Record<string, number> = {
	page: 100,
	sending: 25,
	subscriberRead: 10,
	subscriberWrite: 10,
};

function bearerToken(req: SimRequest): string | undefined {
	const header = req.headers.authorization;
	const match = /^Bearer\s+(.+)$/i.exec(Array.isArray(header) ? header[0] : (header ?? ''));
	return match?.[1]?.trim();
}

function pageOf(req: SimRequest, state: ManyChatState) {
	const pageId = state.apiKeys[bearerToken(req) ?? ''];
	return state.pages[String(pageId)];
}

const routes: Array<Route<ManyChatState>> = [
	{
		method: 'GET',
		path: '/fb/page/getInfo',
		limitGroup: 'page',
		handler: (req, { state }) => ({ status: 200, body: { status: 'success', data: pageOf(req, state) } }),
	},
];

export const manyChatSimulator: SimulatorDefinition<ManyChatState> = {
	name: 'manychat',
	defaultPort: 4101,
	initialState: initialManyChatState,
	routes,
	authenticate(req, state) {
		const token = bearerToken(req);
		if (!token) return { status: 401, body: { status: 'error', message: 'Token is required' } };
		if (state.apiKeys[token] === undefined) {
			return { status: 401, body: { status: 'error', message: 'Wrong token' } };
		}
		return undefined;
	},
	rateLimit(req, route) {
		const limit = LIMITS_PER_SECOND[route.limitGroup ?? ''];
		return limit ? { key: bearerToken(req) ?? 'anonymous', limit, windowMs: 1000 } : undefined;
	},
	throttled: () => ({ status: 429, body: { status: 'error', message: 'Too many requests' } }),
	errorResponse: (status, message) => ({ status, body: { status: 'error', message } }),
	notFound: (req) => ({
		status: 404,
		raw: `<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Page not found</h1><p>${req.path}</p></body></html>`,
		headers: { 'content-type': 'text/html; charset=utf-8' },
	}),
};
