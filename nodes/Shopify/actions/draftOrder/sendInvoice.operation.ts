import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

const show = { resource: ['draftOrder'], operation: ['sendInvoice'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Email Options',
		name: 'emailOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Custom Message', name: 'customMessage', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '' },
			{ displayName: 'To', name: 'to', type: 'string', placeholder: 'name@email.com', default: '', description: 'Defaults to the draft order\'s email' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'DraftOrder', 'Draft Order ID', this.getNodeParameter('draftOrderId', itemIndex), itemIndex);
		const options = this.getNodeParameter('emailOptions', itemIndex, {}) as IDataObject;
		const email = Object.fromEntries(Object.entries(options).filter(([, value]) => String(value ?? '').trim() !== ''));
		const data = await shopifyGraphql.call(
			this,
			documents.draftOrderInvoiceSend,
			{ id, ...(Object.keys(email).length ? { email } : {}) },
			{ itemIndex, idempotent: false },
		);
		const payload = data.draftOrderInvoiceSend as { draftOrder: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'draftOrderInvoiceSend', payload.userErrors, itemIndex, (error) =>
			/email/i.test(error.message) ? 'The draft order has no email address. Set "To" in Email Options, or create the draft order with an email.' : undefined,
		);
		return payload.draftOrder as IDataObject;
	});
}
