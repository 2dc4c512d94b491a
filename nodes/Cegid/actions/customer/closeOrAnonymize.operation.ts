import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { compactCustomer } from '../../helpers/customer';
import { locateCustomer } from '../../helpers/locator';
import { customerClient } from '../../transport/customers';
import { customerLocator } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['closeOrAnonymize'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'CEGID cannot delete a customer: sales, loyalty and fiscal records point at it. Close keeps the record but marks it closed (reversible). Anonymize erases the personal data for good (GDPR erasure, e.g. Shopify customers/redact).',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	customerLocator(show),
	{
		displayName: 'Action',
		name: 'deleteAction',
		type: 'options',
		options: [
			{ name: 'Anonymize', value: 'anonymize', description: 'Erase names, e-mail, phones and address for good; the record stays for sales history' },
			{ name: 'Close', value: 'close', description: 'Mark the customer closed; the data stays and can be reopened' },
		],
		default: 'close',
		description: 'What a Shopify "delete" becomes in CEGID',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const action = this.getNodeParameter('deleteAction', itemIndex) as 'close' | 'anonymize';
		const client = await customerClient.call(this, itemIndex);
		const current = await locateCustomer.call(this, client, itemIndex);
		const customerId = String(current.customerId);
		if (action === 'close') {
			if (current.closed) return { customerId, action: 'alreadyClosed', customer: compactCustomer(current) };
			await client.update(current, { closed: true });
		} else {
			await client.anonymize(customerId);
		}
		const after = await client.get(customerId);
		return { customerId, action: action === 'close' ? 'closed' : 'anonymized', customer: compactCustomer(after) };
	});
}
