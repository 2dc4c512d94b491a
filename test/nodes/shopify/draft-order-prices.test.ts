/**
 * Draft orders at the store's catalog prices (Prices: Catalog Price, the default): the variant is
 * found by SKU or Variant ID, a typed price counts only when lower and within Maximum Discount (%),
 * and then the line carries Shopify's appliedDiscount with who and why. Checked against the Shopify
 * simulator's records and the requests the node sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { NODE, shopifyWorkflow, useShopify } from './setup';

describe('Shopify Admin node: draft orders at catalog prices', () => {
	const { sim, credentials, storeA } = useShopify();

	const addProduct = async (title: string, variants: Array<{ title: string; sku: string; price: string }>) => {
		const response = await fetch(`${sim.server.url}/__sim/shops/a/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, variants }) });
		expect(response.status).toBe(201);
		return (await response.json()) as { variants: Array<{ id: number; sku: string }> };
	};

	beforeEach(async () => {
		await addProduct('Rose Serum', [
			{ title: '30ml', sku: 'SER-30', price: '24.50' },
			{ title: '50ml', sku: 'SER-50', price: '39.00' },
		]);
		await addProduct('Night Cream', [{ title: 'Default Title', sku: 'CRM-50', price: '31.00' }]);
	});

	const draftOrder = (lines: IDataObject[], extra: IDataObject = {}) =>
		shopifyWorkflow({ resource: 'draftOrder', operation: 'create', lineItemsSource: 'json', lineItemsJson: JSON.stringify(lines), ...extra });
	const graphqlBodies = () =>
		sim.server.requests.filter((request) => request.path.endsWith('/graphql.json')).map((request) => request.body as { query: string; variables: IDataObject });
	const createInputs = () => graphqlBodies().filter((body) => body.query.includes('draftOrderCreate(')).map((body) => body.variables.input as IDataObject);

	it('sells every line at its variant\'s catalog price, found by SKU (any case), whatever higher price was typed; shipping is a shipping line', async () => {
		const result = await runWorkflow(
			draftOrder([{ sku: 'SER-30', title: 'Serum', quantity: 2, unitPrice: '30.00' }, { sku: 'crm-50', quantity: 1 }], {
				email: 'eve@example.com',
				additionalFields: { shippingPrice: '4.90', shippingTitle: 'Delivery: Courier' },
			}),
			{ credentials: credentials() },
		);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)[0].json).toMatchObject({
			totalPriceSet: { shopMoney: { amount: '84.90', currencyCode: 'EUR' } },
			totalShippingPriceSet: { shopMoney: { amount: '4.90' } },
			shippingLine: { title: 'Delivery: Courier', originalPriceSet: { shopMoney: { amount: '4.90' } } },
		});
		const draft = storeA().draftOrders.at(-1)!;
		expect(draft.lineItems.map((line) => [line.sku, line.title, line.quantity, line.price, line.appliedDiscount ?? null])).toEqual([
			['SER-30', 'Rose Serum - 30ml', 2, '24.50', null],
			['CRM-50', 'Night Cream', 1, '31.00', null],
		]);
		expect(draft.shippingLine).toEqual({ title: 'Delivery: Courier', code: null, price: '4.90' });
		// What went to Shopify: the SKUs looked up in one search, then variant lines without any typed price.
		const lookups = graphqlBodies().filter((body) => body.query.includes('productVariants('));
		expect(lookups.map((body) => body.variables.query)).toEqual(['sku:"SER-30" OR sku:"crm-50"']);
		const [input] = createInputs();
		expect(input.lineItems).toEqual([
			{ variantId: `gid://shopify/ProductVariant/${storeA().products[0].variants[0].id}`, quantity: 2 },
			{ variantId: `gid://shopify/ProductVariant/${storeA().products[1].variants[0].id}`, quantity: 1 },
		]);
		expect(input.shippingLine).toEqual({ title: 'Delivery: Courier', priceWithCurrency: { amount: '4.90', currencyCode: 'EUR' } });
	});

	it('a lower price within Maximum Discount (%) becomes the line\'s discount, recording who gave it and why', async () => {
		const variantId = storeA().products[0].variants[1].id;
		const result = await runWorkflow(
			draftOrder([{ sku: 'SER-30', quantity: 2, unitPrice: '19.60' }, { variantId: String(variantId), quantity: 1, unitPrice: '35.10' }, { sku: 'CRM-50', quantity: 1 }], {
				maxDiscountPercent: 20,
				discountGivenBy: 'Ada Lovelace',
				discountReason: 'Loyal customer, second order this month',
			}),
			{ credentials: credentials() },
		);
		expect(result.error(NODE)).toBeUndefined();
		const draft = storeA().draftOrders.at(-1)!;
		expect(draft.lineItems.map((line) => [line.sku, line.price, line.appliedDiscount ?? null])).toEqual([
			['SER-30', '24.50', { valueType: 'FIXED_AMOUNT', value: 4.9, title: 'Price set by Ada Lovelace', description: 'Loyal customer, second order this month' }],
			['SER-50', '39.00', { valueType: 'FIXED_AMOUNT', value: 3.9, title: 'Price set by Ada Lovelace', description: 'Loyal customer, second order this month' }],
			['CRM-50', '31.00', null],
		]);
		// 2 × 19.60 + 35.10 + 31.00
		expect(result.output(NODE)[0].json).toMatchObject({
			totalPriceSet: { shopMoney: { amount: '105.30' } },
			totalDiscountsSet: { shopMoney: { amount: '13.70' } },
			lineItems: { nodes: [{ appliedDiscount: { title: 'Price set by Ada Lovelace', valueType: 'FIXED_AMOUNT', amountSet: { shopMoney: { amount: '9.80' } } }, discountedTotalSet: { shopMoney: { amount: '39.20' } } }, {}, { appliedDiscount: null }] },
		});
	});

	it('refuses a price below the maximum discount, and a lower price without who or why, naming the field; nothing is created', async () => {
		const tenAtOneCent = await runWorkflow(draftOrder([{ sku: 'SER-30', title: 'Serum', quantity: 10, unitPrice: '0.01' }], { maxDiscountPercent: 20, discountGivenBy: 'Mallory', discountReason: 'friend' }), { credentials: credentials() });
		expect(tenAtOneCent.error(NODE)?.message).toBe('Line Items (JSON) › line 1 › Unit Price: 0.01 is 99.96% below the catalog price 24.50, more than the Maximum Discount (%) of 20');
		expect(tenAtOneCent.error(NODE)?.description).toBe('Enter at least 19.60, or leave the price empty to sell at the catalog price.');

		const noDiscountAllowed = await runWorkflow(draftOrder([{ sku: 'SER-30', quantity: 1, unitPrice: '24.49' }], { discountGivenBy: 'Ada', discountReason: 'rounding' }), { credentials: credentials() });
		expect(noDiscountAllowed.error(NODE)?.message).toBe('Line Items (JSON) › line 1 › Unit Price: 24.49 is 0.04% below the catalog price 24.50, more than the Maximum Discount (%) of 0');
		expect(noDiscountAllowed.error(NODE)?.description).toMatch(/^Leave the price empty to sell at the catalog price/);

		const nobody = await runWorkflow(draftOrder([{ sku: 'SER-30', quantity: 1, unitPrice: '20.00' }], { maxDiscountPercent: 20, discountReason: 'Loyal customer' }), { credentials: credentials() });
		expect(nobody.error(NODE)?.message).toBe('Discount Given By: is empty, but Line Items (JSON) › line 1 is priced below the catalog (20.00 instead of 24.50)');
		const noReason = await runWorkflow(draftOrder([{ sku: 'SER-30', quantity: 1, unitPrice: '20.00' }], { maxDiscountPercent: 20, discountGivenBy: 'Ada', discountReason: '  ' }), { credentials: credentials() });
		expect(noReason.error(NODE)?.message).toBe('Discount Reason: is empty, but Line Items (JSON) › line 1 is priced below the catalog (20.00 instead of 24.50)');

		expect(createInputs()).toHaveLength(0);
		expect(storeA().draftOrders).toHaveLength(0);
	});

	it('refuses a line whose SKU is missing, unknown or shared, instead of selling it at the typed price', async () => {
		const unknown = await runWorkflow(draftOrder([{ sku: 'SER-30', quantity: 1 }, { sku: 'NOPE-1', title: 'Serum', quantity: 10, unitPrice: '0.01' }]), { credentials: credentials() });
		expect(unknown.error(NODE)?.message).toBe('Line Items (JSON) › line 2 › SKU: "NOPE-1" is not a SKU of this store');
		expect(unknown.error(NODE)?.description).toMatch(/^Enter the SKU or Variant ID of a product variant in this store/);

		const typedOnly = await runWorkflow(
			shopifyWorkflow({ resource: 'draftOrder', operation: 'create', lineItems: { lineItem: [{ title: 'Serum', unitPrice: '0.01', quantity: 10 }] } }),
			{ credentials: credentials() },
		);
		expect(typedOnly.error(NODE)?.message).toBe('Line Items › Line Item 1 › SKU: is empty, and there is no Variant ID either');

		const several = await runWorkflow(draftOrder([{ sku: 'X-1', quantity: 1 }, { title: 'Gift wrap', unitPrice: '3.00', quantity: 1 }, { variantId: '123', quantity: 1 }]), { credentials: credentials() });
		expect(several.error(NODE)?.message).toBe(
			'Line Items (JSON): 3 lines cannot be priced from the catalog: line 1 SKU "X-1" is not a SKU of this store; line 2 SKU is empty, and there is no Variant ID either; line 3 Variant ID 123 is not a variant of this store',
		);

		await addProduct('Rose Serum (old)', [{ title: 'Default Title', sku: 'SER-30', price: '1.00' }]);
		const shared = await runWorkflow(draftOrder([{ sku: 'SER-30', quantity: 1 }]), { credentials: credentials() });
		expect(shared.error(NODE)?.message).toBe('Line Items (JSON) › line 1 › SKU: "SER-30" belongs to 2 variants');

		expect(createInputs()).toHaveLength(0);
		expect(storeA().draftOrders).toHaveLength(0);
	});

	it('with Continue On Fail, a refused item becomes an error item paired with its input, and the others are created', async () => {
		const result = await runWorkflow(
			shopifyWorkflow({ resource: 'draftOrder', operation: 'create', lineItemsSource: 'json', lineItemsJson: '={{ $json.lines }}' }, { continueOnFail: true }),
			{
				credentials: credentials(),
				input: [{ lines: [{ sku: 'SER-30', quantity: 1 }] }, { lines: [{ sku: 'GONE', quantity: 1, unitPrice: '1.00' }] }, { lines: [{ sku: 'CRM-50', quantity: 3 }] }],
			},
		);
		const out = result.output(NODE);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[1].json.error).toBe('Line Items (JSON) › line 1 › SKU: "GONE" is not a SKU of this store');
		expect([out[0].json, out[2].json].map((json) => (json.totalPriceSet as { shopMoney: { amount: string } }).shopMoney.amount)).toEqual(['24.50', '93.00']);
		expect(storeA().draftOrders).toHaveLength(2);
	});

	it('with custom prices, sells a custom line at its typed price and asks the shop for the shipping line\'s currency', async () => {
		const result = await runWorkflow(
			draftOrder([{ title: 'Engraving', unitPrice: '12.50', quantity: 2, sku: 'ENG-1' }], { prices: 'custom', additionalFields: { shippingPrice: '3.00' } }),
			{ credentials: credentials() },
		);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)[0].json).toMatchObject({ totalPriceSet: { shopMoney: { amount: '28.00' } }, shippingLine: { title: 'Shipping' } });
		expect(graphqlBodies().filter((body) => body.query.includes('productVariants('))).toHaveLength(0);
		expect(createInputs()[0]).toMatchObject({
			lineItems: [{ title: 'Engraving', originalUnitPrice: '12.50', quantity: 2, sku: 'ENG-1' }],
			shippingLine: { title: 'Shipping', priceWithCurrency: { amount: '3.00', currencyCode: 'EUR' } },
		});
	});

	it('the simulated Shopify refuses a line discount larger than the price or over 100 %, as its schema describes it', async () => {
		const variantId = `gid://shopify/ProductVariant/${storeA().products[0].variants[0].id}`;
		const mutation = 'mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }';
		const send = (appliedDiscount: IDataObject) =>
			runWorkflow(shopifyWorkflow({ resource: 'graphql', operation: 'query', query: mutation, variables: JSON.stringify({ input: { lineItems: [{ variantId, quantity: 1, appliedDiscount }] } }) }), { credentials: credentials() });
		const tooMuch = await send({ valueType: 'FIXED_AMOUNT', value: 24.51, title: 'x' });
		expect(tooMuch.output(NODE)[0].json).toEqual({ draftOrderCreate: { draftOrder: null, userErrors: [{ field: ['lineItems', '0', 'appliedDiscount', 'value'], message: "Discount amount can't be greater than the price" }] } });
		const overHundred = await send({ valueType: 'PERCENTAGE', value: 101 });
		expect((overHundred.output(NODE)[0].json.draftOrderCreate as IDataObject).userErrors).toEqual([{ field: ['lineItems', '0', 'appliedDiscount', 'value'], message: 'Value must be less than or equal to 100' }]);
		const allOf = await send({ valueType: 'FIXED_AMOUNT', value: 24.5, title: 'free sample', description: 'gift' });
		expect((allOf.output(NODE)[0].json.draftOrderCreate as IDataObject).userErrors).toEqual([]);
		expect(storeA().draftOrders).toHaveLength(1);
	});

	it('refuses a shipping price that is not a price', async () => {
		const result = await runWorkflow(draftOrder([{ sku: 'SER-30', quantity: 1 }], { additionalFields: { shippingPrice: '4,90' } }), { credentials: credentials() });
		expect(result.error(NODE)?.message).toBe('Additional Fields › Shipping Price: "4,90" is not a price');
		expect(storeA().draftOrders).toHaveLength(0);
	});
});
