import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { searchValue } from '../../helpers/searchQuery';
import { documents } from '../../transport/documents';
import { paginate, type Connection } from '../../transport/pagination';
import { pagingFields } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['search'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Phone', value: 'phone' },
			{ name: 'Search Query', value: 'query', description: 'Shopify search syntax, e.g. updated_at:>2026-01-01 tag:vip' },
		],
		default: 'email',
		displayOptions: { show },
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', displayOptions: { show: { ...show, searchBy: ['email'] } } },
	{ displayName: 'Phone', name: 'phone', type: 'string', placeholder: '+33612345678', default: '', displayOptions: { show: { ...show, searchBy: ['phone'] } } },
	{ displayName: 'Query', name: 'query', type: 'string', default: '', placeholder: 'country:FR tag:vip', displayOptions: { show: { ...show, searchBy: ['query'] } } },
	...pagingFields(show),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const searchBy = this.getNodeParameter('searchBy', itemIndex) as string;
		const raw = String(this.getNodeParameter(searchBy, itemIndex, '')).trim();
		if (raw === '') {
			const field = { email: 'Email', phone: 'Phone', query: 'Query' }[searchBy] ?? searchBy;
			throw parameterError(this.getNode(), field, 'is empty', `Enter the ${field.toLowerCase()} to search for.`, itemIndex);
		}
		const query = searchBy === 'query' ? raw : `${searchBy}:${searchValue(raw)}`;
		return await paginate.call(
			this,
			documents.customerSearch,
			{ query },
			(data) => data.customers as Connection | undefined,
			{
				returnAll: this.getNodeParameter('returnAll', itemIndex, false) as boolean,
				limit: this.getNodeParameter('limit', itemIndex, 50) as number,
				pageSize: 100,
				itemIndex,
			},
		);
	});
}
