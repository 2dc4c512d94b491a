import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	basicAuthorization,
	DEFAULT_CLIENT_ID,
	describeTokenRefusal,
	missingTokenUrl,
	TOKEN_URL_HELP,
	tokenRequestForm,
	tokenUrl,
	usesOAuth,
} from '../nodes/Cegid/transport/auth';

export class CegidApi implements ICredentialType {
	name = 'cegidApi';

	displayName = 'CEGID Retail Y2 API';

	icon: Icon = { light: 'file:../nodes/Cegid/cegid.svg', dark: 'file:../nodes/Cegid/cegid.dark.svg' };

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#cegid-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Deployment',
			name: 'deployment',
			type: 'options',
			options: [
				{ name: 'Cegid Cloud', value: 'cloud', description: 'https://{tenant}-retail-ondemand.cegid.cloud/Y2' },
				{ name: 'On-Premises', value: 'onPremises', description: 'Your own Y2 server' },
			],
			default: 'cloud',
			description: 'Cegid Cloud when the address of your Y2 back office ends in retail-ondemand.cegid.cloud; otherwise On-Premises',
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: '',
			placeholder: '90000000',
			description: 'The number at the start of the address your Y2 back office opens at (https://90000000-retail-ondemand.cegid.cloud)',
			displayOptions: { show: { deployment: ['cloud'] } },
		},
		{
			displayName: 'Cloud Environment',
			name: 'cloudEnvironment',
			type: 'options',
			options: [
				{ name: 'Partner Sandbox', value: 'partner', description: '{tenant}-partner-retail-ondemand' },
				{ name: 'Production', value: 'production', description: '{tenant}-retail-ondemand' },
				{ name: 'Test', value: 'test', description: '{tenant}-test-retail-ondemand' },
			],
			default: 'production',
			description: 'Read it from the same address: -test- or -partner- after the tenant number, else Production',
			displayOptions: { show: { deployment: ['cloud'] } },
		},
		{
			displayName: 'Y2 URL',
			name: 'hostUrl',
			type: 'string',
			default: '',
			placeholder: 'https://y2.example.com/Y2_PROD',
			description: 'Ask your Y2 administrator: the address under which CustomerWcfService.svc is served, without the service name and without :443',
			displayOptions: { show: { deployment: ['onPremises'] } },
		},
		{
			displayName: 'Database ID',
			name: 'databaseId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '90000000_001_PROD',
			description: 'The Y2 folder (database) you choose when signing in to the back office, e.g. {tenant}_001_PROD (assumed to be shown there; else ask your Y2 administrator). Sent with every call.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Basic (DATABASEID\\user)', value: 'basic' },
				{ name: 'OAuth2 Password Grant (Cegid Cloud)', value: 'oauth2Password' },
			],
			default: 'basic',
		},
		{
			displayName: 'User',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			description: 'A Y2 user your Y2 administrator made for the integration, with the customer rights (and Anonymization, menu 26, for Anonymize). Without the database prefix: the node sends DATABASEID\\user (basic) or user@DATABASEID (OAuth2).',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'That Y2 user\'s password, as set by your Y2 administrator',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://retail-services.cegid.cloud/{environment}/as/connect/token',
			description: `Cegid's token endpoint; the user's password goes only here. ${TOKEN_URL_HELP}`,
			displayOptions: { show: { authentication: ['oauth2Password'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: DEFAULT_CLIENT_ID,
			description: 'The OAuth client for password sign-in. The default is the one public integrations use (assumed); change it only if Cegid gave you another.',
			displayOptions: { show: { authentication: ['oauth2Password'] } },
		},
		{
			displayName: 'API Flavour',
			name: 'apiFlavour',
			type: 'options',
			options: [
				{ name: 'REST (Api/customers/v2)', value: 'rest', description: 'The newer Y2 customer plugin' },
				{ name: 'SOAP (CustomerWcfService)', value: 'soap', description: 'The older WCF service, present on most sites' },
			],
			default: 'rest',
			description: 'Which customer API the site exposes. Sites differ; ask your Y2 administrator.',
		},
		{
			displayName: 'Base URL (Advanced)',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://localhost:4103/Y2',
			description: 'Replaces the Y2 URL above. Use only for a proxy or the local CEGID simulator.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** OAuth2 only: fetch a token for user@DATABASEID. n8n keeps it and asks again after a 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (!usesOAuth(credentials)) return {};
		const missing = missingTokenUrl(credentials);
		if (missing) throw missing;
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: tokenUrl(credentials),
			body: tokenRequestForm(credentials),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the password elsewhere: refused (answered as a failed login).
			disableFollowRedirect: true,
			json: false,
		})) as { statusCode: number; body: unknown };
		const body = typeof response.body === 'string' ? safeParse(response.body) : response.body;
		const token = (body as { access_token?: unknown } | undefined)?.access_token;
		if (response.statusCode >= 400 || typeof token !== 'string' || token === '') {
			// Shaped like an HTTP 401 answer, so the node's transport reports it with the credential hint.
			const message = describeTokenRefusal(response.statusCode, body);
			throw Object.assign(new Error(message), { response: { status: 401, data: { message } } });
		}
		return { accessToken: token };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const authorization = usesOAuth(credentials) ? `Bearer ${String(credentials.accessToken ?? '')}` : basicAuthorization(credentials);
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: authorization } };
	}
}

function safeParse(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
