import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import * as draftOrder from './actions/draftOrder/DraftOrder.resource';
import * as graphql from './actions/graphql/Graphql.resource';
import * as order from './actions/order/Order.resource';
import * as product from './actions/product/Product.resource';
import { router } from './actions/router';
import { searchCustomers, searchProducts } from './methods/listSearch';
import { expiredApiVersionWarning } from './transport/apiVersion';

export class Shopify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shopify Admin',
		name: 'shopify',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Customers, products, draft orders and orders through Shopify\'s Admin GraphQL API',
		defaults: { name: 'Shopify Admin' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'shopifyAdminApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Draft Order', value: 'draftOrder' },
					{ name: 'GraphQL', value: 'graphql' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
				],
				default: 'customer',
			},
			...customer.description,
			...draftOrder.description,
			...graphql.description,
			...order.description,
			...product.description,
		],
	};

	methods = {
		listSearch: { searchCustomers, searchProducts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// A warning, not a failure: Shopify still answers an expired version (with a newer one).
		const credentials = await this.getCredentials('shopifyAdminApi');
		const warning = expiredApiVersionWarning(String(credentials.apiVersion ?? ''));
		if (warning) this.addExecutionHints({ message: warning, type: 'warning', location: 'outputPane' });
		return await router.call(this);
	}
}
