import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as client from './client/Client.resource';
import * as order from './order/Order.resource';
import * as query from './query/Query.resource';
import * as setup from './setup/Setup.resource';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Operation>> = {
	client: { recordTouch: client.recordTouch },
	order: { find: order.find, get: order.get, save: order.save },
	query: { runSql: query.runSql },
	setup: { ensureSchema: setup.ensureSchema },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `Operation "${operation}" is not supported for resource "${resource}"`, {
			description: 'Pick the operation again in the node: this one may come from a newer version of the package.',
		});
	}
	return [await handler.execute.call(this)];
}
