import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

export const description: INodeProperties[] = [];

const HAS_ORDERS_HINT =
	'Shopify deletes only customers without orders. Instead, update the customer (for example add a tag such as "deleted" and set Email Marketing to Unsubscribed), or request data erasure for them in the Shopify admin (Customers → the customer → Erase personal data).';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Customer', 'Customer', this.getNodeParameter('customerId', itemIndex), itemIndex);
		const data = await shopifyGraphql.call(this, documents.customerDelete, { input: { id } }, { itemIndex });
		const payload = data.customerDelete as { deletedCustomerId: string | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'customerDelete', payload.userErrors, itemIndex, (error) =>
			/order/i.test(error.message) ? HAS_ORDERS_HINT : undefined,
		);
		return { deleted: true, deletedCustomerId: payload.deletedCustomerId ?? id };
	});
}
