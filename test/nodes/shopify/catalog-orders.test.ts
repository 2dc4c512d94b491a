import { parse } from 'graphql';

import { LATEST_STABLE_API_VERSION } from '../../../nodes/Shopify/transport/apiVersion';
import { documents } from '../../../nodes/Shopify/transport/documents';
import { queryCost } from '../../../simulators/shopify/cost';
import { adminSchema } from '../../../simulators/shopify/schema';
import { listSearch, runWorkflow } from '../harness/runWorkflow';
import { NODE, shopifyWorkflow, useShopify } from './setup';

describe('Shopify Admin node: products, draft orders, orders, raw GraphQL', () => {
	const { sim, credentials, storeA } = useShopify();

	const upsertProduct = (handle: string, price: string) =>
		shopifyWorkflow({
			resource: 'product',
			operation: 'upsert',
			matchBy: 'handle',
			handle,
			title: `Serum ${handle}`,
			variants: { variant: [{ optionValue: '30ml', price, sku: `${handle}-30` }, { optionValue: '50ml', price: '59.00', sku: `${handle}-50` }] },
			additionalFields: { optionName: 'Size', vendor: 'Acme' },
		});

	it('upserts a product by handle (variants replaced, IDs kept) and updates one variant\'s price', async () => {
		const first = await runWorkflow(upsertProduct('blue', '49.00'), { credentials: credentials() });
		const product = first.output(NODE)[0].json as { id: string; variants: { nodes: Array<{ id: string; price: string; sku: string }> } };
		expect(product.variants.nodes.map((v) => [v.sku, v.price])).toEqual([['blue-30', '49.00'], ['blue-50', '59.00']]);

		const second = await runWorkflow(upsertProduct('blue', '45.00'), { credentials: credentials() });
		const again = second.output(NODE)[0].json as typeof product;
		expect(again.id).toBe(product.id);
		expect(again.variants.nodes.map((v) => v.id)).toEqual(product.variants.nodes.map((v) => v.id));
		expect(storeA().products).toHaveLength(1);

		const priced = await runWorkflow(
			shopifyWorkflow({ resource: 'product', operation: 'updateVariants', productId: { mode: 'id', value: product.id }, variantUpdates: { variant: [{ id: product.variants.nodes[1].id, price: '55.50' }] } }),
			{ credentials: credentials() },
		);
		expect(priced.output(NODE)[0].json).toMatchObject({ productId: product.id, variants: [{ id: product.variants.nodes[1].id, price: '55.50' }] });
		expect(storeA().products[0].variants.map((v) => v.price)).toEqual(['45.00', '55.50']);

		const badPrice = await runWorkflow(
			shopifyWorkflow({ resource: 'product', operation: 'updateVariants', productId: { mode: 'id', value: product.id }, variantUpdates: { variant: [{ id: product.variants.nodes[1].id, price: '55,50' }] } }),
			{ credentials: credentials() },
		);
		expect(badPrice.error(NODE)?.message).toBe('Variants › Variant 1 › Price: "55,50" is not a price');
	});


	it('pages through products: return all, a limit, and a SKU filter', async () => {
		for (let index = 0; index < 45; index++) {
			storeA().products.push({
				id: 8_000_000_000_000 + index,
				title: `Item ${index}`,
				handle: `item-${index}`,
				status: 'ACTIVE',
				vendor: 'Acme',
				productType: '',
				tags: [],
				descriptionHtml: '',
				options: [{ name: 'Title', values: ['Default Title'] }],
				variants: [{ id: 9_000_000_000_000 + index, title: 'Default Title', sku: `SKU-${index}`, barcode: null, price: '10.00', compareAtPrice: null, inventoryQuantity: 1, options: [{ name: 'Title', value: 'Default Title' }], updatedAt: '2026-01-01T00:00:00Z' }],
				metafields: {},
				createdAt: '2026-01-01T00:00:00Z',
				updatedAt: `2026-01-01T00:00:${String(index).padStart(2, '0')}Z`,
			});
		}
		const all = await runWorkflow(shopifyWorkflow({ resource: 'product', operation: 'getMany', returnAll: true }), { credentials: credentials() });
		expect(all.output(NODE)).toHaveLength(45);
		const graphqlCalls = sim.server.requests.filter((request) => request.path.endsWith('/graphql.json'));
		expect(graphqlCalls.map((request) => (request.body as { variables: { first: number } }).variables.first)).toEqual([20, 20, 20]);

		const limited = await runWorkflow(shopifyWorkflow({ resource: 'product', operation: 'getMany', returnAll: false, limit: 25 }), { credentials: credentials() });
		expect(limited.output(NODE).map((item) => item.json.title)).toEqual(Array.from({ length: 25 }, (_, index) => `Item ${index}`));

		const bySku = await runWorkflow(shopifyWorkflow({ resource: 'product', operation: 'getMany', returnAll: true, filters: { sku: 'SKU-7' } }), { credentials: credentials() });
		expect(bySku.output(NODE).map((item) => item.json.handle)).toEqual(['item-7']);

		const picker = await listSearch(shopifyWorkflow({ resource: 'product', operation: 'get' }), NODE, 'searchProducts', 'Item 4', { credentials: credentials() });
		expect(picker.results.map((result) => result.name).sort()).toEqual(['Item 4', 'Item 40', 'Item 41', 'Item 42', 'Item 43', 'Item 44']);
		expect(picker.results[0].url).toMatch(/^https:\/\/admin\.shopify\.com\/store\/shop-sync-a\/products\/\d+$/);
	});

	it('creates a draft order for a customer, reads its invoice URL and sends the invoice', async () => {
		const customer = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'create', customerFields: { email: 'buyer@example.com', firstName: 'Buyer' } }), { credentials: credentials() });
		const customerId = customer.output(NODE)[0].json.id as string;
		const created = await runWorkflow(
			shopifyWorkflow({
				resource: 'draftOrder',
				operation: 'create',
				prices: 'custom',
				lineItems: { lineItem: [{ title: 'Custom engraving', unitPrice: '12.50', quantity: 2 }] },
				customerId,
				shippingAddress: { address: { address1: '1 rue X', city: 'Lyon', countryCode: 'FR', zip: '69001' } },
				additionalFields: { note: 'Call before delivery' },
			}),
			{ credentials: credentials() },
		);
		const draft = created.output(NODE)[0].json as { id: string; invoiceUrl: string; totalPriceSet: { shopMoney: { amount: string } } };
		expect(draft.invoiceUrl).toMatch(/^https:\/\/shop-sync-a\.myshopify\.com\/\d+\/invoices\/[0-9a-f]{32}$/);
		expect(draft.totalPriceSet.shopMoney.amount).toBe('25.00');

		const read = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'get', draftOrderId: draft.id }), { credentials: credentials() });
		expect(read.output(NODE)[0].json).toMatchObject({ id: draft.id, invoiceUrl: draft.invoiceUrl, email: 'buyer@example.com', note: 'Call before delivery', customer: { id: customerId } });

		const sent = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'sendInvoice', draftOrderId: draft.id, emailOptions: { subject: 'Your order' } }), { credentials: credentials() });
		expect(sent.output(NODE)[0].json).toMatchObject({ status: 'INVOICE_SENT' });

		const notAPrice = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'create', prices: 'custom', lineItems: { lineItem: [{ title: 'Thing', unitPrice: 'free', quantity: 1 }] } }), { credentials: credentials() });
		expect(notAPrice.error(NODE)?.message).toBe('Line Items › Line Item 1 › Unit Price: "free" is not a price');
		const noPrice = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'create', prices: 'custom', lineItems: { lineItem: [{ title: 'Thing', quantity: 1 }] } }), { credentials: credentials() });
		expect(noPrice.error(NODE)?.message).toBe('Line Items › Line Item 1: has neither a variant ID nor a custom title with a price');
	});

	it('with custom prices, creates a draft order from JSON lines (an order\'s items) and refuses a JSON that is not a list of lines', async () => {
		const lines = [
			{ sku: 'SER-30', title: 'Serum 30ml', quantity: 2, unitPrice: '24.50', total: '49.00' },
			{ sku: null, title: 'Gift wrap', quantity: 1, unitPrice: '3.00', total: '3.00' },
		];
		const created = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'create', prices: 'custom', lineItemsSource: 'json', lineItemsJson: JSON.stringify(lines), email: 'json@example.com' }), { credentials: credentials() });
		expect(created.output(NODE)[0].json).toMatchObject({ email: 'json@example.com', totalPriceSet: { shopMoney: { amount: '52.00' } } });
		expect(storeA().draftOrders.at(-1)!.lineItems.map((line) => [line.sku, line.title, line.quantity, line.price])).toEqual([
			['SER-30', 'Serum 30ml', 2, '24.50'],
			[null, 'Gift wrap', 1, '3.00'],
		]);
		const notAList = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'create', lineItemsSource: 'json', lineItemsJson: '{"title":"x"}' }), { credentials: credentials() });
		expect(notAList.error(NODE)?.message).toBe('Line Items (JSON): is not an array of line objects');
		const noPrice = await runWorkflow(shopifyWorkflow({ resource: 'draftOrder', operation: 'create', prices: 'custom', lineItemsSource: 'json', lineItemsJson: '[{"title":"x","quantity":1}]' }), { credentials: credentials() });
		expect(noPrice.error(NODE)?.message).toBe('Line Items (JSON) › line 1: has neither a variant ID nor a custom title with a price');
	});

	it('reads a product\'s featured image, online store URL and price range', async () => {
		const response = await fetch(`${sim.server.url}/__sim/shops/a/products`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Rose Serum', imageUrl: 'https://cdn.example.com/rose.jpg', variants: [{ price: '24.50' }, { price: '39.00' }] }),
		});
		expect(response.status).toBe(201);
		await fetch(`${sim.server.url}/__sim/shops/a/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Draft Cream', status: 'draft' }) });
		const read = await runWorkflow(shopifyWorkflow({ resource: 'product', operation: 'getMany', returnAll: true, filters: {} }), { credentials: credentials() });
		const [rose, cream] = read.output(NODE).map((item) => item.json);
		expect(rose).toMatchObject({
			onlineStoreUrl: 'https://shop-sync-a.myshopify.com/products/rose-serum',
			featuredMedia: { preview: { image: { url: 'https://cdn.example.com/rose.jpg', altText: 'Rose Serum' } } },
			priceRangeV2: { minVariantPrice: { amount: '24.50', currencyCode: 'EUR' } },
		});
		expect(cream).toMatchObject({ title: 'Draft Cream', onlineStoreUrl: null, featuredMedia: null });
	});

	it('gets an order and lists orders changed since a moment, paging ten at a time', async () => {
		for (let index = 0; index < 23; index++) {
			const response = await fetch(`${sim.server.url}/__sim/shops/a/orders`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: `o${index}@example.com`, lineItems: [{ title: 'Serum', sku: 'S-1', quantity: 1, price: '49.00' }] }),
			});
			expect(response.status).toBe(201);
		}
		const since = new Date(Date.now() - 60_000).toISOString();
		const changed = await runWorkflow(shopifyWorkflow({ resource: 'order', operation: 'getChangedSince', changedSince: since, returnAll: true }), { credentials: credentials() });
		expect(changed.output(NODE)).toHaveLength(23);
		const none = await runWorkflow(shopifyWorkflow({ resource: 'order', operation: 'getChangedSince', changedSince: new Date(Date.now() + 60_000).toISOString(), returnAll: true }), { credentials: credentials() });
		expect(none.output(NODE)).toHaveLength(0);

		const id = changed.output(NODE)[0].json.id as string;
		const order = await runWorkflow(shopifyWorkflow({ resource: 'order', operation: 'get', orderId: id }), { credentials: credentials() });
		expect(order.output(NODE)[0].json).toMatchObject({ id, totalPriceSet: { shopMoney: { amount: '49.00', currencyCode: 'EUR' } }, lineItems: { nodes: [{ sku: 'S-1', quantity: 1 }] } });
	});

	it('runs a raw GraphQL query and reports GraphQL errors with a fix', async () => {
		const ok = await runWorkflow(shopifyWorkflow({ resource: 'graphql', operation: 'query', query: '{ shop { name myshopifyDomain } }', variables: '{}' }), { credentials: credentials() });
		expect(ok.output(NODE)[0].json).toEqual({ shop: { name: 'Shop Sync Store A', myshopifyDomain: 'shop-sync-a.myshopify.com' } });

		const tooBig = await runWorkflow(shopifyWorkflow({ resource: 'graphql', operation: 'query', query: '{ products(first: 250) { nodes { id variants(first: 100) { nodes { id } } } } }' }), { credentials: credentials() });
		expect(tooBig.error(NODE)?.message).toMatch(/^Shopify: Query cost is \d+, which exceeds the single query max cost limit \(1000\)\.$/);
		expect(tooBig.error(NODE)?.description).toMatch(/Lower "first"/);
	});

	it('waits out a standard-plan bucket instead of failing: 40 upserts through a 100-point bucket restoring 200 points a second', async () => {
		Object.assign(storeA().bucket, { maximumAvailable: 100, currentlyAvailable: 100, restoreRate: 200, updatedAt: Date.now() });
		const started = Date.now();
		const result = await runWorkflow(
			shopifyWorkflow({ resource: 'customer', operation: 'upsert', matchBy: 'email', customerFields: { email: '={{ $json.email }}' } }),
			{ credentials: credentials(), input: Array.from({ length: 40 }, (_, index) => ({ email: `c${index}@example.com` })) },
		);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toHaveLength(40);
		expect(storeA().customers).toHaveLength(40);
		const costs = sim.server.requests.filter((request) => request.path.endsWith('/graphql.json'));
		// Each upsert by email first looks up the customer who has the email (the merge rule), then writes.
		const throttled = costs.length - 80;
		// 40 customerSet calls cannot fit a 100-point bucket: the node must have waited for the restore.
		const cost = queryCost(await adminSchema(LATEST_STABLE_API_VERSION), parse(documents.customerSet), {});
		const minimumMs = ((40 * cost - 100) / 200) * 1000;
		expect(cost).toBeGreaterThan(10);
		expect(Date.now() - started).toBeGreaterThanOrEqual(minimumMs * 0.95);
		expect(throttled).toBeLessThanOrEqual(2);
	});
});
