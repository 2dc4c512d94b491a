import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { subscriberIdParameter } from '../../helpers/parameters';
import { manyChatApiRequest } from '../../transport';
import { subscriberIdField } from '../common.descriptions';
import { compact, profileFields } from './profileFields';

const show = { resource: ['subscriber'], operation: ['update'] };

export const description: INodeProperties[] = [
	subscriberIdField(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: profileFields(false),
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const subscriberId = subscriberIdParameter.call(this, this.getNodeParameter('subscriberId', itemIndex), itemIndex);
		const fields = compact(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
		if (Object.keys(fields).length === 0) {
			throw parameterError(this.getNode(), 'Update Fields', 'nothing to update', 'Add at least one field to change.', itemIndex);
		}
		if (fields.has_opt_in_sms === true && !fields.consent_phrase) {
			throw parameterError(this.getNode(), 'Consent Phrase', 'is required when SMS Opt-In is on', 'Enter the consent text the contact agreed to.', itemIndex);
		}
		return (await manyChatApiRequest.call(this, 'POST', '/fb/subscriber/updateSubscriber', {
			body: { subscriber_id: subscriberId, ...fields },
			itemIndex,
			limitGroup: 'subscriberWrite',
			idempotent: true, // setting the same values again changes nothing
		})) as IDataObject;
	});
}
