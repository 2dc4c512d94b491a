import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { ctrwowRequest } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'The connected CTRwow account: proves the connection works and gives its ID', action: 'Get the connected account' },
		],
		default: 'get',
	},
];

export const get = {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => (await ctrwowRequest.call(this, 'account', {}, { itemIndex })) as IDataObject);
	},
};
