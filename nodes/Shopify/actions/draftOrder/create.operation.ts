import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { catalogVariants, findVariant, type CatalogProblem } from '../../helpers/catalogPrices';
import { readLines, type DraftOrderLine } from '../../helpers/draftOrderLines';
import { parseGid } from '../../helpers/gid';
import { catalogDiscount, type DiscountPolicy } from '../../helpers/manualDiscount';
import { PRICE } from '../../helpers/price';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';
import { addressCollection } from '../common.descriptions';

const show = { resource: ['draftOrder'], operation: ['create'] };
const catalog = { ...show, prices: ['catalog'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Prices',
		name: 'prices',
		type: 'options',
		options: [
			{
				name: 'Catalog Price (by SKU or Variant)',
				value: 'catalog',
				description: "Each line sells at its variant's price in this store, found by Variant ID or SKU. A typed Unit Price counts only when lower, within Maximum Discount (%), and is recorded as a discount.",
			},
			{
				name: 'Custom (Typed Prices)',
				value: 'custom',
				description: 'Lines without a variant sell at the typed Unit Price. Only for prices from a trusted source: whoever types them sets the checkout total.',
			},
		],
		default: 'catalog',
		displayOptions: { show },
	},
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
		placeholder: '[{ "sku": "SER-30", "quantity": 2, "unitPrice": "24.50", "title": "Serum 30ml" }]',
		description: "An array of lines, each with a quantity and a variant ID or SKU (catalog prices), or a title and unit price (custom prices). The shared order shape's items fit as they are.",
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
		description: 'A product variant (by Variant ID or SKU), or with custom prices a line with its own title and price',
		options: [
			{
				displayName: 'Line Item',
				name: 'lineItem',
				values: [
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
					{ displayName: 'SKU', name: 'sku', type: 'string', default: '', placeholder: 'SER-30', description: 'The variant\'s SKU in this store (when no Variant ID is given)' },
					{ displayName: 'Title (Custom Line)', name: 'title', type: 'string', default: '', description: 'With custom prices, for a line without a variant: what the customer sees' },
					{
						displayName: 'Unit Price',
						name: 'unitPrice',
						type: 'string',
						default: '',
						placeholder: '49.00',
						description: 'Catalog prices: empty for the catalog price, or a lower price within Maximum Discount (%). Custom prices: the price of a line without a variant.',
					},
					{ displayName: 'Variant ID', name: 'variantId', type: 'string', default: '', placeholder: 'gid://shopify/ProductVariant/44112233445566', description: 'The product variant; leave empty to find it by SKU (or, with custom prices, for a custom line)' },
				],
			},
		],
	},
	{
		displayName: 'Maximum Discount (%)',
		name: 'maxDiscountPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		default: 0,
		displayOptions: { show: catalog },
		description: 'How far below the catalog price a typed Unit Price may go. 0 allows no discount: a lower price stops the node with an error.',
	},
	{
		displayName: 'Discount Given By',
		name: 'discountGivenBy',
		type: 'string',
		default: '',
		placeholder: 'Ada Lovelace',
		displayOptions: { show: catalog },
		description: "Who set a price below the catalog; recorded as the discount's title on the line. Needed only when a line is priced lower.",
	},
	{
		displayName: 'Discount Reason',
		name: 'discountReason',
		type: 'string',
		default: '',
		placeholder: 'Loyal customer',
		displayOptions: { show: catalog },
		description: "Why the price is lower; recorded as the discount's description on the line. Needed only when a line is priced lower.",
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
			{ displayName: 'Shipping Price', name: 'shippingPrice', type: 'string', default: '', placeholder: '4.90', description: "The draft order's shipping line, in the shop's currency (empty: no shipping line)" },
			{ displayName: 'Shipping Title', name: 'shippingTitle', type: 'string', default: '', placeholder: 'Courier', description: 'What the checkout calls the shipping line (default: Shipping)' },
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

/** Lines at the store's catalog prices: every line a variant of this store, discounts within the policy. */
async function catalogLineInputs(this: IExecuteFunctions, lines: DraftOrderLine[], itemIndex: number): Promise<{ lineItems: IDataObject[]; currencyCode: string }> {
	const node = this.getNode();
	const { variants, currencyCode } = await catalogVariants.call(this, lines, itemIndex);
	const found = lines.map((line) => ({ line, ...findVariant(line, variants) }));
	const problems = found.filter((entry): entry is typeof entry & CatalogProblem => 'problem' in entry);
	const fix = 'Enter the SKU or Variant ID of a product variant in this store (Shopify admin → Products → the variant). With Prices "Catalog Price" no line is sold at a typed price.';
	if (problems.length === 1) {
		const { line, field, problem } = problems[0];
		throw parameterError(node, `${line.label} › ${field}`, problem, fix, itemIndex);
	}
	if (problems.length > 1) {
		const [list, name] = [problems[0].line.label.split(' › ')[0], (line: DraftOrderLine) => line.label.split(' › ')[1]];
		const each = problems.map(({ line, field, problem }) => `${name(line)} ${field} ${problem}`).join('; ');
		throw parameterError(node, list, `${problems.length} lines cannot be priced from the catalog: ${each}`, fix, itemIndex);
	}
	const policy: DiscountPolicy = {
		maxPercent: Number(this.getNodeParameter('maxDiscountPercent', itemIndex, 0)) || 0,
		givenBy: String(this.getNodeParameter('discountGivenBy', itemIndex, '')).trim(),
		reason: String(this.getNodeParameter('discountReason', itemIndex, '')).trim(),
	};
	const lineItems = found.map((entry) => {
		const { line, variant } = entry as typeof entry & { variant: { id: string; price: string } };
		const appliedDiscount = catalogDiscount(node, line, variant.price, policy, itemIndex);
		return { variantId: variant.id, quantity: line.quantity, ...(appliedDiscount ? { appliedDiscount } : {}) };
	});
	return { lineItems, currencyCode };
}

/** Lines at typed prices: variant lines at the catalog price, custom lines at their Unit Price. */
function customLineInputs(this: IExecuteFunctions, lines: DraftOrderLine[], itemIndex: number): IDataObject[] {
	return lines.map((line) => {
		if (line.variantId) return { variantId: line.variantId, quantity: line.quantity };
		if (line.title === '' || line.unitPrice === undefined) {
			throw parameterError(this.getNode(), line.label, 'has neither a variant ID nor a custom title with a price', 'Enter a Variant ID, or a Title and a Unit Price such as 49.00.', itemIndex);
		}
		return { title: line.title, originalUnitPrice: line.unitPrice, quantity: line.quantity, ...(line.sku ? { sku: line.sku } : {}) };
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const node = this.getNode();
		const fromJson = this.getNodeParameter('lineItemsSource', itemIndex, 'fields') === 'json';
		const rows = fromJson ? jsonRows.call(this, itemIndex) : (((this.getNodeParameter('lineItems', itemIndex, {}) as IDataObject).lineItem as IDataObject[] | undefined) ?? []);
		const field = fromJson ? 'Line Items (JSON)' : 'Line Items';
		if (rows.length === 0) throw parameterError(node, field, 'is empty', 'Add at least one line: a variant ID or SKU and a quantity.', itemIndex);
		const lines = readLines.call(this, rows, fromJson, itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const shippingPrice = String(extra.shippingPrice ?? '').trim();
		if (shippingPrice !== '' && !PRICE.test(shippingPrice)) throw parameterError(node, 'Additional Fields › Shipping Price', `"${shippingPrice.slice(0, 40)}" is not a price`, 'Write it as a decimal number with a dot, e.g. 4.90, or remove it for no shipping line.', itemIndex);

		const input: IDataObject = {};
		let currencyCode = '';
		if (this.getNodeParameter('prices', itemIndex, 'catalog') === 'custom') {
			input.lineItems = customLineInputs.call(this, lines, itemIndex);
		} else {
			({ lineItems: input.lineItems, currencyCode } = await catalogLineInputs.call(this, lines, itemIndex));
		}
		if (shippingPrice !== '') {
			if (currencyCode === '') currencyCode = String(((await shopifyGraphql.call(this, documents.shopCurrency, {}, { itemIndex })).shop as IDataObject).currencyCode);
			input.shippingLine = { title: String(extra.shippingTitle ?? '').trim() || 'Shipping', priceWithCurrency: { amount: shippingPrice, currencyCode } };
		}
		const customerId = String(this.getNodeParameter('customerId', itemIndex, '')).trim();
		if (customerId !== '') {
			const gid = parseGid('Customer', customerId);
			if (!gid) throw parameterError(node, 'Customer ID', `"${customerId.slice(0, 80)}" is not a customer ID`, 'Enter gid://shopify/Customer/… or the numeric ID, or leave it empty.', itemIndex);
			input.purchasingEntity = { customerId: gid };
		}
		const email = String(this.getNodeParameter('email', itemIndex, '')).trim();
		if (email !== '') input.email = email;
		const address = (this.getNodeParameter('shippingAddress', itemIndex, {}) as IDataObject).address as IDataObject | undefined;
		if (address) {
			input.shippingAddress = Object.fromEntries(Object.entries(address).filter(([, value]) => String(value ?? '').trim() !== ''));
		}
		if (extra.note) input.note = extra.note;
		if (extra.tags) input.tags = String(extra.tags).split(',').map((tag) => tag.trim()).filter(Boolean);
		const data = await shopifyGraphql.call(this, documents.draftOrderCreate, { input }, { itemIndex, idempotent: false });
		const payload = data.draftOrderCreate as { draftOrder: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'draftOrderCreate', payload.userErrors, itemIndex);
		return payload.draftOrder as IDataObject;
	});
}
