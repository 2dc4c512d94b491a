import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { compactCustomer } from '../../helpers/customer';
import { readCustomerInput } from '../../helpers/input';
import { customerClient } from '../../transport/customers';
import { customerInput } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'CEGID ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. WEB000123',
		description: 'Leave empty to let CEGID assign the ID (only on stores that number customers automatically)',
		displayOptions: { show },
	},
	...customerInput(show, 'Customer Fields'),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const { customer, warnings } = readCustomerInput.call(this, itemIndex);
		const customerId = String(this.getNodeParameter('customerId', itemIndex, '') ?? '').trim();
		if (customerId) customer.customerId = customerId;
		if (!customer.lastName) {
			throw parameterError(this.getNode(), 'Last Name', 'is required for a new CEGID customer', 'Add Last Name under Customer Fields, or set Options → Last Name When Missing.', itemIndex);
		}
		const client = await customerClient.call(this, itemIndex);
		const id = await client.create(customer);
		const created = await client.get(id);
		return { ...compactCustomer(created), ...(warnings.length ? { warnings } : {}) } as IDataObject;
	});
}
