import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { searchValue } from '../../helpers/searchQuery';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

const show = { resource: ['customer'], operation: ['delete'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Delete By',
		name: 'deleteBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'id', description: 'The customer picked from the list, or by ID or URL' },
			{
				name: 'Customer, or Email When No Customer Is Given',
				value: 'idOrEmail',
				description: 'The customer by ID when the Customer field is not empty, else by email, e.g. a copy whose ID a sync never learned',
			},
			{
				name: 'Email',
				value: 'email',
				description: 'The customer with this email in this store (Shopify keeps emails unique per store), e.g. a copy another store’s sync made by email',
			},
		],
		default: 'id',
		displayOptions: { show },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		displayOptions: { show: { ...show, deleteBy: ['email', 'idOrEmail'] } },
	},
	{
		displayName: 'If Not Deleted',
		name: 'ifNotDeleted',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fail', value: 'error', description: 'Stop with Shopify’s reason and what to do instead' },
			{
				name: 'Output a Not-Deleted Item',
				value: 'notDeletedItem',
				description:
					'When the customer is already gone or has orders, output { deleted: false, reason } instead; any other error (timeouts, 5xx) still fails, so it can be retried',
			},
		],
		default: 'error',
		displayOptions: { show },
	},
];

const HAS_ORDERS_HINT =
	'Shopify deletes only customers without orders. Instead, update the customer (for example add a tag such as "deleted" and set Email Marketing to Unsubscribed), or request data erasure for them in the Shopify admin (Customers → the customer → Erase personal data).';

/** Why Shopify refused, when it is a lasting answer rather than a fault worth retrying. */
function refusalReason(userErrors: UserError[]): 'hasOrders' | 'notFound' | undefined {
	if (userErrors.some((error) => /order/i.test(error.message))) return 'hasOrders';
	if (userErrors.some((error) => /can.?t be found|not found|does not exist/i.test(error.message))) return 'notFound';
	return undefined;
}

/** IDs of the customers with exactly this email (search matches loosely, so the result is checked). */
async function idsByEmail(this: IExecuteFunctions, email: string, itemIndex: number): Promise<string[]> {
	const data = await shopifyGraphql.call(this, documents.customerSearch, { first: 10, query: `email:${searchValue(email)}` }, { itemIndex });
	const nodes = ((data.customers as IDataObject | undefined)?.nodes ?? []) as Array<{ id: string; email?: string | null }>;
	return nodes.filter((customer) => customer.email?.toLowerCase() === email.toLowerCase()).map((customer) => customer.id);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const outputNotDeleted = this.getNodeParameter('ifNotDeleted', itemIndex, 'error') === 'notDeletedItem';
		let ids: string[];
		const deleteBy = this.getNodeParameter('deleteBy', itemIndex, 'id') as string;
		const locator = this.getNodeParameter('customerId', itemIndex, '') as { value?: unknown } | string;
		const customerGiven = String(typeof locator === 'object' ? (locator?.value ?? '') : locator).trim() !== '';
		if (deleteBy === 'email' || (deleteBy === 'idOrEmail' && !customerGiven)) {
			const email = String(this.getNodeParameter('email', itemIndex, '')).trim();
			if (!email) throw parameterError(this.getNode(), 'Email', 'is empty', 'Enter the email of the customer to delete, or choose Delete By: Customer.', itemIndex);
			ids = await idsByEmail.call(this, email, itemIndex);
			if (ids.length === 0) {
				if (outputNotDeleted) return { deleted: false, email, reason: 'notFound', message: `No customer with this email in this store` };
				throw parameterError(this.getNode(), 'Email', `matches no customer in this store (${email})`, 'Check the email, or the store the credential points at.', itemIndex);
			}
		} else {
			ids = [gidParameter.call(this, 'Customer', 'Customer', this.getNodeParameter('customerId', itemIndex), itemIndex)];
		}
		const results: IDataObject[] = [];
		for (const id of ids) {
			const data = await shopifyGraphql.call(this, documents.customerDelete, { input: { id } }, { itemIndex });
			const payload = data.customerDelete as { deletedCustomerId: string | null; userErrors: UserError[] };
			const reason = refusalReason(payload.userErrors ?? []);
			if (reason && outputNotDeleted) {
				results.push({ deleted: false, customerId: id, reason, message: payload.userErrors.map((error) => error.message).join('; ') });
				continue;
			}
			throwOnUserErrors(this, 'customerDelete', payload.userErrors, itemIndex, (error) => (refusalReason([error]) === 'hasOrders' ? HAS_ORDERS_HINT : undefined));
			results.push({ deleted: true, deletedCustomerId: payload.deletedCustomerId ?? id });
		}
		return results.length === 1 ? results[0] : results;
	});
}
