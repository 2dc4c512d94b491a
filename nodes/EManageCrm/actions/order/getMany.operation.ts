import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { listOrders } from '../../helpers/orders';
import { dateParameter } from '../../helpers/parameters';
import { dateRange } from './dateRange';

const show = { resource: ['order'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	...dateRange(show),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500 },
		default: 100,
		description: 'Orders per request; eManageCRM pages are numbered from 1',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const start = dateParameter.call(this, 'startDate', 'Start Date', itemIndex);
		const end = dateParameter.call(this, 'endDate', 'End Date', itemIndex, new Date());
		if (end < start) throw parameterError(this.getNode(), 'End Date', 'is before Start Date', 'Swap the dates or leave End Date empty for now.', itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		return await listOrders.call(this, {
			start,
			end,
			pageSize: Number(this.getNodeParameter('pageSize', itemIndex, 100)),
			limit: returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50)),
			itemIndex,
		});
	});
}
