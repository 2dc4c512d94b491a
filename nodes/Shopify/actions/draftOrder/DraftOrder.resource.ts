import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as sendInvoice from './sendInvoice.operation';

export { create, get, sendInvoice };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['draftOrder'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a draft order; its invoice URL is the checkout link for the customer', action: 'Create a draft order' },
			{ name: 'Get', value: 'get', description: 'Get a draft order with its invoice URL', action: 'Get a draft order' },
			{ name: 'Send Invoice', value: 'sendInvoice', description: 'Email the customer the checkout link', action: 'Send the invoice of a draft order' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...sendInvoice.description,
];
