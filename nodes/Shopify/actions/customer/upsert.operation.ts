import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { customerFromSource, toCustomerInput } from '../../helpers/customerInput';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';
import { customerSourceFields } from '../common.descriptions';
import { updateEmailConsent } from './consent';

const show = { resource: ['customer'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Custom ID',
				value: 'customId',
				description: 'A unique metafield (type "ID") holding your own key, e.g. the ERP customer code',
			},
			{ name: 'Email', value: 'email', description: 'The customer\'s email address' },
		],
		default: 'email',
		displayOptions: { show },
	},
	{
		displayName: 'Custom ID Namespace',
		name: 'customIdNamespace',
		type: 'string',
		default: 'custom',
		displayOptions: { show: { ...show, matchBy: ['customId'] } },
		description: 'Namespace of the metafield definition (type "ID", unique values) that holds the key',
	},
	{
		displayName: 'Custom ID Key',
		name: 'customIdKey',
		type: 'string',
		default: 'erp_id',
		displayOptions: { show: { ...show, matchBy: ['customId'] } },
	},
	{
		displayName: 'Custom ID Value',
		name: 'customIdValue',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, matchBy: ['customId'] } },
		description: 'The key of this customer in your other system',
	},
	...customerSourceFields(show),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const customer = customerFromSource.call(this, itemIndex);
		const matchBy = this.getNodeParameter('matchBy', itemIndex) as string;
		let identifier: IDataObject;
		if (matchBy === 'customId') {
			const value = String(this.getNodeParameter('customIdValue', itemIndex, '')).trim();
			if (value === '') throw parameterError(this.getNode(), 'Custom ID Value', 'is empty', 'Map the customer\'s key in your other system, e.g. the ERP code.', itemIndex);
			identifier = {
				customId: {
					namespace: String(this.getNodeParameter('customIdNamespace', itemIndex, 'custom')).trim(),
					key: String(this.getNodeParameter('customIdKey', itemIndex, 'erp_id')).trim(),
					value,
				},
			};
		} else {
			if (!customer.email) throw parameterError(this.getNode(), 'Email', 'is empty', 'Upsert by email needs the customer\'s email. Add it, or match by Custom ID.', itemIndex);
			identifier = { email: customer.email };
		}
		// An upsert by a unique identifier gives the same customer however often it is sent, so an
		// unanswered or failed attempt can be repeated (customerCreate cannot).
		const data = await shopifyGraphql.call(this, documents.customerSet, { identifier, input: toCustomerInput(customer) }, { itemIndex, idempotent: true });
		const payload = data.customerSet as { customer: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'customerSet', payload.userErrors, itemIndex, (error) =>
			error.code === 'METAFIELD_DEFINITION_NOT_FOUND' || /definition/i.test(error.message)
				? 'Create a metafield definition of type "id" with unique values for customers (Settings → Custom data → Customers) with this namespace and key.'
				: undefined,
		);
		const saved = payload.customer as IDataObject;
		const consentNow = (saved.emailMarketingConsent as IDataObject | null)?.marketingState;
		if (customer.emailMarketingState && consentNow !== customer.emailMarketingState) {
			await updateEmailConsent.call(this, String(saved.id), customer.emailMarketingState, itemIndex);
			saved.emailMarketingConsent = { ...(saved.emailMarketingConsent as IDataObject), marketingState: customer.emailMarketingState };
		}
		return saved;
	});
}
