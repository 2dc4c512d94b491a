import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
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
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Order', 'Order ID', this.getNodeParameter('orderId', itemIndex), itemIndex);
		const data = await shopifyGraphql.call(this, documents.orderGet, { id }, { itemIndex });
		if (!data.order) throw parameterError(this.getNode(), 'Order ID', `no order ${id} in this store`, 'Check the ID. Orders older than 60 days need the read_all_orders scope.', itemIndex);
		return data.order as IDataObject;
	});
}
