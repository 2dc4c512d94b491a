import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as apiRequest from './actions/apiRequest/ApiRequest.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as customer from './actions/customer/Customer.resource';
import * as order from './actions/order/Order.resource';
import * as product from './actions/product/Product.resource';
import { router } from './actions/router';
import * as syncApp from './actions/syncApp/SyncApp.resource';
import * as upsell from './actions/upsell/Upsell.resource';
import { eManageCrmApiTest } from './methods/credentialTest';
import { searchCampaigns, searchFunnels } from './methods/listSearch';

export class EManageCrm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eManageCRM',
		name: 'eManageCrm',
		icon: { light: 'file:emanagecrm.svg', dark: 'file:emanagecrm.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Orders, leads, upsells, campaign prices, products and the Sync App in eManageCRM (WowSuite)',
		defaults: { name: 'eManageCRM' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'eManageCrmApi', required: true, testedBy: 'eManageCrmApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'API Request', value: 'apiRequest' },
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Sync App', value: 'syncApp' },
					{ name: 'Upsell', value: 'upsell' },
				],
				default: 'order',
			},
			...apiRequest.description,
			...campaign.description,
			...customer.description,
			...order.description,
			...product.description,
			...syncApp.description,
			...upsell.description,
		],
	};

	methods = {
		credentialTest: { eManageCrmApiTest },
		listSearch: { searchCampaigns, searchFunnels },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
