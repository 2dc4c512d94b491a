import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getChangedSince from './getChangedSince.operation';

export { get, getChangedSince };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get an order by ID', action: 'Get an order' },
			{ name: 'Get Changed Since', value: 'getChangedSince', description: 'List orders created or updated after a moment (for reconciliation)', action: 'Get orders changed since a time' },
		],
		default: 'get',
	},
	...get.description,
	...getChangedSince.description,
];
