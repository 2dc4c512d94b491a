import type { INodeProperties } from 'n8n-workflow';

import * as find from './find.operation';
import * as get from './get.operation';
import * as save from './save.operation';

export { find, get, save };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Find', value: 'find', description: 'Find orders by customer email, phone or creation time (latest version of each)', action: 'Find orders' },
			{ name: 'Get', value: 'get', description: 'Get the latest version of an order by its key', action: 'Get an order' },
			{ name: 'Save', value: 'save', description: 'Save orders; a re-delivered order changes nothing, a changed one becomes a new version', action: 'Save orders' },
		],
		default: 'save',
	},
	...save.description,
	...get.description,
	...find.description,
];
