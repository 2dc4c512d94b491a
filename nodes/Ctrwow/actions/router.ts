import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type Operation, routeOperation } from '../../shared/router';

import * as account from './account/Account.resource';
import * as apiRequest from './apiRequest/ApiRequest.resource';
import * as funnel from './funnel/Funnel.resource';
import * as hostOption from './hostOption/HostOption.resource';
import * as template from './template/Template.resource';

const resources: Record<string, Record<string, Operation>> = {
	account: { get: account.get },
	apiRequest: { send: apiRequest.send },
	funnel: { create: funnel.create, get: funnel.get, publish: funnel.publish, unpublish: funnel.unpublish },
	hostOption: { getMany: hostOption.getMany },
	template: { getMany: template.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
