import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as parse from './actions/email/parse.operation';
import { router } from './actions/router';

export class DeliveryEmailParser implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Delivery Email Parser',
		name: 'deliveryEmailParser',
		icon: { light: 'file:deliveryEmailParser.svg', dark: 'file:deliveryEmailParser.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Parse order emails',
		description: 'Turn order emails from delivery services into structured orders',
		defaults: { name: 'Delivery Email Parser' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Orders', 'Needs Review'],
		usableAsTool: true,
		properties: parse.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
