import { randomBytes } from 'node:crypto';

import type { SimRequest, SimResponse } from '../frame/types';
import type { EManageState } from './state';

const header = (req: SimRequest, name: string) => {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : (value ?? '');
};

export const isWebSales = (path: string) => path.startsWith('/sales/api/');
const isOpen = (path: string) => path === '/auth' || path.startsWith('/exports/');

/** POST /auth: Basic username:password → a JWT-looking token as plain text (one of the shapes TraceKit accepts). */
export function issueToken(req: SimRequest, state: EManageState): SimResponse {
	const basic = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization'));
	const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
	const colon = decoded.indexOf(':');
	const user = state.users.find((entry) => entry.username.toLowerCase() === decoded.slice(0, colon).toLowerCase());
	if (!basic || colon < 0 || !user || user.password !== decoded.slice(colon + 1)) {
		return { status: 401, body: { message: 'Invalid username or password.' } };
	}
	if (user.locked) return { status: 401, body: { message: 'User account is locked.', code: 'AccountLocked' } };
	if (user.passwordExpired) return { status: 401, body: { message: 'Your password has expired. Please change your password.', code: 'PasswordExpired' } };
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: user.username, n: randomBytes(6).toString('hex') })}.${randomBytes(24).toString('base64url')}`;
	state.tokens[token] = { username: user.username, expiresAt: Date.now() + state.tokenLifetimeSeconds * 1000 };
	return { status: 200, raw: token, headers: { 'content-type': 'text/plain; charset=utf-8' } };
}

/** Bearer token for the server API; X_CID of a known client for the Web Sales API. */
export function authenticate(req: SimRequest, state: EManageState): SimResponse | undefined {
	if (isOpen(req.path)) return undefined;
	if (isWebSales(req.path)) {
		const cid = header(req, 'x_cid');
		return state.campaigns.some((campaign) => campaign.cid === cid) ? undefined : { status: 401, body: { message: 'Unauthorized client. Check the X_CID header.' } };
	}
	const bearer = /^bearer\s+(\S+)$/i.exec(header(req, 'authorization'));
	const token = bearer ? state.tokens[bearer[1]] : undefined;
	if (!token || token.expiresAt < Date.now()) return { status: 401, body: { message: 'Authorization has been denied for this request.' } };
	return undefined;
}

export function rateKey(req: SimRequest): string {
	return isWebSales(req.path) ? `cid:${header(req, 'x_cid')}` : `token:${header(req, 'authorization')}`;
}
