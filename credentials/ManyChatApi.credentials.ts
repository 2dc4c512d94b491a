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

	documentationUrl =
		'https://help.manychat.com/hc/en-us/articles/14959510331420-How-to-generate-a-token-for-the-Manychat-API-and-where-to-get-parameters';

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
				'The key from ManyChat Settings → API → Generate your API Key, in the form page_id:key',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.manychat.com',
			description:
				'Advanced: change only to reach ManyChat through a proxy or to use the local ManyChat simulator',
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
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'error',
					message: 'ManyChat refused the API key. Copy it again from ManyChat Settings → API.',
				},
			},
		],
	};
}
