import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type Operation, routeOperation } from '../../shared/router';

import * as customer from './customer/Customer.resource';
import * as draftOrder from './draftOrder/DraftOrder.resource';
import * as graphql from './graphql/Graphql.resource';
import type { ShopifyType } from './node.type';
import * as order from './order/Order.resource';
import * as product from './product/Product.resource';

const resources: Record<ShopifyType['resource'], Record<string, Operation>> = {
	customer: {
		create: customer.create,
		delete: customer.delete,
		get: customer.get,
		search: customer.search,
		update: customer.update,
		upsert: customer.upsert,
	},
	draftOrder: { create: draftOrder.create, get: draftOrder.get, sendInvoice: draftOrder.sendInvoice },
	graphql: { query: graphql.query },
	order: { get: order.get, getChangedSince: order.getChangedSince },
	product: { get: product.get, getMany: product.getMany, updateVariants: product.updateVariants, upsert: product.upsert },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
