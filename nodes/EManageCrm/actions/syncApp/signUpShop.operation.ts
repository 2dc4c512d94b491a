import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { requiredString } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { ownerEmail, shopDomain } from '../common.descriptions';

const show = { resource: ['syncApp'], operation: ['signUpShop'] };

export const description: INodeProperties[] = [
	shopDomain(show),
	ownerEmail(show),
	{
		displayName: 'Instance',
		name: 'instance',
		type: 'options',
		options: [
			{ name: 'Own Subscription', value: 'own', description: 'The shop has (or gets) its own eManageCRM subscription' },
			{ name: 'Shared Instance', value: 'shared', description: 'Attach the shop to the shared eManageCRM instance for shops without a subscription' },
		],
		default: 'shared',
		displayOptions: { show },
	},
	{
		displayName: 'Shop Name',
		name: 'shopName',
		type: 'string',
		default: '',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const body: IDataObject = {
			shopDomain: requiredString.call(this, 'shopDomain', 'Shop Domain', 'Enter the shop\'s myshopify.com domain.', itemIndex).toLowerCase(),
			ownerEmail: requiredString.call(this, 'ownerEmail', 'Owner Email', 'Enter the shop owner\'s e-mail.', itemIndex),
			instance: this.getNodeParameter('instance', itemIndex),
		};
		const name = String(this.getNodeParameter('shopName', itemIndex, '')).trim();
		if (name) body.shopName = name;
		// Signing up the same shop again answers with the existing sign-up, so a repeat is harmless.
		return (await eManageRequest.call(this, 'shopSignUp', {}, { body, itemIndex, idempotent: true })) as IDataObject;
	});
}
