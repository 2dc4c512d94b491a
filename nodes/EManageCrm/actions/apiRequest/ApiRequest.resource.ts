import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiRequest'] } },
		options: [
			{ name: 'Send', value: 'send', description: 'Call any eManageCRM endpoint with this credential', action: 'Send an API request' },
		],
		default: 'send',
	},
	...send.description,
];
