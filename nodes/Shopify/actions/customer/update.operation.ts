import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { customerFromSource, toCustomerInput } from '../../helpers/customerInput';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';
import { customerSourceFields } from '../common.descriptions';
import { updateEmailConsent } from './consent';
import { fetchCustomer } from './get.operation';

export const description: INodeProperties[] = customerSourceFields({ resource: ['customer'], operation: ['update'] });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Customer', 'Customer', this.getNodeParameter('customerId', itemIndex), itemIndex);
		const customer = customerFromSource.call(this, itemIndex);
		const input = toCustomerInput(customer);
		if (Object.keys(input).length === 0 && !customer.emailMarketingState) {
			throw parameterError(this.getNode(), 'Customer Fields', 'nothing to update', 'Add at least one field to change.', itemIndex);
		}
		if (Object.keys(input).length > 0) {
			const data = await shopifyGraphql.call(this, documents.customerUpdate, { input: { id, ...input } }, { itemIndex });
			const payload = data.customerUpdate as { customer: IDataObject | null; userErrors: UserError[] };
			throwOnUserErrors(this, 'customerUpdate', payload.userErrors, itemIndex);
		}
		if (customer.emailMarketingState) await updateEmailConsent.call(this, id, customer.emailMarketingState, itemIndex);
		return (await fetchCustomer.call(this, id, itemIndex)) as IDataObject;
	});
}
