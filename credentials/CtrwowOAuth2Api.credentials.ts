import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { DEFAULT_API_BASE_URL, DEFAULT_AUTH_URL, DEFAULT_SCOPE, DEFAULT_TOKEN_URL } from '../nodes/Ctrwow/transport/assumedContract';

/**
 * CTRwow through OAuth2 authorization code ("connect CTRwow"). CTRwow's endpoints are not
 * documented, so all of them are editable here; n8n runs the browser flow and refreshes tokens.
 */
export class CtrwowOAuth2Api implements ICredentialType {
	name = 'ctrwowOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'CTRwow OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Ctrwow/ctrwow.svg', dark: 'file:../nodes/Ctrwow/ctrwow.dark.svg' };

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#ctrwow-credentials';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			required: true,
			default: DEFAULT_AUTH_URL,
			description: 'CTRwow\'s consent page (assumed default; ask CTRwow for the real one)',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			required: true,
			default: DEFAULT_TOKEN_URL,
			description: 'CTRwow\'s token endpoint (assumed default; ask CTRwow for the real one)',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_SCOPE,
			description: 'Space-separated scopes the workflows need (assumed default; CTRwow documents none)',
		},
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body', description: 'Client ID and secret in the token request body' },
				{ name: 'Header', value: 'header', description: 'Client ID and secret as Basic auth' },
			],
			default: 'body',
			description: 'How n8n sends the client ID and secret CTRwow gave you to the token URL (assumed: body)',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_API_BASE_URL,
			description: 'CTRwow\'s API address (assumed default; ask CTRwow for yours)',
		},
	];

	/** After connecting, the Test button reads the connected account with the new token. */
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/me', method: 'GET' },
	};
}
