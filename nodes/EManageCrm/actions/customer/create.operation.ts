import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { campaignWebKey } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { campaignLocator } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['create'] };

export const description: INodeProperties[] = [
	campaignLocator(show),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'Identification Type ID',
				name: 'customerIdentificationTypeId',
				type: 'number',
				default: 4,
				description: 'How eManageCRM files the lead; funnels send 4 with the campaign name as the value',
			},
			{ displayName: 'Identification Value', name: 'customerIdentificationValue', type: 'string', default: '', description: 'Usually the campaign (offer) name' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const webKey = await campaignWebKey.call(this, itemIndex);
		const email = String(this.getNodeParameter('email', itemIndex, '')).trim();
		// 254 characters is the most an address can have (RFC 5321); the cap keeps the check linear.
		if (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
			throw parameterError(this.getNode(), 'Email', `"${email}" is not an e-mail address`, 'Enter an address such as name@example.com, or map it from the input.', itemIndex);
		}
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { email, customerIdentificationTypeId: extra.customerIdentificationTypeId ?? 4 };
		for (const key of ['firstName', 'lastName', 'phoneNumber', 'customerIdentificationValue']) {
			if (extra[key] !== undefined && extra[key] !== '') body[key] = extra[key];
		}
		// A lead with the same e-mail is recognised by eManageCRM, so a repeat does not duplicate it.
		const answer = await eManageRequest.call(this, 'customerCreate', { webKey }, { body, itemIndex, idempotent: true });
		return { webKey, ...((answer ?? {}) as IDataObject) };
	});
}
