import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Create Lead', value: 'create', description: 'Capture a customer (prospect) for a campaign through the Web Sales API', action: 'Create a customer lead' },
		],
		default: 'create',
	},
	...create.description,
];
