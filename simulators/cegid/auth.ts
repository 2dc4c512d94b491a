/**
 * Y2 authentication: HTTP Basic with DATABASEID\user (both flavours), or a bearer token from the
 * cloud's OAuth2 password grant (client CegidRetailResourceFlowClient, user@DATABASEID).
 */
import { randomBytes } from 'node:crypto';

import type { SimRequest, SimResponse } from '../frame/types';
import type { CegidState, SimUser } from './state';

export const OAUTH_CLIENT_ID = 'CegidRetailResourceFlowClient';

const header = (req: SimRequest) => {
	const value = req.headers.authorization;
	return Array.isArray(value) ? value[0] : (value ?? '');
};

/** The user a request authenticates as, or undefined. */
export function userOf(req: SimRequest, state: CegidState): SimUser | undefined {
	const authorization = header(req);
	const basic = /^Basic\s+(\S+)$/i.exec(authorization);
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		const login = decoded.slice(0, colon);
		const password = decoded.slice(colon + 1);
		const slash = login.indexOf('\\');
		if (colon < 0 || slash < 0) return undefined;
		const database = login.slice(0, slash);
		const user = login.slice(slash + 1);
		return state.users.find(
			(entry) => entry.database.toLowerCase() === database.toLowerCase() && entry.user.toLowerCase() === user.toLowerCase() && entry.password === password,
		);
	}
	const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
	if (bearer) {
		const token = state.tokens[bearer[1]];
		if (!token || token.expiresAt < Date.now()) return undefined;
		return state.users.find((entry) => entry.database === token.database && entry.user === token.user);
	}
	return undefined;
}

const isTokenPath = (path: string) => /^\/[^/]+\/as\/connect\/token$/.test(path);

/** IIS answers a refused SOAP call with its own HTML page; the REST plugin with a JSON message. */
export function authenticate(req: SimRequest, state: CegidState): SimResponse | undefined {
	if (isTokenPath(req.path)) return undefined;
	if (userOf(req, state)) return undefined;
	if (req.path.endsWith('.svc')) {
		return {
			status: 401,
			raw: '<!DOCTYPE html><html><head><title>401 - Unauthorized</title></head><body><h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2></body></html>',
			headers: { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="Y2"' },
		};
	}
	return { status: 401, body: { message: 'Authorization has been denied for this request.' }, headers: { 'www-authenticate': 'Basic realm="Y2"' } };
}

/** POST /{env}/as/connect/token: grant_type=password, username=user@DATABASEID. */
export function issueToken(req: SimRequest, state: CegidState): SimResponse {
	const form = (req.body ?? {}) as Record<string, string>;
	const refuse = (error: string, description: string) => ({ status: 400, body: { error, error_description: description } });
	if (form.grant_type !== 'password') return refuse('unsupported_grant_type', 'Only the password grant is supported.');
	if (form.client_id !== OAUTH_CLIENT_ID) return refuse('invalid_client', `Unknown client "${form.client_id ?? ''}".`);
	const [user, database] = String(form.username ?? '').split('@');
	const match = state.users.find(
		(entry) => entry.user.toLowerCase() === user?.toLowerCase() && entry.database.toLowerCase() === database?.toLowerCase() && entry.password === form.password,
	);
	if (!match) return refuse('invalid_grant', 'invalid_username_or_password');
	const token = randomBytes(24).toString('hex');
	state.tokens[token] = { database: match.database, user: match.user, expiresAt: Date.now() + state.tokenLifetimeSeconds * 1000 };
	return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: state.tokenLifetimeSeconds, scope: form.scope ?? '' } };
}
