import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IAuthenticateGeneric,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { LATEST_STABLE_API_VERSION, STABLE_API_VERSIONS } from '../nodes/Shopify/transport/apiVersion';
import { requestClientCredentialsToken, shopifyBaseUrl } from '../nodes/Shopify/transport/accessToken';

export class ShopifyAdminApi implements ICredentialType {
	name = 'shopifyAdminApi';

	displayName = 'Shop Sync Shopify Admin API';

	icon: Icon = {
		light: 'file:../nodes/Shopify/shopify.svg',
		dark: 'file:../nodes/Shopify/shopify.dark.svg',
	};

	documentationUrl = 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop Domain',
			name: 'shopDomain',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'my-store.myshopify.com',
			description: 'The store\'s permanent myshopify.com domain (Settings → Domains), not its custom domain',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: STABLE_API_VERSIONS.map((version) => ({
				name: version === LATEST_STABLE_API_VERSION ? `${version} (Newest Stable)` : version,
				value: version,
			})),
			default: LATEST_STABLE_API_VERSION,
			description: 'Admin API version for requests and for the payloads of the webhooks the trigger registers',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Admin API Access Token (Legacy Custom App)',
					value: 'accessToken',
					description: 'A static shpat_ token from a custom app created in the store admin before 2026',
				},
				{
					name: 'Client Credentials (Dev Dashboard App)',
					value: 'clientCredentials',
					description: 'Client ID and secret; the token is fetched and renewed automatically',
				},
			],
			default: 'clientCredentials',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			displayOptions: { show: { authentication: ['clientCredentials'] } },
			description: 'From the app\'s Settings page in the Shopify Dev Dashboard',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { authentication: ['clientCredentials'] } },
			description: 'From the app\'s Settings page in the Shopify Dev Dashboard. Also signs the app\'s webhooks.',
		},
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'shpat_…',
			displayOptions: { show: { authentication: ['accessToken'] } },
			description: 'Shown once when the custom app is installed (Settings → Apps → Develop apps → API credentials)',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Key that signs webhook deliveries (X-Shopify-Hmac-Sha256). Leave empty to use the client secret. For a legacy custom app, enter its API secret key.',
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'While a rotated secret takes effect (up to an hour), Shopify may still sign with the old one. Enter it here until then.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://my-store.myshopify.com',
			description: 'Advanced: leave empty for https://{shop domain}. Set only for a proxy or the local Shopify simulator.',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Token Expires At',
			name: 'sessionTokenExpiresAt',
			type: 'hidden',
			default: 0,
			typeOptions: { password: true },
		},
	];

	/**
	 * n8n calls this when the session token is empty, after a 401, and on the Test button; it keeps
	 * the result (encrypted) so every worker shares one token.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		if (credentials.authentication === 'accessToken') {
			return { sessionToken: credentials.accessToken, sessionTokenExpiresAt: 0 };
		}
		const token = await requestClientCredentialsToken(this.helpers.httpRequest, credentials);
		return { sessionToken: token.accessToken, sessionTokenExpiresAt: token.expiresAt };
	}

	/*
	 * A client-credentials token within five minutes of its expiry is not sent: Shopify answers 401,
	 * and n8n renews the token through preAuthentication and repeats the request.
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Shopify-Access-Token':
					'={{ $credentials.authentication === "accessToken" ? $credentials.accessToken : ((Number($credentials.sessionTokenExpiresAt) === 0 || Number($credentials.sessionTokenExpiresAt) - 300000 > Date.now()) ? $credentials.sessionToken : "") }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${shopifyBaseUrl.expression} }}`,
			url: '=/admin/api/{{$credentials.apiVersion}}/graphql.json',
			method: 'POST',
			body: { query: '{ shop { name } }' },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors[0].extensions.code',
					value: 'ACCESS_DENIED',
					message: 'The token works but lacks access. Grant the app the Admin API scopes it needs and install it again.',
				},
			},
		],
	};
}
