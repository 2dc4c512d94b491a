import type { INodeProperties } from 'n8n-workflow';

import * as exportOrders from './export.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { exportOrders, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Export', value: 'export', description: 'Export orders of a date range as CSV and turn the rows into items', action: 'Export orders' },
			{ name: 'Get', value: 'get', description: 'Get one order by its number', action: 'Get an order' },
			{ name: 'Get Many', value: 'getMany', description: 'List orders of a date range, page by page', action: 'Get many orders' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...exportOrders.description,
	...get.description,
];
