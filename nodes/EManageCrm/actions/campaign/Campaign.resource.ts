import type { INodeProperties } from 'n8n-workflow';

import * as getPrices from './getPrices.operation';

export { getPrices };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{ name: 'Get Product Prices', value: 'getPrices', description: 'Products, package prices and shipping methods of a campaign', action: 'Get product prices of a campaign' },
		],
		default: 'getPrices',
	},
	...getPrices.description,
];
