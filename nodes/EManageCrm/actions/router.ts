import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type Operation, routeOperation } from '../../shared/router';

import * as apiRequest from './apiRequest/ApiRequest.resource';
import * as campaign from './campaign/Campaign.resource';
import * as customer from './customer/Customer.resource';
import * as order from './order/Order.resource';
import * as product from './product/Product.resource';
import * as syncApp from './syncApp/SyncApp.resource';
import * as upsell from './upsell/Upsell.resource';

const resources: Record<string, Record<string, Operation>> = {
	apiRequest: { send: apiRequest.send },
	campaign: { getPrices: campaign.getPrices },
	customer: { create: customer.create },
	order: { export: order.exportOrders, get: order.get, getMany: order.getMany },
	product: { create: product.create, update: product.update },
	syncApp: {
		buildSettingsLink: syncApp.buildSettingsLink,
		createInvitation: syncApp.createInvitation,
		getFunnelSettings: syncApp.getFunnelSettings,
		linkCtrwow: syncApp.linkCtrwow,
		redeemInvitation: syncApp.redeemInvitation,
		setFunnelSettings: syncApp.setFunnelSettings,
		signUpShop: syncApp.signUpShop,
	},
	upsell: { create: upsell.create },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
