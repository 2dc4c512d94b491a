import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ManyChatApi implements ICredentialType {
	name = 'manyChatApi';

	displayName = 'ManyChat API';

	icon: Icon = {
		light: 'file:../nodes/ManyChat/manychat.svg',
		dark: 'file:../nodes/ManyChat/manychat.dark.svg',
	};

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#manychat-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: '1234567890123456:1234567890ABCDEFGHIJKLMNOPQRSTUV',
			description:
				'ManyChat → Settings → API → Generate your API Key (paid plans only). Paste the whole value, page_id:key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.manychat.com',
			description:
				'Advanced, not in ManyChat\'s settings: change only to reach ManyChat through a proxy or to use the local ManyChat simulator',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/fb/page/getInfo',
		},
		// ManyChat answers a wrong or malformed key with HTTP 401 ({"status": "error"}), for which n8n
		// would show only "Unauthorized". n8n takes either response-code or success-body rules, not
		// both; a refused key never arrives as a success, so the response-code rule is the one.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'ManyChat refused the API key (HTTP 401). Copy it again from ManyChat Settings → API, in the form page_id:key.',
				},
			},
		],
	};
}
