import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import type { CegidCustomer } from './customer';
import type { CustomerClient } from '../transport/customers';

/** Reads the Customer locator and fetches that customer. */
export async function locateCustomer(
	this: IExecuteFunctions,
	client: CustomerClient,
	itemIndex: number,
): Promise<CegidCustomer> {
	const locator = this.getNodeParameter('customer', itemIndex) as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'object' ? locator.mode : 'id';
	const value = String(typeof locator === 'object' ? (locator.value ?? '') : locator).trim();
	if (value === '') {
		throw parameterError(this.getNode(), 'Customer', 'is empty', 'Pick a customer from the list, or enter a CEGID ID or an external reference.', itemIndex);
	}
	if (mode !== 'externalReference') return await client.get(value);
	const found = await client.findByExternalReference(value);
	if (!found) {
		throw parameterError(
			this.getNode(),
			'Customer',
			`no CEGID customer has the external reference "${value}"`,
			'Check the reference (e.g. gid://shopify/Customer/123), or create the customer first with Create or Upsert.',
			itemIndex,
		);
	}
	return found;
}
