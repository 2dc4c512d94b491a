import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter } from '../../helpers/gid';
import { variantPrices } from '../../helpers/price';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

const show = { resource: ['product'], operation: ['updateVariants'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Variants',
		name: 'variantUpdates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Variant',
		displayOptions: { show },
		description: 'Only the variants listed change; the others stay as they are',
		options: [
			{
				displayName: 'Variant',
				name: 'variant',
				values: [
					{ displayName: 'Barcode', name: 'barcode', type: 'string', default: '' },
					{ displayName: 'Compare-at Price', name: 'compareAtPrice', type: 'string', default: '' },
					{ displayName: 'Price', name: 'price', type: 'string', default: '' },
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
					{ displayName: 'Variant ID', name: 'id', type: 'string', default: '', placeholder: 'gid://shopify/ProductVariant/44112233445566' },
				],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const node = this.getNode();
		const productId = gidParameter.call(this, 'Product', 'Product', this.getNodeParameter('productId', itemIndex), itemIndex);
		const rows = ((this.getNodeParameter('variantUpdates', itemIndex, {}) as IDataObject).variant as IDataObject[] | undefined) ?? [];
		if (rows.length === 0) throw parameterError(node, 'Variants', 'is empty', 'Add at least one variant with its ID and the new values.', itemIndex);
		const variants = rows.map((row, index) => {
			const variant: IDataObject = {
				id: gidParameter.call(this, 'ProductVariant', `Variants › Variant ${index + 1} › Variant ID`, row.id, itemIndex),
			};
			Object.assign(variant, variantPrices(node, row, index, itemIndex));
			if (row.barcode) variant.barcode = String(row.barcode);
			if (row.sku) variant.inventoryItem = { sku: String(row.sku) };
			return variant;
		});
		const data = await shopifyGraphql.call(this, documents.productVariantsBulkUpdate, { productId, variants }, { itemIndex });
		const payload = data.productVariantsBulkUpdate as { productVariants: IDataObject[] | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'productVariantsBulkUpdate', payload.userErrors, itemIndex);
		return { productId, variants: payload.productVariants ?? [] };
	});
}
