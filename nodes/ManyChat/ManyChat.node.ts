import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as dynamicBlock from './actions/dynamicBlock/DynamicBlock.resource';
import * as page from './actions/page/Page.resource';
import { router } from './actions/router';
import * as sending from './actions/sending/Sending.resource';
import * as subscriber from './actions/subscriber/Subscriber.resource';
import { searchCustomFields, searchFlows, searchTags } from './methods/listSearch';

export class ManyChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ManyChat',
		name: 'manyChat',
		icon: { light: 'file:manychat.svg', dark: 'file:manychat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Message shoppers and managers and manage subscribers in ManyChat (Facebook Messenger)',
		defaults: { name: 'ManyChat' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{
				name: 'manyChatApi',
				required: true,
				// Building a dynamic block response calls nothing.
				displayOptions: { hide: { resource: ['dynamicBlock'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Dynamic Block', value: 'dynamicBlock' },
					{ name: 'Page', value: 'page' },
					{ name: 'Sending', value: 'sending' },
					{ name: 'Subscriber', value: 'subscriber' },
				],
				default: 'sending',
			},
			...dynamicBlock.description,
			...page.description,
			...sending.description,
			...subscriber.description,
		],
	};

	methods = {
		listSearch: { searchCustomFields, searchFlows, searchTags },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
