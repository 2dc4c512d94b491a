import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql } from '../../transport';
import { documents } from '../../transport/documents';

export const description: INodeProperties[] = [
	{
		displayName: 'Draft Order ID',
		name: 'draftOrderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'gid://shopify/DraftOrder/1234567890',
		displayOptions: { show: { resource: ['draftOrder'], operation: ['get', 'sendInvoice'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'DraftOrder', 'Draft Order ID', this.getNodeParameter('draftOrderId', itemIndex), itemIndex);
		const data = await shopifyGraphql.call(this, documents.draftOrderGet, { id }, { itemIndex });
		if (!data.draftOrder) throw parameterError(this.getNode(), 'Draft Order ID', `no draft order ${id} in this store`, 'Check the ID and that the credential points at the right store.', itemIndex);
		return data.draftOrder as IDataObject;
	});
}
