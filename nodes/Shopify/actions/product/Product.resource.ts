import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as updateVariants from './updateVariants.operation';
import * as upsert from './upsert.operation';

export { get, getMany, updateVariants, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a product with its variants', action: 'Get a product' },
			{ name: 'Get Many', value: 'getMany', description: 'List or search products', action: 'Get many products' },
			{ name: 'Update Variants', value: 'updateVariants', description: 'Change prices, SKUs or barcodes of some variants', action: 'Update variants of a product' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a product' },
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...upsert.description,
	...updateVariants.description,
];
