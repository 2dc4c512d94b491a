/**
 * The credential's Test button: logs in (POST /auth), then reads one page of today's orders with
 * the token, so a user without order access is caught too. Messages never contain the password.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { redactSecrets } from '../../shared/errors';
import { BEARER_PREFIX, endpointPath, formatListDate } from '../transport/assumedContract';
import { publicApiUrl, requestToken } from '../transport/auth';

export async function eManageCrmApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as IDataObject;
	const secrets = [String(credentials.password ?? '')];
	const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redactSecrets(message, secrets) });
	// ICredentialTestFunctions offers only `request`; it is what n8n gives credential tests.
	const request = async (options: IDataObject) =>
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		(await this.helpers.request({ ...options, resolveWithFullResponse: true, simple: false, followRedirect: false, followAllRedirects: false, timeout: 30_000 })) as { statusCode: number; body: unknown };

	let token: string;
	let failure: { message: string; fix?: string } | undefined;
	try {
		token = await requestToken(async (options) => {
			const response = await request({ method: options.method, uri: options.url, headers: options.headers });
			return { statusCode: response.statusCode, body: response.body };
		}, credentials);
	} catch (caught) {
		failure = caught as { message: string; fix?: string };
		token = '';
	}
	if (failure) return error(`eManageCRM: ${failure.message}. ${failure.fix ?? ''}`.trim());
	secrets.push(token);

	const now = new Date();
	let probe: { statusCode: number; body: unknown } | undefined;
	try {
		probe = await request({
			method: 'GET',
			uri: `${publicApiUrl(credentials)}${endpointPath('orderList', { page: 1, pageSize: 1 })}`,
			qs: { StartDate: formatListDate(new Date(now.getTime() - 86_400_000)), EndDate: formatListDate(now) },
			headers: { Authorization: `${BEARER_PREFIX} ${token}`, Accept: 'application/json' },
			json: true,
		});
	} catch (caught) {
		return error(`eManageCRM accepted the login but the order list could not be reached: ${(caught as Error).message}. Check "Public API Base URL".`);
	}
	if (probe.statusCode === 401 || probe.statusCode === 403) {
		return error(`eManageCRM accepted the login but refused the order list (HTTP ${probe.statusCode}). Give user "${String(credentials.username)}" API access to orders.`);
	}
	if (probe.statusCode >= 300) return error(`eManageCRM answered the order list with HTTP ${probe.statusCode}. Check "Public API Base URL".`);
	return { status: 'OK', message: `Connected to eManageCRM as ${String(credentials.username)}` };
}
