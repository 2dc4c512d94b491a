/**
 * Google's service-account token flow (OAuth 2.0 JWT-bearer grant, RFC 7523): an RS256-signed
 * JWT for the BigQuery scope is exchanged at the token URL for an access token valid one hour.
 * Tokens are cached per account and token URL until five minutes before they expire, so one
 * workflow run after another does not fetch a token each time.
 */
import { createHash, createSign } from 'node:crypto';

import { CredentialProblem, type ServiceAccount } from './account';

const SCOPE = 'https://www.googleapis.com/auth/bigquery';
const REFRESH_MARGIN_MS = 5 * 60_000;
const TOKEN_TIMEOUT_MS = 30_000;

const cache = new Map<string, { token: string; expiresAt: number }>();

/** How many tokens were fetched (not served from the cache), for the benchmark and tests. */
export const tokenStats = { fetched: 0 };

export function clearTokenCache(): void {
	cache.clear();
}

function signedAssertion(account: ServiceAccount, now: number): string {
	const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const iat = Math.floor(now / 1000);
	const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iss: account.clientEmail, scope: SCOPE, aud: account.tokenUrl, iat, exp: iat + 3600 })}`;
	let signature: string | undefined;
	try {
		signature = createSign('RSA-SHA256').update(unsigned).sign(account.privateKey, 'base64url');
	} catch {
		signature = undefined;
	}
	if (signature === undefined) throw new CredentialProblem('The private key could not sign the token request: paste the private_key value exactly as in the key file.');
	return `${unsigned}.${signature}`;
}

export class TokenRefused extends Error {
	constructor(
		message: string,
		readonly status: number,
	) {
		super(message);
	}
}

const cacheKey = (account: ServiceAccount) => createHash('sha256').update(`${account.clientEmail}|${account.tokenUrl}|${account.privateKey}`).digest('hex');

/** Forgets the account's token (after BigQuery refused it: revoked, or the simulator restarted). */
export function forgetToken(account: ServiceAccount): void {
	cache.delete(cacheKey(account));
}

export async function accessToken(account: ServiceAccount): Promise<string> {
	const key = cacheKey(account);
	const cached = cache.get(key);
	if (cached && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) return cached.token;
	const response = await fetch(account.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signedAssertion(account, Date.now()) }).toString(),
		signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
	});
	const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
	if (!response.ok || !body.access_token) {
		const reason = [body.error, body.error_description].filter(Boolean).join(': ') || `HTTP ${response.status}`;
		throw new TokenRefused(`Google refused the service account (${reason})`, response.status);
	}
	tokenStats.fetched++;
	cache.set(key, { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 });
	return body.access_token;
}
