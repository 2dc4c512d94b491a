import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { searchValue } from '../../helpers/searchQuery';
import { documents } from '../../transport/documents';
import { paginate, type Connection } from '../../transport/pagination';
import { pagingFields } from '../common.descriptions';

const show = { resource: ['order'], operation: ['getChangedSince'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Changed Since',
		name: 'changedSince',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show },
		description: 'Orders created or updated after this moment, oldest change first. Each order lists its first 10 line items; use Get for all of them.',
	},
	{ displayName: 'Extra Query', name: 'query', type: 'string', default: '', placeholder: 'financial_status:paid', displayOptions: { show }, description: 'More Shopify search terms to narrow the list' },
	...pagingFields(show),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const raw = this.getNodeParameter('changedSince', itemIndex, '') as string;
		const since = new Date(raw);
		if (raw === '' || Number.isNaN(since.getTime())) {
			throw parameterError(this.getNode(), 'Changed Since', raw === '' ? 'is empty' : `"${raw}" is not a date`, 'Enter a date and time, e.g. {{ $now.minus({ hours: 1 }) }}.', itemIndex);
		}
		const extra = String(this.getNodeParameter('query', itemIndex, '')).trim();
		const query = [`updated_at:>${searchValue(since.toISOString())}`, extra].filter(Boolean).join(' AND ');
		const orders = await paginate.call(this, documents.orderSearch, { query }, (data) => data.orders as Connection | undefined, {
			returnAll: this.getNodeParameter('returnAll', itemIndex, false) as boolean,
			limit: this.getNodeParameter('limit', itemIndex, 50) as number,
			pageSize: 10,
			itemIndex,
		});
		return orders;
	});
}
