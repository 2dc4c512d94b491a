import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { customerAsWebhookPayload } from '../../helpers/customerPayload';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql } from '../../transport';
import { documents } from '../../transport/documents';
import { recordLocator } from '../common.descriptions';

export const description: INodeProperties[] = [
	(() => {
		const locator = recordLocator('customerId', 'Customer', 'searchCustomers', 'customers', { resource: ['customer'], operation: ['get', 'update', 'delete'] });
		// Delete can also find the customer by email instead.
		return { ...locator, displayOptions: { ...locator.displayOptions, hide: { deleteBy: ['email'] } } };
	})(),
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Admin API Fields', value: 'graphql', description: 'As the GraphQL Admin API returns it (firstName, defaultAddress…)' },
			{
				name: 'Webhook Payload Fields',
				value: 'webhookPayload',
				description: 'In the shape of a customers/update webhook (first_name, addresses…), to re-read a customer after a webhook and map it the same way',
			},
		],
		default: 'graphql',
		displayOptions: { show: { resource: ['customer'], operation: ['get'] } },
	},
	{
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fail', value: 'error', description: 'Stop with an error that names the customer ID' },
			{
				name: 'Output a Not-Found Item',
				value: 'notFoundItem',
				description: 'Output { ID, notFound: true } instead, e.g. to skip a change that arrives after the customer was deleted',
			},
		],
		default: 'error',
		displayOptions: { show: { resource: ['customer'], operation: ['get'] } },
	},
];

/** Reads one customer; a missing one is an error that names the ID (or null when `missingIsNull`). */
export async function fetchCustomer(this: IExecuteFunctions, id: string, itemIndex: number, missingIsNull = false): Promise<IDataObject | null> {
	const data = await shopifyGraphql.call(this, documents.customerGet, { id }, { itemIndex });
	if (!data.customer) {
		if (missingIsNull) return null;
		throw parameterError(this.getNode(), 'Customer', `no customer ${id} in this store`, 'Pick the customer from the list, or check that the credential points at the right store.', itemIndex);
	}
	return data.customer as IDataObject;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Customer', 'Customer', this.getNodeParameter('customerId', itemIndex), itemIndex);
		const customer = await fetchCustomer.call(this, id, itemIndex, this.getNodeParameter('ifNotFound', itemIndex, 'error') === 'notFoundItem');
		if (!customer) return { id, notFound: true };
		return this.getNodeParameter('outputFormat', itemIndex, 'graphql') === 'webhookPayload' ? customerAsWebhookPayload(customer) : customer;
	});
}
