import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { shopifyGraphql } from '../../transport';
import { documents } from '../../transport/documents';
import { recordLocator } from '../common.descriptions';

export const description: INodeProperties[] = [
	recordLocator('productId', 'Product', 'searchProducts', 'products', { resource: ['product'], operation: ['get', 'updateVariants'] }),
];

export async function fetchProduct(this: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject> {
	const data = await shopifyGraphql.call(this, documents.productGet, { id }, { itemIndex });
	if (!data.product) {
		throw parameterError(this.getNode(), 'Product', `no product ${id} in this store`, 'Pick the product from the list, or check that the credential points at the right store.', itemIndex);
	}
	return data.product as IDataObject;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = gidParameter.call(this, 'Product', 'Product', this.getNodeParameter('productId', itemIndex), itemIndex);
		return await fetchProduct.call(this, id, itemIndex);
	});
}
