import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { compactCustomer } from '../../helpers/customer';
import { normalizePhone } from '../../helpers/shopifyCustomer';
import { customerClient, type SearchCriteria } from '../../transport/customers';

const show = { resource: ['customer'], operation: ['search'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'External Reference', value: 'externalReference', description: 'The reference another system keeps on the customer, e.g. the Shopify customer GID a sync stored' },
			{ name: 'Name', value: 'name' },
			{ name: 'Phone', value: 'phone' },
		],
		default: 'email',
		displayOptions: { show },
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', displayOptions: { show: { ...show, searchBy: ['email'] } } },
	{
		displayName: 'External Reference',
		name: 'externalReference',
		type: 'string',
		placeholder: 'gid://shopify/Customer/7012345678901',
		required: true,
		default: '',
		displayOptions: { show: { ...show, searchBy: ['externalReference'] } },
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', required: true, default: '', placeholder: '+33612345678', description: 'Searched in international format (+33…); a number without country code uses Default Phone Country', displayOptions: { show: { ...show, searchBy: ['phone'] } } },
	{ displayName: 'Default Phone Country', name: 'phoneCountry', type: 'string', default: '', placeholder: 'FR', displayOptions: { show: { ...show, searchBy: ['phone'] } } },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', required: true, default: '', displayOptions: { show: { ...show, searchBy: ['name'] } } },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: 'Narrows the search to this first name', displayOptions: { show: { ...show, searchBy: ['name'] } } },
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const searchBy = this.getNodeParameter('searchBy', itemIndex) as 'email' | 'externalReference' | 'name' | 'phone';
		const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		const criteria: SearchCriteria = {};
		const required = (name: string, label: string) => {
			const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
			if (value === '') throw parameterError(this.getNode(), label, 'is empty', `Enter the ${label.toLowerCase()} to search for.`, itemIndex);
			return value;
		};
		if (searchBy === 'email') criteria.email = required('email', 'Email').toLowerCase();
		if (searchBy === 'externalReference') criteria.externalReference = required('externalReference', 'External Reference');
		if (searchBy === 'name') {
			criteria.lastName = required('lastName', 'Last Name');
			criteria.firstName = String(this.getNodeParameter('firstName', itemIndex, '') ?? '').trim() || undefined;
		}
		if (searchBy === 'phone') {
			const raw = required('phone', 'Phone');
			const country = String(this.getNodeParameter('phoneCountry', itemIndex, '') ?? '').trim();
			const phone = normalizePhone(raw, country || undefined);
			if (!phone) {
				throw parameterError(this.getNode(), 'Phone', `"${raw}" is not a valid phone number`, 'Enter it with its country code (+33 6 12 34 56 78), or set Default Phone Country.', itemIndex);
			}
			criteria.phone = phone;
		}
		const client = await customerClient.call(this, itemIndex);
		return (await client.search(criteria, limit)).map(compactCustomer);
	});
}
