import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { campaignWebKey } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { campaignLocator } from '../common.descriptions';

const show = { resource: ['campaign'], operation: ['getPrices'] };

export const description: INodeProperties[] = [
	campaignLocator(show),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Campaign', value: 'campaign', description: 'The answer as eManageCRM sends it' },
			{ name: 'One Item per Product', value: 'products', description: 'Each price row, with the campaign web key' },
		],
		default: 'products',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const webKey = await campaignWebKey.call(this, itemIndex);
		const answer = await eManageRequest.call<IExecuteFunctions, Parameters<typeof eManageRequest>, Promise<IDataObject>>(this, 'campaignPrices', { webKey }, { itemIndex });
		if (this.getNodeParameter('output', itemIndex) === 'campaign') return { webKey, ...answer };
		const prices = Array.isArray(answer.prices) ? (answer.prices as IDataObject[]) : [];
		return prices.map((price) => ({ webKey, ...price }));
	});
}
