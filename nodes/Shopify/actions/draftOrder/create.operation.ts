import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { gidParameter, parseGid } from '../../helpers/gid';
import { PRICE } from '../../helpers/price';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';
import { addressCollection } from '../common.descriptions';

const show = { resource: ['draftOrder'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Line Items From',
		name: 'lineItemsSource',
		type: 'options',
		options: [
			{ name: 'Fields Below', value: 'fields' },
			{ name: 'JSON', value: 'json', description: 'A list whose length is only known at run time, such as the items of an order' },
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Line Items (JSON)',
		name: 'lineItemsJson',
		type: 'json',
		default: '[]',
		placeholder: '[{ "title": "Serum 30ml", "unitPrice": "24.50", "quantity": 2, "sku": "SER-30" }]',
		description: "An array of lines, each with a variant ID and quantity, or a title, unit price, quantity and SKU. The shared order shape's items fit as they are.",
		displayOptions: { show: { ...show, lineItemsSource: ['json'] } },
	},
	{
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Line Item',
		displayOptions: { show: { ...show, lineItemsSource: ['fields'] } },
		description: 'A product variant, or a custom line with its own title and price',
		options: [
			{
				displayName: 'Line Item',
				name: 'lineItem',
				values: [
					{ displayName: 'Custom Title', name: 'title', type: 'string', default: '', description: 'For a custom line (no variant): what the customer sees' },
					{ displayName: 'Custom Unit Price', name: 'unitPrice', type: 'string', default: '', placeholder: '49.00', description: 'For a custom line (no variant)' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
					{ displayName: 'Variant ID', name: 'variantId', type: 'string', default: '', placeholder: 'gid://shopify/ProductVariant/44112233445566', description: 'Leave empty for a custom line' },
				],
			},
		],
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'gid://shopify/Customer/7012345678901',
		displayOptions: { show },
		description: 'Existing customer the order is for (optional; an email works too)',
	},
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', displayOptions: { show }, description: 'Where Shopify sends the invoice with the checkout link' },
	addressCollection('shippingAddress', 'Shipping Address', show, false, 'Where the order ships'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Note', name: 'note', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Comma-separated' },
		],
	},
];

/** The JSON line list: an array (what an expression yields) or its JSON text. */
function jsonRows(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	let value = this.getNodeParameter('lineItemsJson', itemIndex, '[]');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value || '[]');
		} catch (error) {
			throw parameterError(this.getNode(), 'Line Items (JSON)', `is not valid JSON (${(error as Error).message})`, 'Enter an array of lines, or an expression such as {{ $json.order.items }}.', itemIndex);
		}
	}
	if (!Array.isArray(value) || value.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) {
		throw parameterError(this.getNode(), 'Line Items (JSON)', 'is not an array of line objects', 'Enter e.g. [{ "title": "Serum", "unitPrice": "24.50", "quantity": 2 }].', itemIndex);
	}
	return value as IDataObject[];
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const node = this.getNode();
		const fromJson = this.getNodeParameter('lineItemsSource', itemIndex, 'fields') === 'json';
		const rows = fromJson ? jsonRows.call(this, itemIndex) : (((this.getNodeParameter('lineItems', itemIndex, {}) as IDataObject).lineItem as IDataObject[] | undefined) ?? []);
		const field = fromJson ? 'Line Items (JSON)' : 'Line Items';
		if (rows.length === 0) throw parameterError(node, field, 'is empty', 'Add at least one line: a variant ID, or a custom title and unit price.', itemIndex);
		const lineItems = rows.map((row, index) => {
			const label = fromJson ? `${field} › line ${index + 1}` : `Line Items › Line Item ${index + 1}`;
			const quantity = Number(row.quantity ?? 1);
			if (!Number.isInteger(quantity) || quantity < 1) throw parameterError(node, `${label} › Quantity`, `"${row.quantity}" is not a whole number ≥ 1`, 'Enter how many units.', itemIndex);
			if (String(row.variantId ?? '').trim() !== '') {
				return { variantId: gidParameter.call(this, 'ProductVariant', `${label} › Variant ID`, row.variantId, itemIndex), quantity };
			}
			const title = String(row.title ?? '').trim();
			const unitPrice = String(row.unitPrice ?? '').trim();
			if (title === '' || !PRICE.test(unitPrice)) {
				throw parameterError(node, label, 'has neither a variant ID nor a custom title with a price', 'Enter a Variant ID, or a Custom Title and a Custom Unit Price such as 49.00.', itemIndex);
			}
			const sku = String(row.sku ?? '').trim();
			return { title, originalUnitPrice: unitPrice, quantity, ...(sku ? { sku } : {}) };
		});
		const input: IDataObject = { lineItems };
		const customerId = String(this.getNodeParameter('customerId', itemIndex, '')).trim();
		if (customerId !== '') {
			const gid = parseGid('Customer', customerId);
			if (!gid) throw parameterError(node, 'Customer ID', `"${customerId}" is not a customer ID`, 'Enter gid://shopify/Customer/… or the numeric ID, or leave it empty.', itemIndex);
			input.purchasingEntity = { customerId: gid };
		}
		const email = String(this.getNodeParameter('email', itemIndex, '')).trim();
		if (email !== '') input.email = email;
		const address = (this.getNodeParameter('shippingAddress', itemIndex, {}) as IDataObject).address as IDataObject | undefined;
		if (address) {
			input.shippingAddress = Object.fromEntries(Object.entries(address).filter(([, value]) => String(value ?? '').trim() !== ''));
		}
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		if (extra.note) input.note = extra.note;
		if (extra.tags) input.tags = String(extra.tags).split(',').map((tag) => tag.trim()).filter(Boolean);
		const data = await shopifyGraphql.call(this, documents.draftOrderCreate, { input }, { itemIndex, idempotent: false });
		const payload = data.draftOrderCreate as { draftOrder: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'draftOrderCreate', payload.userErrors, itemIndex);
		return payload.draftOrder as IDataObject;
	});
}
