/**
 * eManageCRM login, shared by the credential (preAuthentication, authenticate) and the node
 * (credential test, requests): Basic username:password on POST /auth gives a bearer token.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { CredentialProblem, redactSecrets, serviceErrorText } from '../../shared/errors';
import {
	ACCOUNT_LOCKED_PATTERN,
	BEARER_PREFIX,
	CLIENT_ID_HEADER,
	ENDPOINTS,
	PASSWORD_EXPIRED_PATTERN,
	TOKEN_FIELDS,
} from './assumedContract';

export const CREDENTIAL_TYPE = 'eManageCrmApi';
export const CREDENTIAL_NAME = 'eManageCRM API';

const trimUrl = (value: unknown) => String(value ?? '').trim().replace(/\/+$/, '');

// No defaults: eManageCRM's addresses are assumed, and the password must go only where the user pointed it.
export const publicApiUrl = (credentials: IDataObject) => trimUrl(credentials.apiBaseUrl);
export const webSalesApiUrl = (credentials: IDataObject) => trimUrl(credentials.webSalesBaseUrl);

/** Where to find each address, for the credential's descriptions and the refusals when one is empty. */
export const URL_HELP = {
	apiBaseUrl:
		'eManageCRM publishes no address for it: ask DFO / WowSuite support for your tenant\'s public API URL (the one its /auth login is under). Integrations have used https://public-api.tryemanagecrm.com or https://ecrm-public-api-prod.azurewebsites.net; enter one only if DFO confirms it is yours.',
	webSalesBaseUrl:
		'Open one of your published CTRwow pages, view its source and copy the "crmEndpoint" (or "websaleApiUrl") value, e.g. https://sales-prod.tryemanagecrm.com/api.',
	settingsPageUrl: 'Ask DFO / WowSuite support for the address of the Sync App settings page in eManageCRM.',
} as const;

const URL_FIELDS = {
	apiBaseUrl: 'Public API Base URL',
	webSalesBaseUrl: 'Web Sales API Base URL',
	settingsPageUrl: 'Settings Page URL',
} as const;

/** Why an address field cannot be used (empty or not http(s)), naming the field and where to find its value. */
export function missingUrl(credentials: IDataObject, field: keyof typeof URL_FIELDS): CredentialProblem | undefined {
	const value = trimUrl(credentials[field]);
	if (/^https?:\/\/[^/?#\s]+/i.test(value)) return undefined;
	const what = value === '' ? 'is empty' : `is not an http(s) address ("${value}")`;
	return new CredentialProblem(
		`"${URL_FIELDS[field]}" in the "eManageCRM API" credential ${what}, so nothing was sent`,
		`${URL_HELP[field]} Enter it as "${URL_FIELDS[field]}" in the "eManageCRM API" credential.`,
	);
}

export function basicAuthorization(credentials: IDataObject): string {
	return `Basic ${Buffer.from(`${String(credentials.username ?? '').trim()}:${String(credentials.password ?? '')}`).toString('base64')}`;
}

/** The token in an /auth answer: a raw string, or one of the JSON fields integrators read. */
export function tokenFromAuthAnswer(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{')) {
			try {
				return tokenFromAuthAnswer(JSON.parse(text));
			} catch {
				return undefined;
			}
		}
		const unquoted = text.replace(/^"(.*)"$/, '$1');
		return /^[A-Za-z0-9._~+/=-]{10,}$/.test(unquoted) ? unquoted : undefined;
	}
	if (body === null || typeof body !== 'object') return undefined;
	for (const path of TOKEN_FIELDS) {
		const value = path.split('.').reduce<unknown>((node, key) => (node as IDataObject | undefined)?.[key], body);
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/** Why /auth refused, in words that say what to do; the three-month password expiry and locks included. */
export function describeLoginRefusal(status: number, body: unknown, username: string): CredentialProblem {
	const text = `${serviceErrorText(body)} ${JSON.stringify((body as IDataObject | undefined)?.code ?? '')}`;
	if (PASSWORD_EXPIRED_PATTERN.test(text)) {
		return new CredentialProblem(
			`the password of user "${username}" has expired`,
			'eManageCRM passwords expire every 3 months. Log in to eManageCRM in a browser, set a new password, then enter it in the "eManageCRM API" credential.',
		);
	}
	if (ACCOUNT_LOCKED_PATTERN.test(text)) {
		return new CredentialProblem(
			`the account of user "${username}" is locked`,
			'Too many failed logins (or an administrator) locked it. Ask your eManageCRM administrator to unlock the user, then check the password in the "eManageCRM API" credential.',
		);
	}
	if (status === 0) {
		return new CredentialProblem('the login endpoint could not be reached', 'Check "Public API Base URL" in the "eManageCRM API" credential.');
	}
	if (status === 404) {
		return new CredentialProblem(`there is no login endpoint at ${ENDPOINTS.auth.path} (HTTP 404)`, 'Check "Public API Base URL" in the "eManageCRM API" credential.');
	}
	const detail = serviceErrorText(body);
	return new CredentialProblem(
		`the login of user "${username}" was refused (HTTP ${status}${detail ? `, ${detail}` : ''})`,
		'Check Username and Password in the "eManageCRM API" credential (use the WowSuite public API user).',
	);
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** POST /auth with Basic auth; a refusal becomes a CredentialProblem without the password. */
export async function requestToken(httpRequest: HttpRequest, credentials: IDataObject): Promise<string> {
	const username = String(credentials.username ?? '').trim();
	const password = String(credentials.password ?? '');
	if (username === '' || password === '') {
		throw new CredentialProblem('the credential has no Username or Password', 'Enter the eManageCRM API user and its password in the "eManageCRM API" credential.');
	}
	const noAddress = missingUrl(credentials, 'apiBaseUrl');
	if (noAddress) throw noAddress;
	let response: { statusCode: number; body: unknown };
	try {
		response = (await httpRequest({
			method: 'POST',
			url: `${publicApiUrl(credentials)}${ENDPOINTS.auth.path}`,
			headers: { Authorization: basicAuthorization(credentials), Accept: 'application/json, text/plain, */*' },
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the Basic header elsewhere (n8n re-sends it across origins).
			disableFollowRedirect: true,
			timeout: 30_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		response = { statusCode: 0, body: redactSecrets((error as Error).message ?? '', [password]) };
	}
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new CredentialProblem(
			`the login endpoint redirected (HTTP ${response.statusCode}); the password was not sent on`,
			`Enter the address it redirects to as "Public API Base URL" in the "eManageCRM API" credential, once DFO confirms it.`,
		);
	}
	const body = parseMaybeJson(response.body);
	const token = response.statusCode >= 200 && response.statusCode < 300 ? tokenFromAuthAnswer(body) : undefined;
	if (token) return token;
	if (response.statusCode >= 200 && response.statusCode < 300) {
		throw new CredentialProblem('the login answer carried no token', 'Check "Public API Base URL" in the "eManageCRM API" credential: it must point at the public API, not a web page.');
	}
	throw describeLoginRefusal(response.statusCode, body, username);
}

export function parseMaybeJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * The headers one request gets: Web Sales API calls carry the client id (X_CID) and no token,
 * server API calls the bearer token.
 */
export function authHeaders(credentials: IDataObject, url: string): Record<string, string> {
	const webSales = webSalesApiUrl(credentials);
	if (webSales !== '' && url.startsWith(webSales)) {
		const cid = String(credentials.clientId ?? '').trim();
		return cid ? { [CLIENT_ID_HEADER]: cid } : {};
	}
	return { Authorization: `${BEARER_PREFIX} ${String(credentials.accessToken ?? '')}` };
}
