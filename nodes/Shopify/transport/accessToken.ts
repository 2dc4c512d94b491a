import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { CredentialProblem, redactSecrets, serviceErrorText } from '../../shared/errors';

/** "My-Store", "https://my-store.myshopify.com/" and "my-store.myshopify.com" all mean my-store.myshopify.com. */
export function normalizeShopDomain(value: unknown): string {
	const text = String(value ?? '')
		.trim()
		.toLowerCase()
		.replace(/^https?:\/\//, '')
		.replace(/\/.*$/, '');
	if (text === '') return '';
	return text.includes('.') ? text : `${text}.myshopify.com`;
}

export function shopifyBaseUrl(credentials: IDataObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override !== '') return override.replace(/\/+$/, '');
	return `https://${normalizeShopDomain(credentials.shopDomain)}`;
}

/** The same rule as shopifyBaseUrl, for the credential test (which only takes expressions). */
shopifyBaseUrl.expression =
	'$credentials.baseUrl ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : "https://" + $credentials.shopDomain.trim().toLowerCase().replace(/^https?:\\/\\//, "").replace(/\\/.*$/, "")';

export interface ClientCredentialsToken {
	accessToken: string;
	/** Epoch milliseconds; 0 when Shopify did not say (then only a 401 renews it). */
	expiresAt: number;
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * Client credentials grant (Dev Dashboard apps on stores the organisation owns):
 * POST /admin/oauth/access_token, form-encoded. Errors never carry the client secret.
 */
export async function requestClientCredentialsToken(
	httpRequest: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	now: () => number = Date.now,
): Promise<ClientCredentialsToken> {
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (clientId === '' || clientSecret === '') {
		throw new CredentialProblem('the credential has no Client ID or Client Secret', 'Copy both from the app\'s Settings page in the Shopify Dev Dashboard, or switch Authentication to the Admin API access token.');
	}
	const url = `${shopifyBaseUrl(credentials)}/admin/oauth/access_token`;
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
	const requestedAt = now();
	let response: { statusCode: number; body: unknown };
	try {
		response = (await httpRequest({
			method: 'POST',
			url,
			body: form.toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const reason = redactSecrets((error as Error).message ?? 'network error', [clientSecret]);
		response = { statusCode: 0, body: reason };
	}
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as IDataObject;
	if (response.statusCode >= 200 && response.statusCode < 300 && typeof body.access_token === 'string') {
		const expiresIn = Number(body.expires_in);
		return {
			accessToken: body.access_token,
			expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? requestedAt + expiresIn * 1000 : 0,
		};
	}
	const detail = redactSecrets(
		[body.error, body.error_description].filter(Boolean).join(': ') || serviceErrorText(response.body) || 'no details',
		[clientSecret],
	);
	const status = response.statusCode === 0 ? 'could not be reached' : `HTTP ${response.statusCode}`;
	const fix =
		response.statusCode === 0
			? `Check the Shop Domain (and Base URL) in the credential: ${url.replace(/\/admin.*$/, '')} did not answer.`
			: 'Check the Client ID and Client Secret (Dev Dashboard → the app → Settings), that the app is installed on this store, and that the store belongs to the app\'s organisation.';
	throw new CredentialProblem(`refused the client credentials (${status}, ${detail})`, fix);
}
