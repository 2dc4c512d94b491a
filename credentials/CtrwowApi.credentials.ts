import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { API_KEY_HEADER, DEFAULT_API_BASE_URL } from '../nodes/Ctrwow/transport/assumedContract';

/** CTRwow with an API key: the alternative to the OAuth2 connection (assumed header, see the README). */
export class CtrwowApi implements ICredentialType {
	name = 'ctrwowApi';

	displayName = 'CTRwow API';

	icon: Icon = { light: 'file:../nodes/Ctrwow/ctrwow.svg', dark: 'file:../nodes/Ctrwow/ctrwow.dark.svg' };

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#ctrwow-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'CTRwow documents no API and no key screen: ask CTRwow (DFO) support for an API key. Sent as X-Api-Key (assumed).',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_API_BASE_URL,
			description: 'CTRwow\'s API address (assumed default; ask CTRwow for yours)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { [API_KEY_HEADER]: '={{$credentials.apiKey}}' } },
	};

	// Without rules n8n shows only the HTTP status text ("Unauthorized"), which names neither the
	// service nor the field to fix.
	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}', url: '/me', method: 'GET' },
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'CTRwow refused the API key (HTTP 401). Copy the key again from CTRwow and check the API Base URL.' } },
			{ type: 'responseCode', properties: { value: 403, message: 'CTRwow accepted the API key but refused access (HTTP 403). Ask CTRwow to enable API access for this account.' } },
		],
	};
}
