import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { searchValue } from '../../helpers/searchQuery';
import { documents } from '../../transport/documents';
import { paginate, type Connection } from '../../transport/pagination';
import { pagingFields } from '../common.descriptions';

const show = { resource: ['product'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...pagingFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Search Query', name: 'query', type: 'string', default: '', placeholder: 'vendor:Acme status:active', description: 'Shopify search syntax, combined with the other filters' },
			{ displayName: 'SKU', name: 'sku', type: 'string', default: '', description: 'Products with a variant that has this SKU' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Draft', value: 'draft' },
				],
				default: 'active',
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Products whose title contains these words' },
			{ displayName: 'Updated Since', name: 'updatedSince', type: 'dateTime', default: '', description: 'Only products changed after this moment' },
		],
	},
];

export function productQuery(filters: IDataObject): string {
	const terms: string[] = [];
	if (filters.title) terms.push(`title:${searchValue(String(filters.title))}`);
	if (filters.sku) terms.push(`sku:${searchValue(String(filters.sku))}`);
	if (filters.status) terms.push(`status:${String(filters.status)}`);
	if (filters.updatedSince) terms.push(`updated_at:>${searchValue(new Date(String(filters.updatedSince)).toISOString())}`);
	if (filters.query) terms.push(String(filters.query));
	return terms.join(' AND ');
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const query = productQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
		return await paginate.call(
			this,
			documents.productSearch,
			query ? { query } : {},
			(data) => data.products as Connection | undefined,
			{
				returnAll: this.getNodeParameter('returnAll', itemIndex, false) as boolean,
				limit: this.getNodeParameter('limit', itemIndex, 50) as number,
				// 20 products with 20 variants each stay under Shopify's cost ceiling of 1000.
				pageSize: 20,
				itemIndex,
			},
		);
	});
}
