/** Every eManageCRM operation against the simulator. */
import { SIM_UPSELL_WEB_KEY, SIM_WEB_KEY } from '../../../simulators/emanage/state';
import { listSearch, runWorkflow } from '../harness/runWorkflow';
import { eManageWorkflow, NODE, useEManage } from './setup';

describe('eManageCRM node operations', () => {
	const { sim, credentials, control } = useEManage();
	const run = async (parameters: Record<string, unknown>, input?: Array<Record<string, unknown>>, settings: Record<string, unknown> = {}) =>
		await runWorkflow(eManageWorkflow(parameters as never, settings), { credentials: credentials(), input: input as never });

	describe('Order', () => {
		it('lists orders page by page with the date range as eManageCRM expects it', async () => {
			const result = await run({ resource: 'order', operation: 'getMany', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-03T00:00:00Z', returnAll: true, pageSize: 1 });
			expect(result.error(NODE)).toBeUndefined();
			expect(result.output(NODE).map((item) => item.json.orderId)).toEqual([1, 2, 3]);
			const pages = sim.server.requests.filter((entry) => entry.path.startsWith('/order/'));
			expect(pages.map((entry) => entry.path)).toEqual(['/order/1/1', '/order/2/1', '/order/3/1']);
			expect(pages[0].query).toEqual({ StartDate: '2026-03-01 00:00:00', EndDate: '2026-03-03 00:00:00' });
			expect(result.output(NODE)[1].pairedItem).toEqual({ item: 0 });
		});

		it('stops at the limit', async () => {
			const result = await run({ resource: 'order', operation: 'getMany', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-03T00:00:00Z', returnAll: false, limit: 2, pageSize: 1 });
			expect(result.output(NODE)).toHaveLength(2);
			expect(sim.server.requests.filter((entry) => entry.path.startsWith('/order/'))).toHaveLength(2);
		});

		it('names the field when the dates are wrong', async () => {
			const result = await run({ resource: 'order', operation: 'getMany', startDate: '2026-03-05T00:00:00Z', endDate: '2026-03-01T00:00:00Z' });
			expect(result.error(NODE)?.message).toBe('End Date: is before Start Date');
			const empty = await run({ resource: 'order', operation: 'getMany', startDate: '={{ "" }}' });
			expect(empty.error(NODE)?.message).toBe('Start Date: is empty');
		});

		it('exports: follows nextExport, downloads each CSV, drops repeated receipt rows, groups receipts per order', async () => {
			await control('PATCH', '/__sim/orders/2', { receipt: { paymentStatus: 'Refunded', amount: -20 }, at: '2026-03-02T09:00:00' });
			const result = await run({ resource: 'order', operation: 'export', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-02T00:00:00Z', output: 'order', pageSize: 2 });
			expect(result.error(NODE)).toBeUndefined();
			const orders = result.output(NODE).map((item) => item.json);
			expect(orders.map((order) => order['Order ID'])).toEqual(['1', '2', '3']);
			const anna = orders[1];
			expect(anna['Customer Name']).toBe('Anna "Annie" Smith, Jr.');
			expect(anna.Email).toBe('anna@example.com');
			expect((anna.receipts as Array<Record<string, string>>).map((receipt) => [receipt['Receipt Status Name'], receipt.Amount])).toEqual([
				['Paid', '119.85'],
				['Refunded', '-20'],
			]);
			const exportCalls = sim.server.requests.filter((entry) => entry.path.includes('/export/'));
			expect(exportCalls.map((entry) => entry.path)).toEqual(['/order/export/1/2', '/api/orders/export/2/2']);
			expect(exportCalls[1].query).toEqual({ StartDate: '2026-03-01', EndDate: '2026-03-02' });
			const downloads = sim.server.requests.filter((entry) => entry.path.startsWith('/exports/'));
			expect(downloads).toHaveLength(2);
			expect(downloads.every((entry) => entry.headers.authorization === undefined)).toBe(true);
		});

		it('exports one item per receipt row, without the repeats', async () => {
			const result = await run({ resource: 'order', operation: 'export', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-02T00:00:00Z', output: 'row', pageSize: 500 });
			const rows = result.output(NODE).map((item) => item.json);
			expect(rows).toHaveLength(3);
			expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['Order ID', 'Order Number', 'Receipt Status Name', 'Amount USD', 'TransactionId', 'ReferenceId', 'Create Date (Receipts)']));
		});

		it('gets one order and says what to check when it does not exist', async () => {
			const found = await run({ resource: 'order', operation: 'get', orderNumber: '100002' });
			expect(found.output(NODE)[0].json).toMatchObject({ orderId: 2, email: 'anna@example.com' });
			const missing = await run({ resource: 'order', operation: 'get', orderNumber: '999' });
			expect(missing.error(NODE)?.message).toBe('eManageCRM: HTTP 404: Order not found');
			expect(missing.error(NODE)?.description).toContain('Check the ID');
		});

		it('waits as asked by a 429 with Retry-After and succeeds', async () => {
			sim.server.setFaults({ failNext: [{ status: 429, retryAfter: 1 }], pathPattern: '^/orders/' });
			const started = Date.now();
			const result = await run({ resource: 'order', operation: 'get', orderNumber: '100001' });
			expect(result.error(NODE)).toBeUndefined();
			expect(Date.now() - started).toBeGreaterThanOrEqual(900);
			expect(sim.server.requests.filter((entry) => entry.path === '/orders/100001').map((entry) => entry.status)).toEqual([429, 200]);
		});
	});

	describe('Customer, Campaign, Upsell (Web Sales API)', () => {
		it('creates a lead with the campaign web key and X_CID, and repeats harmlessly', async () => {
			const input = [{ email: 'lead@example.com' }, { email: 'lead@example.com' }];
			const result = await run({ resource: 'customer', operation: 'create', campaign: { __rl: true, mode: 'list', value: '' }, email: '={{ $json.email }}', additionalFields: { firstName: 'Lea', customerIdentificationValue: 'Ultra Radiance EN 89 List' } }, input);
			expect(result.error(NODE)).toBeUndefined();
			const leads = result.output(NODE).map((item) => item.json);
			expect(leads[0]).toMatchObject({ webKey: SIM_WEB_KEY, email: 'lead@example.com', firstName: 'Lea', customerIdentificationTypeId: 4 });
			expect(leads[1].customerId).toBe(leads[0].customerId);
			const call = sim.server.requests.find((entry) => entry.path.startsWith('/sales/api/customers/'));
			expect(call?.path).toBe(`/sales/api/customers/${SIM_WEB_KEY}`);
			expect(call?.headers.x_cid).toBeDefined();
			expect(call?.headers.authorization).toBeUndefined();
		});

		it('needs no login for the Web Sales API, so an expired password does not stop lead capture', async () => {
			await control('PATCH', '/__sim/users/shopsync-api', { passwordExpired: true });
			const result = await run({ resource: 'customer', operation: 'create', email: 'late@example.com' });
			expect(result.error(NODE)).toBeUndefined();
			expect(sim.server.requests.map((entry) => entry.path)).toEqual([`/sales/api/customers/${SIM_WEB_KEY}`]);
		});

		it('rejects an address that is not one, naming the field', async () => {
			const result = await run({ resource: 'customer', operation: 'create', email: 'not-an-address' });
			expect(result.error(NODE)?.message).toBe('Email: "not-an-address" is not an e-mail address');
		});

		it('gets a campaign\'s prices, one item per product', async () => {
			const result = await run({ resource: 'campaign', operation: 'getPrices', campaign: { __rl: true, mode: 'webKey', value: SIM_WEB_KEY }, output: 'products' });
			const prices = result.output(NODE).map((item) => item.json);
			expect(prices.map((price) => [price.productId, price.sku])).toEqual([
				[301, 'JETF_1'],
				[302, 'JETF_3'],
			]);
			expect(prices[0]).toMatchObject({ webKey: SIM_WEB_KEY, productPrices: { DiscountedPrice: { Value: 49.95 } }, shippings: [{ shippingMethodId: 11 }] });
		});

		it('explains a wrong client ID', async () => {
			const result = await runWorkflow(eManageWorkflow({ resource: 'campaign', operation: 'getPrices' }), { credentials: credentials({ clientId: 'wrong-client' }) });
			expect(result.error(NODE)?.message).toContain('HTTP 401');
			expect(result.error(NODE)?.description).toContain('Client ID (CID)');
		});

		it('asks for a campaign when neither the node nor the credential has one', async () => {
			const result = await runWorkflow(eManageWorkflow({ resource: 'campaign', operation: 'getPrices' }), { credentials: credentials({ defaultWebKey: '' }) });
			expect(result.error(NODE)?.message).toBe('Campaign: is empty and the credential has no default web key');
		});

		it('creates a one-click upsell on the stored card as a related order, never repeated', async () => {
			const result = await run({ resource: 'upsell', operation: 'create', campaign: { __rl: true, mode: 'webKey', value: SIM_UPSELL_WEB_KEY }, orderNumber: '100001', productId: 401, payment: 'card', cardId: 'card-1', email: 'buyer1@example.com', additionalFields: { shippingMethodId: 11 } });
			expect(result.error(NODE)).toBeUndefined();
			const answer = result.output(NODE)[0].json;
			expect(answer).toMatchObject({ success: true, relatedOrderNumber: '100001', cardId: 'card-1' });
			expect(sim.server.state.orders.find((order) => order.orderNumber === answer.orderNumber)).toMatchObject({ relatedOrderNumber: '100001', productId: 401, webKey: SIM_UPSELL_WEB_KEY });

			sim.server.setFaults({ failNext: [{ status: 503 }], pathPattern: '^/sales/api/orders/' });
			const failed = await run({ resource: 'upsell', operation: 'create', orderNumber: '100001', productId: 401, payment: 'card', cardId: 'card-1', email: 'buyer1@example.com' });
			expect(failed.error(NODE)?.description).toContain('not repeated automatically');
			expect(sim.server.requests.filter((entry) => entry.path === '/sales/api/orders/100001/401')).toHaveLength(2);
		});

		it('reports eManageCRM\'s refusal of a card that is not the order\'s', async () => {
			const result = await run({ resource: 'upsell', operation: 'create', orderNumber: '100001', productId: 401, payment: 'card', cardId: 'card-2', email: 'buyer1@example.com' });
			expect(result.error(NODE)?.message).toBe('eManageCRM: HTTP 400: The card does not belong to the main order.');
		});
	});

	describe('Product (assumed contract)', () => {
		it('creates and updates a product', async () => {
			const created = await run({ resource: 'product', operation: 'create', name: 'Jet Fuel 6 bottles', sku: 'JETF_6', additionalFields: { price: 199.5, quantity: 6, currencyCode: 'USD', shopifyVariantId: 'gid://shopify/ProductVariant/7' } });
			expect(created.error(NODE)).toBeUndefined();
			const product = created.output(NODE)[0].json;
			expect(product).toMatchObject({ name: 'Jet Fuel 6 bottles', sku: 'JETF_6', price: 199.5, quantity: 6 });
			const updated = await run({ resource: 'product', operation: 'update', productId: String(product.productId), updateFields: { price: 189 } });
			expect(updated.output(NODE)[0].json).toMatchObject({ productId: product.productId, price: 189, name: 'Jet Fuel 6 bottles' });
		});

		it('names the field the user must fix', async () => {
			const noChange = await run({ resource: 'product', operation: 'update', productId: '301', updateFields: {} });
			expect(noChange.error(NODE)?.message).toBe('Update Fields: is empty');
			const currency = await run({ resource: 'product', operation: 'create', name: 'X', sku: 'X_1', additionalFields: { currencyCode: 'usd' } });
			expect(currency.error(NODE)?.message).toBe('Currency Code: "usd" is not an ISO 4217 code');
			const duplicate = await run({ resource: 'product', operation: 'create', name: 'Again', sku: 'JETF_1' });
			expect(duplicate.error(NODE)?.message).toBe('eManageCRM: HTTP 409: A product with SKU JETF_1 already exists.');
		});
	});

	describe('Sync App', () => {
		const shop = 'demo-shop.myshopify.com';

		it('signs a shop up to the shared instance, links CTRwow and builds a signed-in settings link', async () => {
			const signUp = await run({ resource: 'syncApp', operation: 'signUpShop', shopDomain: 'Demo-Shop.myshopify.com', ownerEmail: 'owner@example.com', instance: 'shared' });
			expect(signUp.output(NODE)[0].json).toMatchObject({ shopDomain: shop, instance: 'shared', instanceUrl: 'https://shared.tryemanagecrm.com' });
			const again = await run({ resource: 'syncApp', operation: 'signUpShop', shopDomain: shop, ownerEmail: 'owner@example.com', instance: 'shared' });
			expect(again.output(NODE)[0].json.shopId).toBe(signUp.output(NODE)[0].json.shopId);

			const link = await run({ resource: 'syncApp', operation: 'linkCtrwow', shopDomain: shop, ctrwowAccountId: 'acc_1001' });
			expect(link.output(NODE)[0].json.ctrwowAccountId).toBe('acc_1001');

			const settings = await run({ resource: 'syncApp', operation: 'buildSettingsLink', shopDomain: shop, funnel: { __rl: true, mode: 'id', value: 'fnl_0001' } });
			const url = new URL(String(settings.output(NODE)[0].json.url));
			expect(`${url.origin}${url.pathname}`).toBe('https://settings.example.test/sync');
			expect(url.searchParams.get('shop')).toBe(shop);
			expect(url.searchParams.get('funnel')).toBe('fnl_0001');
			expect(sim.server.state.settingsTokens[url.searchParams.get('token')!]).toEqual({ shopDomain: shop, funnelId: 'fnl_0001' });
		});

		it('refuses a settings link for a shop that never signed up', async () => {
			const result = await run({ resource: 'syncApp', operation: 'buildSettingsLink', shopDomain: 'other.myshopify.com' });
			expect(result.error(NODE)?.message).toBe('eManageCRM: HTTP 404: Shop other.myshopify.com is not signed up.');
		});

		it('writes and reads the three funnel switches independently', async () => {
			const funnel = { __rl: true, mode: 'id', value: 'fnl_0001' };
			const first = await run({ resource: 'syncApp', operation: 'setFunnelSettings', funnel, settings: { fulfilledByEManage: true, keepOrdersSynchronized: true } });
			expect(first.output(NODE)[0].json).toEqual({ funnelId: 'fnl_0001', fulfilledByEManage: true, keepProductsSynchronized: false, keepOrdersSynchronized: true });
			await run({ resource: 'syncApp', operation: 'setFunnelSettings', funnel, settings: { keepOrdersSynchronized: false } });
			const read = await run({ resource: 'syncApp', operation: 'getFunnelSettings', funnel });
			expect(read.output(NODE)[0].json).toEqual({ funnelId: 'fnl_0001', fulfilledByEManage: true, keepProductsSynchronized: false, keepOrdersSynchronized: false });
			const empty = await run({ resource: 'syncApp', operation: 'setFunnelSettings', funnel, settings: {} });
			expect(empty.error(NODE)?.message).toBe('Settings: is empty');
			expect(empty.error(NODE)?.description).toContain('Keep Products Synchronized');
		});

		it('lists funnels and campaigns for the pickers', async () => {
			await run({ resource: 'syncApp', operation: 'setFunnelSettings', funnel: { __rl: true, mode: 'id', value: 'fnl_0002' }, settings: { keepProductsSynchronized: true } });
			const workflow = eManageWorkflow({ resource: 'syncApp', operation: 'getFunnelSettings' });
			expect((await listSearch(workflow, NODE, 'searchFunnels', '', { credentials: credentials() })).results).toEqual([{ name: 'fnl_0002', value: 'fnl_0002' }]);
			const campaigns = await listSearch(workflow, NODE, 'searchCampaigns', 'upsell', { credentials: credentials() });
			expect(campaigns.results).toEqual([{ name: 'Ultra Radiance Upsell 1 (Active with Traffic)', value: SIM_UPSELL_WEB_KEY }]);
		});
	});

	describe('API Request', () => {
		it('calls any public or Web Sales path with the credential', async () => {
			const publicCall = await run({ resource: 'apiRequest', operation: 'send', api: 'public', method: 'GET', path: '/order/1/10', query: '{"StartDate": "2026-03-01 00:00:00", "EndDate": "2026-03-02 00:00:00"}' });
			expect((publicCall.output(NODE)[0].json.customerOrders as unknown[]).length).toBe(2);
			const salesCall = await run({ resource: 'apiRequest', operation: 'send', api: 'webSales', method: 'GET', path: `/campaigns/${SIM_WEB_KEY}/products/prices` });
			expect((salesCall.output(NODE)[0].json.prices as unknown[]).length).toBe(2);
		});

		it('refuses absolute URLs and bad JSON, naming the field', async () => {
			const absolute = await run({ resource: 'apiRequest', operation: 'send', api: 'public', method: 'GET', path: 'https://elsewhere.example/steal' });
			expect(absolute.error(NODE)?.message).toBe('Path: "https://elsewhere.example/steal" does not start with /');
			const json = await run({ resource: 'apiRequest', operation: 'send', api: 'public', method: 'POST', path: '/products', body: '{oops' });
			expect(json.error(NODE)?.message).toBe('Body (JSON): is not a JSON object or array');
		});

		it('continues on fail with one error item per failing input', async () => {
			const result = await run({ resource: 'order', operation: 'get', orderNumber: '={{ $json.number }}' }, [{ number: '100001' }, { number: 'nope' }], { continueOnFail: true });
			const items = result.output(NODE);
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(items[1].json.error).toBe('eManageCRM: HTTP 404: Order not found');
		});
	});
});
