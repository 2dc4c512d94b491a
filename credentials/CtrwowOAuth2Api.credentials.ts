import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { ADDRESS_HELP } from '../nodes/Ctrwow/transport/addresses';
import { DEFAULT_SCOPE } from '../nodes/Ctrwow/transport/assumedContract';

/**
 * CTRwow through OAuth2 authorization code ("connect CTRwow"). CTRwow's endpoints are not
 * documented, so none has a default: the user enters each; n8n runs the browser flow and refreshes tokens.
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
			default: '',
			placeholder: 'https://app.example.com/oauth/authorize',
			description: `CTRwow's consent page. ${ADDRESS_HELP.authUrl}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://app.example.com/oauth/token',
			description: `CTRwow's token endpoint; the client secret goes only here. ${ADDRESS_HELP.accessTokenUrl}`,
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
			required: true,
			default: '',
			placeholder: 'https://api.example.com/v1',
			description: `CTRwow's API address; the access token goes only here. ${ADDRESS_HELP.baseUrl}`,
		},
	];

	// Tested by the CTRwow node (ctrwowOAuth2ApiTest): an empty address is refused before the token is sent.
}
