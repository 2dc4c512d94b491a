import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { requiredString } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { shopDomain } from '../common.descriptions';

const show = { resource: ['syncApp'], operation: ['linkCtrwow'] };

export const description: INodeProperties[] = [
	shopDomain(show),
	{
		displayName: 'CTRwow Account ID',
		name: 'ctrwowAccountId',
		type: 'string',
		required: true,
		default: '',
		description: 'From the CTRwow node\'s Account → Get (after the CTRwow credential is connected). No token is sent.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const shop = requiredString.call(this, 'shopDomain', 'Shop Domain', 'Enter the shop\'s myshopify.com domain.', itemIndex).toLowerCase();
		const accountId = requiredString.call(this, 'ctrwowAccountId', 'CTRwow Account ID', 'Map the ID from the CTRwow node (Account → Get).', itemIndex);
		return (await eManageRequest.call(this, 'shopLinkCtrwow', { shopDomain: shop }, { body: { ctrwowAccountId: accountId }, itemIndex })) as IDataObject;
	});
}
