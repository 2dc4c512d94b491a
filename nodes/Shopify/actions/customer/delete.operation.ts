import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

export const description: INodeProperties[] = [
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
		displayOptions: { show: { resource: ['customer'], operation: ['delete'] } },
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

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Customer', 'Customer', this.getNodeParameter('customerId', itemIndex), itemIndex);
		const data = await shopifyGraphql.call(this, documents.customerDelete, { input: { id } }, { itemIndex });
		const payload = data.customerDelete as { deletedCustomerId: string | null; userErrors: UserError[] };
		const reason = refusalReason(payload.userErrors ?? []);
		if (reason && this.getNodeParameter('ifNotDeleted', itemIndex, 'error') === 'notDeletedItem') {
			return { deleted: false, customerId: id, reason, message: payload.userErrors.map((error) => error.message).join('; ') };
		}
		throwOnUserErrors(this, 'customerDelete', payload.userErrors, itemIndex, (error) => (/order/i.test(error.message) ? HAS_ORDERS_HINT : undefined));
		return { deleted: true, deletedCustomerId: payload.deletedCustomerId ?? id };
	});
}
