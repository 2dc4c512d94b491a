import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { settle, storeFor } from '../../helpers/store';
import { storeError, withStore } from '../../transport/client';
import { findOrders } from './find.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Order Key',
		name: 'orderKey',
		type: 'string',
		default: '',
		placeholder: 'shopify:my-shop.myshopify.com:5678901234567',
		description: 'The stable order key (source:service:source order ID). No output item when there is no such order.',
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const store = await storeFor.call(this);
	return await runForEachItem.call(this, async (itemIndex) => {
		const key = (this.getNodeParameter('orderKey', itemIndex, '') as string).trim();
		if (!key) throw parameterError(this.getNode(), 'Order Key', 'is empty', 'Map the order key, e.g. {{ $json.orderKey }}.', itemIndex);
		const found = await settle(withStore(store, async (current) => await findOrders(current, 'order_key = @order_key', { params: { order_key: key }, types: { order_key: 'STRING' } }, 1)));
		if (!found.ok) throw storeError(this.getNode(), found.error, store.account, itemIndex);
		return found.value;
	});
}
