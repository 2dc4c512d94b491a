import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { ctrwowList } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hostOption'] } },
		options: [{ name: 'Get Many', value: 'getMany', description: 'List the domains and subdomains a funnel can be published on', action: 'Get many host options' }],
		default: 'getMany',
	},
];

export const getMany = {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => await ctrwowList.call(this, 'hostOptionList', {}, undefined, itemIndex));
	},
};
