import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['upsell'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a one-click upsell to an existing order, charged on its stored card', action: 'Create a one click upsell order' },
		],
		default: 'create',
	},
	...create.description,
];
