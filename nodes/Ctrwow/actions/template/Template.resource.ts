import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { ctrwowList } from '../../transport';

const show = { resource: ['template'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [{ name: 'Get Many', value: 'getMany', description: 'List the page templates funnels can be built from', action: 'Get many templates' }],
		default: 'getMany',
	},
	{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only templates whose name contains this text', displayOptions: { show } },
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: { show } },
	{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: { show: { ...show, returnAll: [false] } } },
];

export const getMany = {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => {
			const search = String(this.getNodeParameter('search', itemIndex, '')).trim();
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			return await ctrwowList.call(this, 'templateList', search ? { search } : {}, returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50)), itemIndex);
		});
	},
};
