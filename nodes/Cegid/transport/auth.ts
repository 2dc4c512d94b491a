/**
 * Where a CEGID site lives and how to log in, shared by the credential (authenticate,
 * preAuthentication) and the node (requests, credential test).
 */
import type { IDataObject } from 'n8n-workflow';

import { CredentialProblem } from '../../shared/errors';

export const DEFAULT_CLIENT_ID = 'CegidRetailResourceFlowClient';
export const OAUTH_SCOPE = 'RetailBackendApi offline_access';

const CLOUD_HOST_SUFFIX: Record<string, string> = {
	production: 'retail-ondemand',
	test: 'test-retail-ondemand',
	partner: 'partner-retail-ondemand',
};

/** The Y2 root URL: SOAP services below it, REST under /{DatabaseId}/api/. */
export function y2Root(credentials: IDataObject): string {
	const override = String(credentials.baseUrl ?? '').trim();
	if (override) return override.replace(/\/+$/, '');
	if (credentials.deployment === 'onPremises') return String(credentials.hostUrl ?? '').trim().replace(/\/+$/, '');
	const tenant = String(credentials.tenant ?? '').trim();
	const suffix = CLOUD_HOST_SUFFIX[String(credentials.cloudEnvironment ?? 'production')] ?? CLOUD_HOST_SUFFIX.production;
	return `https://${tenant}-${suffix}.cegid.cloud/Y2`;
}

export const databaseId = (credentials: IDataObject) => String(credentials.databaseId ?? '').trim();

/** Y2's basic-auth login: DATABASEID\user. */
export const basicLogin = (credentials: IDataObject) => `${databaseId(credentials)}\\${String(credentials.username ?? '').trim()}`;

export function basicAuthorization(credentials: IDataObject): string {
	return `Basic ${Buffer.from(`${basicLogin(credentials)}:${String(credentials.password ?? '')}`).toString('base64')}`;
}

export const usesOAuth = (credentials: IDataObject) => credentials.authentication === 'oauth2Password';

/** The password-grant form: the user is user@DATABASEID, the workspace being the database. */
export function tokenRequestForm(credentials: IDataObject): string {
	return new URLSearchParams({
		client_id: String(credentials.clientId || DEFAULT_CLIENT_ID),
		grant_type: 'password',
		scope: OAUTH_SCOPE,
		username: `${String(credentials.username ?? '').trim()}@${databaseId(credentials)}`,
		password: String(credentials.password ?? ''),
	}).toString();
}

// No default: the token URL is assumed from public integrations, and the password goes there.
export const tokenUrl = (credentials: IDataObject) => String(credentials.tokenUrl ?? '').trim();

export const TOKEN_URL_HELP =
	'Cegid gives it with the cloud subscription (ask Cegid or your Y2 administrator). Public integrations use https://retail-services.cegid.cloud/{environment}/as/connect/token, where {environment} is e.g. p (production) or t (test); enter it only once Cegid confirms it for your tenant.';

/** OAuth2 only: the Token URL is empty or not http(s), so the password must not be sent anywhere. */
export function missingTokenUrl(credentials: IDataObject): CredentialProblem | undefined {
	if (!usesOAuth(credentials)) return undefined;
	const value = tokenUrl(credentials);
	if (/^https?:\/\/[^/?#\s]+/i.test(value)) return undefined;
	const what = value === '' ? 'is empty' : `is not an http(s) address ("${value}")`;
	return new CredentialProblem(
		`"Token URL" in the "CEGID Retail Y2 API" credential ${what}, so nothing was sent`,
		`${TOKEN_URL_HELP} Enter it as "Token URL" in the credential, or switch Authentication to "Basic".`,
	);
}

/** Words for a refused token request, from the OAuth error body (`error`, `error_description`). */
export function describeTokenRefusal(status: number, body: unknown): string {
	const record = (typeof body === 'string' ? safeJson(body) : body) as { error?: string; error_description?: string } | undefined;
	const reason = [record?.error, record?.error_description].filter(Boolean).join(': ');
	return `CEGID's token endpoint refused the login (HTTP ${status}${reason ? `, ${reason}` : ''}). Check User, Password and Database ID in the credential: the token is requested for user@DATABASEID.`;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
