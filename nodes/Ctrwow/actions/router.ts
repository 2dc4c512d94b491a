import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as apiRequest from './apiRequest/ApiRequest.resource';
import * as funnel from './funnel/Funnel.resource';
import * as hostOption from './hostOption/HostOption.resource';
import * as template from './template/Template.resource';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Operation>> = {
	account: { get: account.get },
	apiRequest: { send: apiRequest.send },
	funnel: { create: funnel.create, get: funnel.get, publish: funnel.publish, unpublish: funnel.unpublish },
	hostOption: { getMany: hostOption.getMany },
	template: { getMany: template.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`Operation "${operation}" is not supported for resource "${resource}"`,
			{ description: 'Pick the operation again in the node: this one may come from a newer version of the package.' },
		);
	}
	return [await handler.execute.call(this)];
}
