/**
 * ManyChat authentication: `Authorization: Bearer <page_id>:<key>`. The 401 bodies are the ones
 * third parties saw on the wire: "Token is required" without a token, "Wrong token" otherwise.
 */
import type { SimRequest, SimResponse } from '../frame/types';
import type { ManyChatPage, ManyChatState } from './state';

const TOKEN_FORM = /^\d+:[A-Za-z0-9]+$/;

export function bearerToken(req: SimRequest): string | undefined {
	const header = req.headers.authorization;
	const match = /^Bearer\s+(.*)$/i.exec(Array.isArray(header) ? header[0] : (header ?? ''));
	const token = match?.[1]?.trim();
	return token ? token : undefined;
}

export function authenticate(req: SimRequest, state: ManyChatState): SimResponse | undefined {
	const token = bearerToken(req);
	if (!token) return { status: 401, body: { status: 'error', message: 'Token is required' } };
	if (!TOKEN_FORM.test(token) || state.apiKeys[token] === undefined) {
		return { status: 401, body: { status: 'error', message: 'Wrong token' } };
	}
	return undefined;
}

/** The page the request's (already authenticated) key belongs to. */
export function pageOf(req: SimRequest, state: ManyChatState): ManyChatPage {
	return state.pages[String(state.apiKeys[bearerToken(req) ?? ''])];
}
