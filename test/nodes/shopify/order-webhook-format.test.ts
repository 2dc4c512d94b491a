import { contentHash } from '../../../nodes/OrderStore/helpers/orderRows';
import { shopifyOrderToNormalized } from '../../../nodes/shared/shopifyOrder';
import { restOrder } from '../../../simulators/shopify/rest';
import { runWorkflow } from '../harness/runWorkflow';
import { NODE, STORE_A, shopifyWorkflow, useShopify } from './setup';

/** Order → Get with "Webhook Payload Fields": what the reconciliation workflow feeds into order intake. */
describe('Shopify Admin node: order in webhook payload fields', () => {
	const { sim, credentials, storeA } = useShopify();

	it('reads an order in webhook payload fields that map to the same stored order as its orders/create webhook', async () => {
		const customer = await fetch(`${sim.server.url}/__sim/shops/a/customers`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: '+33612345678' }),
		});
		expect(customer.status).toBe(201);
		const created = await fetch(`${sim.server.url}/__sim/shops/a/orders`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: 'ada@example.com',
				lineItems: [{ title: 'Serum', sku: 'SER-30', quantity: 2, price: '24.50' }, { title: 'Cream', sku: 'CRM-50', quantity: 1, price: '10.00' }],
				shippingAddress: { firstName: 'Ada', lastName: 'Lovelace', address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR', phone: '+33600000000' },
				shippingLine: { title: 'Standard', code: 'STD', price: '4.90' },
			}),
		});
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: number };
		const record = storeA().orders.find((order) => order.id === id)!;
		const webhook = restOrder(storeA(), record, storeA().customers.find((entry) => entry.id === record.customerId));

		const read = await runWorkflow(shopifyWorkflow({ resource: 'order', operation: 'get', orderId: `gid://shopify/Order/${id}`, outputFormat: 'webhookPayload' }), { credentials: credentials() });
		const payload = read.output(NODE)[0].json;
		expect(payload).toMatchObject({ admin_graphql_api_id: `gid://shopify/Order/${id}`, total_price: '63.90', currency: 'EUR', line_items: [{ sku: 'SER-30', quantity: 2, price: '24.50' }, { sku: 'CRM-50' }] });
		const fromRead = shopifyOrderToNormalized(payload, STORE_A);
		const fromWebhook = shopifyOrderToNormalized(JSON.parse(JSON.stringify(webhook)), STORE_A);
		expect(fromRead.items).toEqual(fromWebhook.items);
		expect(fromRead.customer).toEqual(fromWebhook.customer);
		expect(contentHash(fromRead)).toBe(contentHash(fromWebhook));
	});

	it('refuses an order whose line items do not fit in one read rather than storing it with lines missing', async () => {
		const lineItems = Array.from({ length: 51 }, (_, index) => ({ title: `Item ${index}`, sku: `I-${index}`, quantity: 1, price: '1.00' }));
		const created = await fetch(`${sim.server.url}/__sim/shops/a/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'big@example.com', lineItems }) });
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: number };
		const read = await runWorkflow(shopifyWorkflow({ resource: 'order', operation: 'get', orderId: `gid://shopify/Order/${id}`, outputFormat: 'webhookPayload' }), { credentials: credentials() });
		expect(read.error(NODE)?.message).toBe(`Output Format: order gid://shopify/Order/${id} has more line items than one read returns (50)`);
	});
});
