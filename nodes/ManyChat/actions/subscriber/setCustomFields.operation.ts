import type { IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { setSubscriberFields } from '../../helpers/customFields';
import { idOrName } from '../../helpers/locators';
import { subscriberIdParameter } from '../../helpers/parameters';
import { customFieldLocator, subscriberIdField } from '../common.descriptions';

const show = { resource: ['subscriber'], operation: ['setCustomFields'] };

export const description: INodeProperties[] = [
	subscriberIdField(show),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ ...customFieldLocator({}, 'customField'), displayOptions: undefined },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text, a number, true/false, a date (2026-07-18) or a date-time (2026-07-18T10:00:00+00:00)',
					},
				],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const subscriberId = subscriberIdParameter.call(this, this.getNodeParameter('subscriberId', itemIndex), itemIndex);
		const entries = (this.getNodeParameter('fields', itemIndex, {}) as { field?: Array<{ customField: INodeParameterResourceLocator; value: unknown }> }).field ?? [];
		if (entries.length === 0) {
			throw parameterError(this.getNode(), 'Fields', 'no field to set', 'Add at least one field and its value.', itemIndex);
		}
		const assignments = entries.map((entry, index) => ({
			field: idOrName.call(this, entry.customField, `Fields › field ${index + 1}`, itemIndex),
			value: entry.value,
		}));
		await setSubscriberFields.call(this, subscriberId, assignments, itemIndex);
		return { subscriber_id: subscriberId.digits, fields_set: assignments.length };
	});
}
