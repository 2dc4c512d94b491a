import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { variantPrices } from '../../helpers/price';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

const show = { resource: ['product'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom ID', value: 'customId', description: 'A unique metafield (type "ID") holding your own key' },
			{ name: 'Handle', value: 'handle', description: 'The product\'s URL handle' },
		],
		default: 'handle',
		displayOptions: { show },
	},
	{ displayName: 'Handle', name: 'handle', type: 'string', default: '', required: true, placeholder: 'blue-serum-30ml', displayOptions: { show: { ...show, matchBy: ['handle'] } } },
	{ displayName: 'Custom ID Namespace', name: 'customIdNamespace', type: 'string', default: 'custom', displayOptions: { show: { ...show, matchBy: ['customId'] } } },
	{ displayName: 'Custom ID Key', name: 'customIdKey', type: 'string', default: 'erp_id', displayOptions: { show: { ...show, matchBy: ['customId'] } } },
	{ displayName: 'Custom ID Value', name: 'customIdValue', type: 'string', default: '', required: true, displayOptions: { show: { ...show, matchBy: ['customId'] } } },
	{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true, displayOptions: { show } },
	{
		displayName: 'Variants',
		name: 'variants',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Variant',
		displayOptions: { show },
		description: 'The product\'s complete list of variants: Shopify deletes variants left out. Without any, the product gets one default variant.',
		options: [
			{
				displayName: 'Variant',
				name: 'variant',
				values: [
					{ displayName: 'Barcode', name: 'barcode', type: 'string', default: '' },
					{ displayName: 'Compare-at Price', name: 'compareAtPrice', type: 'string', default: '', placeholder: '59.00' },
					{ displayName: 'Option Value', name: 'optionValue', type: 'string', default: 'Default Title', description: 'Value of the product\'s single option, e.g. "30ml"' },
					{ displayName: 'Price', name: 'price', type: 'string', default: '', placeholder: '49.00', description: 'Decimal price in the store currency' },
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Description (HTML)', name: 'descriptionHtml', type: 'string', typeOptions: { rows: 4 }, default: '' },
			{ displayName: 'Option Name', name: 'optionName', type: 'string', default: 'Title', description: 'Name of the option the variants differ by, e.g. Size' },
			{ displayName: 'Product Type', name: 'productType', type: 'string', default: '' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Archived', value: 'ARCHIVED' },
					{ name: 'Draft', value: 'DRAFT' },
				],
				default: 'ACTIVE',
			},
			{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Comma-separated; replaces the product\'s tags' },
			{ displayName: 'Vendor', name: 'vendor', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const node = this.getNode();
		const matchBy = this.getNodeParameter('matchBy', itemIndex) as string;
		const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
		if (title === '') throw parameterError(node, 'Title', 'is empty', 'Every product needs a title.', itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const optionName = String(extra.optionName || 'Title');
		const rows = ((this.getNodeParameter('variants', itemIndex, {}) as IDataObject).variant as IDataObject[] | undefined) ?? [];
		const variants = rows.map((row, index) => {
			const prices = variantPrices(node, row, index, itemIndex);
			const variant: IDataObject = { optionValues: [{ optionName, name: String(row.optionValue || 'Default Title') }] };
			Object.assign(variant, prices);
			if (row.barcode) variant.barcode = String(row.barcode);
			if (row.sku) variant.inventoryItem = { sku: String(row.sku) };
			return variant;
		});
		const input: IDataObject = { title };
		for (const key of ['descriptionHtml', 'productType', 'status', 'vendor'] as const) if (extra[key]) input[key] = extra[key];
		if (extra.tags !== undefined) input.tags = String(extra.tags).split(',').map((tag) => tag.trim()).filter(Boolean);
		if (variants.length) {
			const values = [...new Set(variants.map((variant) => ((variant.optionValues as IDataObject[])[0].name as string)))];
			input.productOptions = [{ name: optionName, values: values.map((name) => ({ name })) }];
			input.variants = variants;
		}
		let identifier: IDataObject;
		if (matchBy === 'customId') {
			const value = String(this.getNodeParameter('customIdValue', itemIndex, '')).trim();
			if (value === '') throw parameterError(node, 'Custom ID Value', 'is empty', 'Map the product\'s key in your other system.', itemIndex);
			identifier = {
				customId: {
					namespace: String(this.getNodeParameter('customIdNamespace', itemIndex, 'custom')),
					key: String(this.getNodeParameter('customIdKey', itemIndex, 'erp_id')),
					value,
				},
			};
		} else {
			const handle = String(this.getNodeParameter('handle', itemIndex, '')).trim();
			if (handle === '') throw parameterError(node, 'Handle', 'is empty', 'Enter the product\'s URL handle, e.g. blue-serum-30ml.', itemIndex);
			identifier = { handle };
			input.handle = handle;
		}
		const data = await shopifyGraphql.call(this, documents.productSet, { identifier, input }, { itemIndex });
		const payload = data.productSet as { product: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'productSet', payload.userErrors, itemIndex);
		return payload.product as IDataObject;
	});
}
