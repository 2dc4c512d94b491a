import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { manyChatApiRequest } from '../../transport';
import { compact, profileFields } from './profileFields';

const show = { resource: ['subscriber'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'At least one of Email, Phone or WhatsApp Phone',
		displayOptions: { show },
		options: profileFields(true),
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const fields = compact(this.getNodeParameter('contactFields', itemIndex, {}) as IDataObject);
		const fail = (field: string, problem: string, fix: string) => parameterError(this.getNode(), field, problem, fix, itemIndex);
		if (!fields.email && !fields.phone && !fields.whatsapp_phone) {
			throw fail('Contact Fields', 'no way to reach the contact', 'Add Email, Phone or WhatsApp Phone.');
		}
		// ManyChat requires an explicit opt-in answer for each channel that is given.
		if (fields.email && fields.has_opt_in_email === undefined) fields.has_opt_in_email = false;
		if (fields.phone && fields.has_opt_in_sms === undefined) fields.has_opt_in_sms = false;
		if (fields.has_opt_in_sms === true && !fields.consent_phrase) {
			throw fail('Consent Phrase', 'is required when SMS Opt-In is on', 'Enter the consent text the contact agreed to.');
		}
		return (await manyChatApiRequest.call(this, 'POST', '/fb/subscriber/createSubscriber', {
			body: fields,
			itemIndex,
			limitGroup: 'subscriberWrite',
			// A repeat could create the contact twice.
			idempotent: false,
		})) as IDataObject;
	});
}
