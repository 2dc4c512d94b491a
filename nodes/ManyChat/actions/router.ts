import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type Operation, routeOperation } from '../../shared/router';

import * as dynamicBlock from './dynamicBlock/DynamicBlock.resource';
import type { ManyChatType } from './node.type';
import * as page from './page/Page.resource';
import * as sending from './sending/Sending.resource';
import * as subscriber from './subscriber/Subscriber.resource';

const resources: Record<ManyChatType['resource'], Record<string, Operation>> = {
	dynamicBlock: { buildResponse: dynamicBlock.buildResponse },
	page: {
		getBotFields: page.getBotFields,
		getCustomFields: page.getCustomFields,
		getFlows: page.getFlows,
		getGrowthTools: page.getGrowthTools,
		getInfo: page.getInfo,
		getTags: page.getTags,
	},
	sending: {
		notifySubscribers: sending.notifySubscribers,
		sendContent: sending.sendContent,
		sendFlow: sending.sendFlow,
	},
	subscriber: {
		addTag: subscriber.addTag,
		create: subscriber.create,
		findByCustomField: subscriber.findByCustomField,
		findByName: subscriber.findByName,
		findBySystemField: subscriber.findBySystemField,
		get: subscriber.get,
		removeTag: subscriber.removeTag,
		setCustomFields: subscriber.setCustomFields,
		update: subscriber.update,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
