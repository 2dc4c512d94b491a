/**
 * The Test button of the CTRwow API-key credential: reads the account (GET /me). An empty or
 * invalid address is refused before the key is sent (CTRwow's addresses have no defaults). The
 * OAuth2 credential's Test reads the same account with the connected token, under the same rule.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { redactSecrets } from '../../shared/errors';
import { ctrwowBaseUrl, missingAddress } from '../transport/addresses';
import { API_KEY_HEADER, endpointPath } from '../transport/assumedContract';

type Probe = { statusCode: number; body: unknown };

async function readAccount(this: ICredentialTestFunctions, baseUrl: string, headers: IDataObject): Promise<Probe> {
	// ICredentialTestFunctions offers only `request`; it is what n8n gives credential tests.
	// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
	const response = (await this.helpers.request({ method: 'GET', uri: `${baseUrl}${endpointPath('account')}`, headers: { Accept: 'application/json', ...headers }, json: true, resolveWithFullResponse: true, simple: false, followRedirect: false, followAllRedirects: false, timeout: 30_000 })) as Probe;
	return { statusCode: response.statusCode, body: response.body };
}

function verdict(probe: Probe, refused: Record<number, string>, name: string): INodeCredentialTestResult {
	if (refused[probe.statusCode]) return { status: 'Error', message: refused[probe.statusCode] };
	if (probe.statusCode >= 300) return { status: 'Error', message: `CTRwow answered HTTP ${probe.statusCode} at /me. Check "API Base URL" in the "${name}" credential.` };
	const account = (probe.body as IDataObject | undefined)?.data as IDataObject | undefined;
	const who = account?.name ?? account?.email ?? (probe.body as IDataObject | undefined)?.name;
	return { status: 'OK', message: `Connected to CTRwow${who ? ` as ${String(who)}` : ''}` };
}

export async function ctrwowApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as IDataObject;
	const name = 'CTRwow API';
	const missing = missingAddress(credentials, name, ['baseUrl']);
	if (missing) return { status: 'Error', message: `CTRwow: ${missing.message}. ${missing.fix}` };
	const secrets = [String(credentials.apiKey ?? '')];
	try {
		const probe = await readAccount.call(this, ctrwowBaseUrl(credentials), { [API_KEY_HEADER]: String(credentials.apiKey ?? '') });
		return verdict(probe, {
			401: 'CTRwow refused the API key (HTTP 401). Copy the key again from CTRwow and check the API Base URL.',
			403: 'CTRwow accepted the API key but refused access (HTTP 403). Ask CTRwow to enable API access for this account.',
		}, name);
	} catch (error) {
		return { status: 'Error', message: redactSecrets(`Could not reach CTRwow at ${ctrwowBaseUrl(credentials)}: ${(error as Error).message}. Check "API Base URL".`, secrets) };
	}
}

export async function ctrwowOAuth2ApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as IDataObject;
	const name = 'CTRwow OAuth2 API';
	const missing = missingAddress(credentials, name, ['baseUrl']);
	if (missing) return { status: 'Error', message: `CTRwow: ${missing.message}. ${missing.fix}` };
	const token = String((credentials.oauthTokenData as IDataObject | undefined)?.access_token ?? '');
	if (token === '') return { status: 'Error', message: 'Not connected yet: click "Connect my account" in the credential, then test again.' };
	try {
		const probe = await readAccount.call(this, ctrwowBaseUrl(credentials), { Authorization: `Bearer ${token}` });
		return verdict(probe, {
			401: 'CTRwow refused the access token (HTTP 401). Reconnect the account and check the API Base URL.',
			403: 'CTRwow accepted the token but refused access (HTTP 403). Check the Scope and ask CTRwow to enable API access.',
		}, name);
	} catch (error) {
		return { status: 'Error', message: redactSecrets(`Could not reach CTRwow at ${ctrwowBaseUrl(credentials)}: ${(error as Error).message}. Check "API Base URL".`, [token]) };
	}
}
