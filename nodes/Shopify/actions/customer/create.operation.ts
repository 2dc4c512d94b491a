import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { customerFromSource, toCustomerInput } from '../../helpers/customerInput';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';
import { customerSourceFields } from '../common.descriptions';

export const description: INodeProperties[] = customerSourceFields({ resource: ['customer'], operation: ['create'] });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const customer = customerFromSource.call(this, itemIndex);
		if (!customer.email && !customer.phone && !customer.firstName && !customer.lastName) {
			throw parameterError(this.getNode(), 'Customer Fields', 'need at least an email, a phone or a name', 'Add Email, Phone, First Name or Last Name.', itemIndex);
		}
		const input = toCustomerInput(customer);
		if (customer.emailMarketingState) {
			// At creation Shopify takes the consent with the customer; later it needs its own mutation.
			input.emailMarketingConsent = { marketingState: customer.emailMarketingState, marketingOptInLevel: 'SINGLE_OPT_IN' };
		}
		const data = await shopifyGraphql.call(this, documents.customerCreate, { input }, { itemIndex, idempotent: false });
		const payload = data.customerCreate as { customer: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'customerCreate', payload.userErrors, itemIndex, (error) =>
			/taken/i.test(error.message) ? 'A customer with this email or phone exists already. Use Upsert to update it instead.' : undefined,
		);
		return payload.customer as IDataObject;
	});
}
