/**
 * Google's OAuth 2.0 JWT-bearer grant (RFC 7523), as a service account uses it: POST /token with
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RS256 JWT>`. The simulator
 * checks the signature against the account's public key, the audience, the issue and expiry times
 * and the scope, and hands out an opaque access token valid for an hour. Every BigQuery call must
 * carry `Authorization: Bearer <that token>`, for a project the account belongs to.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';

import type { SimContext, SimRequest, SimResponse } from '../frame/types';
import { bqError } from './responses';
import type { BigQueryState } from './state';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SCOPES = ['https://www.googleapis.com/auth/bigquery', 'https://www.googleapis.com/auth/cloud-platform'];
const MAX_LIFETIME_S = 3600;
const SKEW_S = 300;

const grantError = (description: string, error = 'invalid_grant'): SimResponse => ({
	status: 400,
	body: { error, error_description: description },
});

function decodeSegment(segment: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

export function tokenGrant(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const form = (req.body ?? {}) as Record<string, string>;
	if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
		return grantError(`Invalid grant_type: ${String(form.grant_type ?? '')}`, 'unsupported_grant_type');
	}
	const parts = String(form.assertion ?? '').split('.');
	if (parts.length !== 3) return grantError('Invalid JWT: Token must be a short-lived token and in a reasonable timeframe');
	const [headerPart, payloadPart, signaturePart] = parts;
	const header = decodeSegment(headerPart);
	const claims = decodeSegment(payloadPart);
	if (!header || !claims) return grantError('Invalid JWT: could not decode the header or the claims');
	if (header.alg !== 'RS256') return grantError(`Invalid JWT: alg ${String(header.alg)} is not RS256`);
	const account = ctx.state.serviceAccounts[String(claims.iss ?? '')];
	if (!account) return grantError('Invalid JWT Signature.', 'invalid_grant');
	const signed = verify('RSA-SHA256', Buffer.from(`${headerPart}.${payloadPart}`), createPublicKey(account.publicKeyPem), Buffer.from(signaturePart, 'base64url'));
	if (!signed) return grantError('Invalid JWT Signature.');
	const host = String(req.headers.host ?? '');
	const audiences = [GOOGLE_TOKEN_URL, `http://${host}/token`];
	if (!audiences.includes(String(claims.aud ?? ''))) return grantError(`Invalid JWT: audience ${String(claims.aud)} is not ${audiences.join(' or ')}`);
	const now = Math.floor(Date.now() / 1000);
	const iat = Number(claims.iat);
	const exp = Number(claims.exp);
	if (!Number.isFinite(iat) || !Number.isFinite(exp) || iat > now + SKEW_S || exp < now - SKEW_S || exp - iat > MAX_LIFETIME_S) {
		return grantError('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
	}
	const scopes = String(claims.scope ?? '').split(/\s+/);
	if (!scopes.some((scope) => SCOPES.includes(scope))) return grantError('Invalid OAuth scope or ID token audience provided.', 'invalid_scope');

	const token = `ya29.sim-${randomBytes(24).toString('base64url')}`;
	for (const [known, entry] of Object.entries(ctx.state.tokens)) if (entry.expiresAt < Date.now()) delete ctx.state.tokens[known];
	ctx.state.tokens[token] = { clientEmail: String(claims.iss), expiresAt: Date.now() + MAX_LIFETIME_S * 1000 };
	ctx.changed();
	return { status: 200, body: { access_token: token, expires_in: MAX_LIFETIME_S - 1, token_type: 'Bearer' } };
}

/** Refuses API calls without a valid token, or for a project the account does not belong to. */
export function authenticate(req: SimRequest, state: BigQueryState): SimResponse | undefined {
	if (req.path === '/token' || !state.settings.requireAuth) return undefined;
	const header = req.headers.authorization;
	const match = /^Bearer\s+(\S+)$/i.exec(Array.isArray(header) ? header[0] : (header ?? ''));
	const entry = match ? state.tokens[match[1]] : undefined;
	if (!entry || entry.expiresAt < Date.now()) {
		return bqError(
			401,
			'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
			'authError',
		);
	}
	const project = /^\/bigquery\/v2\/projects\/([^/]+)/.exec(req.path)?.[1];
	const account = state.serviceAccounts[entry.clientEmail];
	if (project !== undefined && decodeURIComponent(project) !== account?.projectId) {
		return bqError(403, `Access Denied: Project ${decodeURIComponent(project)}: User does not have bigquery.jobs.create permission in project ${decodeURIComponent(project)}.`);
	}
	return undefined;
}
