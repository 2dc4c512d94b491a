/**
 * The credential's Test button. It proves the user, the password and the database ID together:
 * SOAP HelloWorld answers with the database and identity it served, REST answers below the
 * database's own path. Each refusal says which of them to check.
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { redactSecrets } from '../../shared/errors';
import {
	basicAuthorization,
	basicLogin,
	databaseId,
	describeTokenRefusal,
	missingTokenUrl,
	tokenRequestForm,
	tokenUrl,
	usesOAuth,
	y2Root,
} from '../transport/auth';
import { parseSoapAnswer, soapAction, soapEnvelope } from '../transport/soap';

interface RawResponse {
	statusCode: number;
	body: unknown;
}

async function send(this: ICredentialTestFunctions, options: IDataObject): Promise<RawResponse> {
	// ICredentialTestFunctions offers only `request`; it is what n8n gives credential tests.
	// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
	const response = (await this.helpers.request({ ...options, resolveWithFullResponse: true, simple: false, followRedirect: false, followAllRedirects: false, timeout: 30_000 })) as RawResponse;
	return { statusCode: response.statusCode, body: response.body };
}

const bodyText = (body: unknown) => (typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? ''));

export async function cegidApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as IDataObject;
	const secrets = [String(credentials.password ?? '')];
	const database = databaseId(credentials);
	const root = y2Root(credentials);
	const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message: redactSecrets(message, secrets) });
	if (!database) return error('Database ID is empty. Enter the Y2 folder, e.g. 90000000_001_PROD.');
	if (!/^https?:\/\//.test(root)) return error('The Y2 address is incomplete. Enter the Tenant (cloud) or the Y2 URL (on-premises).');
	const noTokenUrl = missingTokenUrl(credentials);
	if (noTokenUrl) return error(`CEGID: ${noTokenUrl.message}. ${noTokenUrl.fix}`);

	let failure: unknown;
	try {
		let authorization = basicAuthorization(credentials);
		const login = usesOAuth(credentials) ? `${String(credentials.username ?? '')}@${database}` : basicLogin(credentials);
		if (usesOAuth(credentials)) {
			const token = await send.call(this, {
				method: 'POST',
				uri: tokenUrl(credentials),
				body: tokenRequestForm(credentials),
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			});
			const parsed = typeof token.body === 'string' ? safeJson(token.body) : token.body;
			const accessToken = (parsed as { access_token?: string } | undefined)?.access_token;
			if (token.statusCode >= 400 || !accessToken) return error(describeTokenRefusal(token.statusCode, parsed));
			secrets.push(accessToken);
			authorization = `Bearer ${accessToken}`;
		}

		if (credentials.apiFlavour === 'soap') {
			const answer = await send.call(this, {
				method: 'POST',
				uri: `${root}/CustomerWcfService.svc`,
				body: soapEnvelope('HelloWorld', { text: 'n8n credential test' }, database),
				headers: { Authorization: authorization, 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${soapAction('HelloWorld')}"` },
			});
			if (answer.statusCode === 401 || answer.statusCode === 403) {
				return error(`CEGID refused the login ${login} (HTTP ${answer.statusCode}). Check User and Password, and that Database ID "${database}" is the folder this user belongs to.`);
			}
			const parsed = parseSoapAnswer(bodyText(answer.body));
			if (parsed.notSoap !== undefined) return error(`No SOAP answer at ${root}/CustomerWcfService.svc (HTTP ${answer.statusCode}). Check the Y2 address and the API Flavour.`);
			if (parsed.fault) return error(`CEGID answered with a fault: ${parsed.fault.message}. Check Database ID "${database}".`);
			// A greeting is one short line; the cap keeps the two searches below linear whatever the server sends.
			const greeting = (parsed.response?.children.find((entry) => entry.name === 'HelloWorldResult')?.text ?? '').slice(0, 2000);
			const served = /DataBaseId:\s*\(([^)]*)\)/i.exec(greeting)?.[1];
			const identity = /Current Identity:\s*\(([^)]*)\)/i.exec(greeting)?.[1];
			if (served !== undefined && served.toLowerCase() !== database.toLowerCase()) {
				return error(`CEGID answered for database "${served}", not "${database}". Correct Database ID.`);
			}
			return { status: 'OK', message: `Connected to ${served ?? database}${identity ? ` as ${identity}` : ''}` };
		}

		const probe = await send.call(this, {
			method: 'GET',
			uri: `${root}/${encodeURIComponent(database)}/api/customers/v2`,
			qs: { email: 'n8n-credential-test@example.invalid' },
			headers: { Authorization: authorization, Accept: 'application/json' },
			json: true,
		});
		if (probe.statusCode === 401 || probe.statusCode === 403) {
			return error(`CEGID refused the login ${login} (HTTP ${probe.statusCode}). Check User and Password, and that Database ID "${database}" is the folder this user belongs to.`);
		}
		if (probe.statusCode === 404) {
			return error(`CEGID has no customer API for database "${database}" at ${root} (HTTP 404). Check Database ID, the Y2 address, and the API Flavour (the site may offer SOAP only).`);
		}
		if (probe.statusCode >= 300) return error(`CEGID answered HTTP ${probe.statusCode}. Check the Y2 address and the API Flavour.`);
		return { status: 'OK', message: `Connected to ${database} as ${login}` };
	} catch (caught) {
		failure = caught;
	}
	return error(`Could not reach CEGID at ${root}: ${(failure as Error)?.message ?? 'network error'}. Check the Y2 address.`);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
