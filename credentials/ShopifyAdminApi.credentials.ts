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

import { expiredApiVersions, LATEST_STABLE_API_VERSION, STABLE_API_VERSIONS } from '../nodes/Shopify/transport/apiVersion';
import { requestClientCredentialsToken, shopifyBaseUrl } from '../nodes/Shopify/transport/accessToken';

export class ShopifyAdminApi implements ICredentialType {
	name = 'shopifyAdminApi';

	displayName = 'Shop Sync Shopify Admin API';

	icon: Icon = {
		light: 'file:../nodes/Shopify/shopify.svg',
		dark: 'file:../nodes/Shopify/shopify.dark.svg',
	};

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#shopify-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop Domain',
			name: 'shopDomain',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'my-store.myshopify.com',
			description: 'Shopify admin → Settings → Domains: the permanent …myshopify.com address, not the custom domain',
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
			description:
				'Admin API version of the requests the nodes send; only versions Shopify still supports (12 months each) are offered. Webhook payloads do not follow it: Shopify serializes them in the webhooks API version configured on the app (Dev Dashboard → your app → Versions), whatever created the subscription.',
		},
		{
			displayName: `This API version is no longer supported by Shopify, which answers with its oldest supported version instead. Choose ${LATEST_STABLE_API_VERSION}, the newest.`,
			name: 'expiredApiVersionNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { apiVersion: expiredApiVersions() } },
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
			description: 'Shopify admin → Settings → Apps and sales channels → Develop apps → Build apps in Dev Dashboard; there open your app → Settings → Client ID',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			displayOptions: { show: { authentication: ['clientCredentials'] } },
			description: 'Dev Dashboard (Shopify admin → Settings → Apps and sales channels → Develop apps) → your app → Settings → Client secret. Also signs the app\'s webhooks.',
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
			description: 'Legacy custom apps only: Shopify admin → Settings → Apps and sales channels → Develop apps → your app → API credentials → Admin API access token (shown once, at install)',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Key that signs webhook deliveries (X-Shopify-Hmac-Sha256). Leave empty for a Dev Dashboard app: it signs with the client secret. Legacy custom app: Develop apps → your app → API credentials → API secret key.',
		},
		{
			displayName: 'Previous Webhook Signing Secret',
			name: 'previousWebhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'After Rotate secret in the Dev Dashboard app\'s Settings, Shopify may sign with the old secret for up to an hour. Enter the old one here until then.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://my-store.myshopify.com',
			description: 'Advanced, not in Shopify\'s admin: leave empty for https://{shop domain}. Set only for a proxy or the local Shopify simulator.',
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
