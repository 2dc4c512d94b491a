import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { customerClient } from '../transport/customers';

/** Customers for the Customer locator: by e-mail when the filter has an @, else by last name. */
export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim() ?? '';
	if (needle === '') return { results: [] };
	const client = await customerClient.call(this);
	const customers = await client.search(needle.includes('@') ? { email: needle.toLowerCase() } : { lastName: needle }, 50);
	return {
		results: customers.map((customer) => {
			const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.customerId || '';
			const details = [customer.email, customer.closed ? 'closed' : undefined].filter(Boolean).join(', ');
			return { name: `${name}${details ? ` (${details})` : ''} – ${customer.customerId}`, value: String(customer.customerId) };
		}),
	};
}
