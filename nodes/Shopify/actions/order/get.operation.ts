import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { hasMoreLineItems, orderAsWebhookPayload } from '../../helpers/orderPayload';
import { shopifyGraphql } from '../../transport';
import { documents } from '../../transport/documents';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'gid://shopify/Order/5678901234567',
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Admin API Fields', value: 'graphql', description: 'As the GraphQL Admin API returns it (totalPriceSet, lineItems…)' },
			{
				name: 'Webhook Payload Fields',
				value: 'webhookPayload',
				description: 'In the shape of an orders/create webhook (total_price, line_items…), to feed an order read later into the path that takes webhooks',
			},
		],
		default: 'graphql',
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Order', 'Order ID', this.getNodeParameter('orderId', itemIndex), itemIndex);
		const data = await shopifyGraphql.call(this, documents.orderGet, { id }, { itemIndex });
		if (!data.order) throw parameterError(this.getNode(), 'Order ID', `no order ${id} in this store`, 'Check the ID. Orders older than 60 days need the read_all_orders scope.', itemIndex);
		const order = data.order as IDataObject;
		if (this.getNodeParameter('outputFormat', itemIndex, 'graphql') !== 'webhookPayload') return order;
		// A webhook carries every line; an order cut short would be stored with lines missing.
		if (hasMoreLineItems(order)) {
			throw parameterError(this.getNode(), 'Output Format', `order ${id} has more line items than one read returns (50)`, 'Use Admin API Fields and page the line items with a GraphQL query.', itemIndex);
		}
		return orderAsWebhookPayload(order);
	});
}
