import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as dynamicBlock from './dynamicBlock/DynamicBlock.resource';
import type { ManyChatType } from './node.type';
import * as page from './page/Page.resource';
import * as sending from './sending/Sending.resource';
import * as subscriber from './subscriber/Subscriber.resource';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

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
	const resource = this.getNodeParameter('resource', 0) as ManyChatType['resource'];
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
