import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { manyChatApiRequest } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Full Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Alice Manager',
		description: "The subscriber's full name. ManyChat returns at most 100 matches.",
		displayOptions: { show: { resource: ['subscriber'], operation: ['findByName'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const name = String(this.getNodeParameter('name', itemIndex)).trim();
		if (!name) throw parameterError(this.getNode(), 'Full Name', 'is empty', 'Enter the full name to search for.', itemIndex);
		const found = await manyChatApiRequest.call(this, 'GET', '/fb/subscriber/findByName', {
			qs: { name },
			itemIndex,
			limitGroup: 'subscriberRead',
		});
		return (Array.isArray(found) ? found : []) as IDataObject[];
	});
}
