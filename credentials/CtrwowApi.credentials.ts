import type { IAuthenticateGeneric, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { ADDRESS_HELP } from '../nodes/Ctrwow/transport/addresses';
import { API_KEY_HEADER } from '../nodes/Ctrwow/transport/assumedContract';

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
			required: true,
			default: '',
			placeholder: 'https://api.example.com/v1',
			description: `CTRwow's API address; the key goes only here. ${ADDRESS_HELP.baseUrl}`,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { [API_KEY_HEADER]: '={{$credentials.apiKey}}' } },
	};

	// Tested by the CTRwow node (methods/credentialTest.ts): it refuses an empty API Base URL before sending the key.
}
