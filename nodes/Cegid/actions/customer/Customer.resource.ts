import type { INodeProperties } from 'n8n-workflow';

import * as closeOrAnonymize from './closeOrAnonymize.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { closeOrAnonymize, create, get, search, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Close or Anonymize', value: 'closeOrAnonymize', description: "CEGID's replacement for a delete: close the customer, or erase its personal data", action: 'Close or anonymize a customer' },
			{ name: 'Create', value: 'create', description: 'Create a customer', action: 'Create a customer' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a customer' },
			{ name: 'Get', value: 'get', description: 'Get a customer by CEGID ID or external reference', action: 'Get a customer' },
			{ name: 'Search', value: 'search', description: 'Find customers by e-mail, phone or name', action: 'Search customers' },
			{ name: 'Update', value: 'update', description: 'Change only the given fields of a customer', action: 'Update a customer' },
		],
		default: 'upsert',
	},
	...get.description,
	...search.description,
	...create.description,
	...update.description,
	...upsert.description,
	...closeOrAnonymize.description,
];
