import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { customFieldId } from '../../helpers/locators';
import { manyChatApiRequest } from '../../transport';
import { customFieldLocator } from '../common.descriptions';

const show = { resource: ['subscriber'], operation: ['findByCustomField'] };

export const description: INodeProperties[] = [
	{ ...customFieldLocator(show), description: 'A text or number field (ManyChat searches only those)' },
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		description: 'Exact value to match. ManyChat returns at most 100 subscribers, most recently updated first.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const locator = this.getNodeParameter('customField', itemIndex) as INodeParameterResourceLocator;
		const fieldId = await customFieldId.call(this, locator, itemIndex);
		const found = await manyChatApiRequest.call(this, 'GET', '/fb/subscriber/findByCustomField', {
			qs: { field_id: fieldId, field_value: String(this.getNodeParameter('value', itemIndex)) },
			itemIndex,
			limitGroup: 'subscriberRead',
		});
		return (Array.isArray(found) ? found : []) as IDataObject[];
	});
}
