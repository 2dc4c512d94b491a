import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { type CegidCustomer, changedFields, compactCustomer } from '../../helpers/customer';
import { readCustomerInput } from '../../helpers/input';
import { customerClient, type CustomerClient } from '../../transport/customers';
import { customerInput } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Finds the customer by External Reference first (the Shopify customer GID when mapping from Shopify), then by e-mail; updates only what differs, or creates the customer. Running it again with the same data changes nothing.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Match by Email',
		name: 'matchByEmail',
		type: 'boolean',
		default: true,
		description: 'Whether to look for the customer by e-mail when no customer has the external reference, so one person bought in several stores stays one CEGID customer',
		displayOptions: { show },
	},
	...customerInput(show, 'Customer Fields'),
];

type MatchedBy = 'externalReference' | 'email';

async function findMatch(
	this: IExecuteFunctions,
	client: CustomerClient,
	customer: CegidCustomer,
	matchByEmail: boolean,
	itemIndex: number,
): Promise<{ current?: CegidCustomer; matchedBy?: MatchedBy }> {
	if (customer.externalReference) {
		const current = await client.findByExternalReference(customer.externalReference);
		if (current) return { current, matchedBy: 'externalReference' };
	}
	if (!matchByEmail || !customer.email) return {};
	const found = await client.search({ email: customer.email }, 10);
	let candidates = found.filter((entry) => entry.email?.toLowerCase() === customer.email?.toLowerCase());
	if (candidates.length > 1) candidates = candidates.filter((entry) => !entry.closed);
	if (candidates.length > 1) candidates = candidates.filter((entry) => !entry.externalReference);
	if (candidates.length === 1) return { current: candidates[0], matchedBy: 'email' };
	if (found.length > 1) {
		throw parameterError(
			this.getNode(),
			'Email',
			`${found.length} CEGID customers have the e-mail ${customer.email} (${found.map((entry) => entry.customerId).join(', ')})`,
			'Merge the duplicates in Y2, or give the customer an External Reference that one of them holds.',
			itemIndex,
		);
	}
	return {};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const { customer, warnings, lastNameIsPlaceholder } = readCustomerInput.call(this, itemIndex);
		const matchByEmail = this.getNodeParameter('matchByEmail', itemIndex, true) as boolean;
		if (!customer.externalReference && !(matchByEmail && customer.email)) {
			throw parameterError(
				this.getNode(),
				'External Reference',
				'is empty and there is no e-mail to match by',
				'Set External Reference (mapping from Shopify sets it to the customer GID) or Email, so the upsert can find an existing customer.',
				itemIndex,
			);
		}
		const client = await customerClient.call(this, itemIndex);
		const { current, matchedBy } = await findMatch.call(this, client, customer, matchByEmail, itemIndex);

		if (!current) {
			if (!customer.lastName) {
				throw parameterError(this.getNode(), 'Last Name', 'is required for a new CEGID customer', 'Add Last Name under Customer Fields, or set Options → Last Name When Missing.', itemIndex);
			}
			const id = await client.create(customer);
			const created = await client.get(id);
			return result('created', undefined, created, Object.keys(customer), warnings);
		}

		const desired: CegidCustomer = { ...customer };
		if (lastNameIsPlaceholder && current.lastName) delete desired.lastName;
		if (matchedBy === 'email' && current.externalReference && desired.externalReference && current.externalReference !== desired.externalReference) {
			// The same person from another store: keep the reference CEGID already has, so that store still finds them.
			warnings.push(`Matched by e-mail; the customer keeps its external reference ${current.externalReference}.`);
			delete desired.externalReference;
		}
		const changes = changedFields(desired, current);
		const changed = Object.keys(changes);
		if (changed.length === 0) return result('unchanged', matchedBy, current, [], warnings);
		await client.update(current, changes);
		return result('updated', matchedBy, await client.get(String(current.customerId)), changed, warnings);
	});
}

function result(action: string, matchedBy: MatchedBy | undefined, customer: CegidCustomer, changed: string[], warnings: string[]): IDataObject {
	return {
		action,
		...(matchedBy ? { matchedBy } : {}),
		customerId: customer.customerId ?? '',
		changedFields: changed,
		customer: compactCustomer(customer),
		...(warnings.length ? { warnings } : {}),
	};
}
