/**
 * OAuth 2.0 as Google runs it for the Gmail API: the token endpoint (https://oauth2.googleapis.com/token,
 * served here at POST /token) for the `refresh_token` grant, and bearer access tokens on every API call.
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline (refresh) and
 * https://developers.google.com/identity/protocols/oauth2/web-server#callinganapi (bearer).
 * The authorization-code step (the consent screen at accounts.google.com) is not simulated: the
 * development credential is imported with its token data, as if consent had been given.
 */
import { randomBytes } from 'node:crypto';

import { oauthClientOf } from '../frame/oauthClient';
import type { Handler, SimRequest, SimResponse } from '../frame/types';
import { oauthError, unauthenticated } from './responses';
import { ACCESS_TOKEN_SECONDS, type GmailState, SIM_GMAIL_CLIENT, SIM_SCOPE } from './state';


export const tokenGrant: Handler<GmailState> = (req, ctx) => {
	const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
	ctx.state.tokenGrants[form.grant_type ?? '(none)'] = (ctx.state.tokenGrants[form.grant_type ?? '(none)'] ?? 0) + 1;
	ctx.changed();
	const client = oauthClientOf(req, form);
	if (client.id !== SIM_GMAIL_CLIENT.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
	if (client.secret !== SIM_GMAIL_CLIENT.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
	if (form.grant_type !== 'refresh_token') {
		return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type ?? ''}`);
	}
	if (!ctx.state.refreshTokens.includes(form.refresh_token ?? '')) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
	const accessToken = `ya29.sim-${randomBytes(24).toString('hex')}`;
	ctx.state.accessTokens[accessToken] = Date.now() + ACCESS_TOKEN_SECONDS * 1000;
	return { status: 200, body: { access_token: accessToken, expires_in: ACCESS_TOKEN_SECONDS, scope: SIM_SCOPE, token_type: 'Bearer' } };
};

/** Every Gmail API call needs a live bearer token; the token endpoint authenticates the client itself. */
export function authenticate(req: SimRequest, state: GmailState): SimResponse | undefined {
	if (req.path === '/token') return undefined;
	const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
	const expiresAt = bearer ? state.accessTokens[bearer[1]] : undefined;
	if (expiresAt === undefined || expiresAt <= Date.now()) return unauthenticated();
	return undefined;
}
