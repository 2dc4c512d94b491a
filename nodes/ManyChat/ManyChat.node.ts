import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as page from './actions/page/Page.resource';
import { router } from './actions/router';

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
		credentials: [{ name: 'manyChatApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Page', value: 'page' }],
				default: 'page',
			},
			...page.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
