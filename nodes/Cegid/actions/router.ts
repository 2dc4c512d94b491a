import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type Operation, routeOperation } from '../../shared/router';

import * as customer from './customer/Customer.resource';

const resources: Record<string, Record<string, Operation>> = {
	customer: {
		closeOrAnonymize: customer.closeOrAnonymize,
		create: customer.create,
		get: customer.get,
		search: customer.search,
		update: customer.update,
		upsert: customer.upsert,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
