import type { INodeProperties } from 'n8n-workflow';

import * as ensureSchema from './ensureSchema.operation';

export { ensureSchema };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['setup'] } },
		options: [
			{
				name: 'Ensure Schema',
				value: 'ensureSchema',
				description: 'Create the dataset, the orders and client touches tables and the latest-orders view where missing; safe to run again',
				action: 'Ensure the schema',
			},
		],
		default: 'ensureSchema',
	},
	...ensureSchema.description,
];
