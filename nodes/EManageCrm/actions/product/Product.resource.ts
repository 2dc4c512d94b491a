import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as update from './update.operation';

export { create, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a product (assumed endpoint, see the README)', action: 'Create a product' },
			{ name: 'Update', value: 'update', description: 'Change the given fields of a product (assumed endpoint, see the README)', action: 'Update a product' },
		],
		default: 'create',
	},
	...create.description,
	...update.description,
];
