import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { changedFields, compactCustomer } from '../../helpers/customer';
import { readCustomerInput } from '../../helpers/input';
import { locateCustomer } from '../../helpers/locator';
import { customerClient } from '../../transport/customers';
import { customerInput, customerLocator } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['update'] };

export const description: INodeProperties[] = [customerLocator(show), ...customerInput(show, 'Update Fields')];

/** A partial update: only the fields given (and different from CEGID's) are written. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const { customer, warnings, lastNameIsPlaceholder } = readCustomerInput.call(this, itemIndex);
		if (Object.keys(customer).length === 0) {
			throw parameterError(this.getNode(), 'Update Fields', 'nothing to update', 'Add at least one field to change, or map a Shopify customer.', itemIndex);
		}
		const client = await customerClient.call(this, itemIndex);
		const current = await locateCustomer.call(this, client, itemIndex);
		if (lastNameIsPlaceholder && current.lastName) delete customer.lastName;
		const changes = changedFields(customer, current);
		const changed = Object.keys(changes);
		if (changed.length) await client.update(current, changes);
		const after = changed.length ? await client.get(String(current.customerId)) : current;
		return { ...compactCustomer(after), updatedFields: changed, ...(warnings.length ? { warnings } : {}) } as IDataObject;
	});
}
