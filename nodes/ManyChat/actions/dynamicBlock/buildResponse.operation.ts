import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { contentProperties, readContent } from '../content.descriptions';

const show = { resource: ['dynamicBlock'], operation: ['buildResponse'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Builds the answer to a ManyChat "External Request" (dynamic block). Send it back with a Respond to Webhook node. No ManyChat call is made.',
		name: 'dynamicBlockNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...contentProperties(show),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => readContent.call(this, itemIndex));
}
