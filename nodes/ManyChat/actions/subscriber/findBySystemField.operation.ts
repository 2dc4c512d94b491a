import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { manyChatApiRequest } from '../../transport';

const show = { resource: ['subscriber'], operation: ['findBySystemField'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'systemField',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Phone', value: 'phone' },
		],
		default: 'email',
		displayOptions: { show },
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'alice@example.com or +15550000001',
		description: 'Email address, or phone number in international format',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const field = this.getNodeParameter('systemField', itemIndex) as 'email' | 'phone';
		const value = String(this.getNodeParameter('value', itemIndex)).trim();
		if (!value) throw parameterError(this.getNode(), 'Value', 'is empty', `Enter the ${field} to search for.`, itemIndex);
		if (field === 'phone' && !/^\+\d{6,15}$/.test(value)) {
			throw parameterError(this.getNode(), 'Value', `"${value}" is not an international phone number`, 'Use the +<country code><number> form, e.g. +15550000001.', itemIndex);
		}
		return (await manyChatApiRequest.call(this, 'GET', '/fb/subscriber/findBySystemField', {
			qs: { [field]: value },
			itemIndex,
			limitGroup: 'subscriberBySystemField',
		})) as IDataObject;
	});
}
