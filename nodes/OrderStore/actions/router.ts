import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type Operation, routeOperation } from '../../shared/router';

import * as client from './client/Client.resource';
import * as order from './order/Order.resource';
import * as query from './query/Query.resource';
import * as setup from './setup/Setup.resource';

const resources: Record<string, Record<string, Operation>> = {
	client: { recordTouch: client.recordTouch },
	order: { find: order.find, get: order.get, save: order.save },
	query: { runSql: query.runSql },
	setup: { ensureSchema: setup.ensureSchema },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
