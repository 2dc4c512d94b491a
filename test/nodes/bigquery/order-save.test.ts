import type { IDataObject } from 'n8n-workflow';

import { NODE, sampleOrder, useBigQuery } from './setup';

const save = { resource: 'order', operation: 'save', input: 'normalized' };

/** An order from the eManageCRM sync: its source may change a stored order (emails may not). */
function syncedOrder(): IDataObject {
	const order = sampleOrder();
	return { ...order, source: 'emanage', service: 'store-a', orderKey: `emanage:store-a:${String(order.sourceOrderId)}`, email: null };
}

describe('Order Store node › Order → Save', () => {
	const bq = useBigQuery();
	beforeEach(async () => await bq.ensureSchema());

	const inserts = (since: number) => bq.sim.server.requests.slice(since).filter((request) => request.path.endsWith('/insertAll'));
	const queries = (since: number) => bq.sim.server.requests.slice(since).filter((request) => request.path.endsWith('/queries'));

	it('saves a batch with one lookup query and one insertAll, a stable insertId per row, money as strings', async () => {
		const orders = [1, 2, 3, 4, 5].map(() => sampleOrder());
		const seq = bq.sim.server.requests.length;
		const result = await bq.run(save, orders);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE).map((item) => [item.json.orderKey, item.json.outcome, item.pairedItem])).toEqual(orders.map((order, index) => [order.orderKey, 'created', { item: index }]));
		expect(queries(seq)).toHaveLength(1);
		const [insert] = inserts(seq);
		expect(inserts(seq)).toHaveLength(1);
		const rows = (insert.body as { rows: Array<{ insertId: string; json: IDataObject }> }).rows;
		expect(rows.map((row) => row.insertId)).toEqual(result.output(NODE).map((item) => item.json.versionId));
		expect(rows[0].json).toMatchObject({ total: '30.00', subtotal: '25.00', items: [{ unit_price: '12.50', total: '25.00', quantity: 2 }] });
		expect(insert.body).toMatchObject({ skipInvalidRows: true, ignoreUnknownValues: false });
		expect(bq.table('orders').rows).toHaveLength(5);
	});

	it('changes nothing when the same orders arrive again, in the same or a later run', async () => {
		const orders = [sampleOrder(), sampleOrder()];
		await bq.run(save, orders);
		const seq = bq.sim.server.requests.length;
		const again = await bq.run(save, [...orders, orders[0]]);
		expect(again.output(NODE).map((item) => item.json.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(inserts(seq)).toEqual([]);
		expect(bq.table('orders').rows).toHaveLength(2);
	});

	it('ignores what only the delivery changed (ingestedAt, raw payload, email envelope)', async () => {
		const order = sampleOrder();
		await bq.run(save, [order]);
		const redelivered = { ...order, ingestedAt: '2026-11-21T08:00:00.000Z', raw: { forwarded: true }, email: { ...(order.email as IDataObject), messageId: '<fwd@example>' } };
		const result = await bq.run(save, [redelivered]);
		expect(result.output(NODE)[0].json.outcome).toBe('unchanged');
	});

	it('stores a real change as a new version; the view shows the latest; a late re-delivery of the old one changes nothing', async () => {
		const order = syncedOrder();
		await bq.run(save, [order]);
		const paid = await bq.run(save, [{ ...order, status: 'paid' }]);
		expect(paid.output(NODE)[0].json).toMatchObject({ outcome: 'updated', status: 'paid' });
		const late = await bq.run(save, [order]);
		expect(late.output(NODE)[0].json.outcome).toBe('unchanged');
		expect(bq.table('orders').rows).toHaveLength(2);

		const got = await bq.run({ resource: 'order', operation: 'get', orderKey: order.orderKey as string });
		expect(got.output(NODE).map((item) => item.json)).toEqual([expect.objectContaining({ orderKey: order.orderKey, status: 'paid', version: expect.objectContaining({ count: 2 }) })]);
	});

	it('two versions of one order in one run: the first is created, the second updates it', async () => {
		const order = syncedOrder();
		const result = await bq.run(save, [order, { ...order, status: 'cancelled' }]);
		expect(result.output(NODE).map((item) => item.json.outcome)).toEqual(['created', 'updated']);
	});

	it('never lets an email change a stored order: a different one is a conflict with both versions, nothing is written', async () => {
		const order = sampleOrder();
		await bq.run(save, [order]);
		const forged = {
			...order,
			customer: { name: 'Mallory', phone: '+14155550199', email: 'mallory@example.com' },
			items: [{ sku: 'MUG-BLU', title: 'Blue mug', quantity: 20, unitPrice: '12.50', total: '250.00' }],
			totals: { subtotal: '250.00', shipping: '5.00', total: '255.00' },
			email: { ...(order.email as IDataObject), messageId: '<other@attacker.example>' },
		};
		const seq = bq.sim.server.requests.length;
		const result = await bq.run(save, [forged, order]);
		expect(result.error(NODE)).toBeUndefined();
		const [conflict, repeat] = result.output(NODE).map((item) => item.json);
		expect(conflict).toMatchObject({
			orderKey: order.orderKey,
			outcome: 'conflict',
			reason: `order ${String(order.orderNumber)} is already stored with other contents (customer, items, totals differ); this email changed nothing. Compare the two versions.`,
			service: 'swiftparcel',
			email: { messageId: '<other@attacker.example>' },
			comparison:
				'Stored: Jane Doe, +14155550123, jane@example.com; 2 × Blue mug @ 12.50; total 30.00 USD; 12 Main St, Springfield, IL 62701\n' +
				'This email: Mallory, +14155550199, mallory@example.com; 20 × Blue mug @ 12.50; total 255.00 USD; 12 Main St, Springfield, IL 62701',
			stored: { orderKey: order.orderKey, totals: { total: '30.00' }, customer: { name: 'Jane Doe' } },
			order: { totals: { total: '255.00' }, customer: { name: 'Mallory' } },
		});
		// An exact repeat is still just "already stored".
		expect(repeat.outcome).toBe('unchanged');
		expect(inserts(seq)).toEqual([]);
		expect(bq.table('orders').rows).toHaveLength(1);
	});

	it('two different emails about one new order number in one run: the first is created, the second is a conflict', async () => {
		const order = sampleOrder();
		const result = await bq.run(save, [order, { ...order, totals: { subtotal: '25.00', shipping: '5.00', total: '31.00' } }]);
		expect(result.output(NODE).map((item) => item.json.outcome)).toEqual(['created', 'conflict']);
		expect(result.output(NODE)[1].json.comparison).toContain('Stored: Jane Doe');
		expect(bq.table('orders').rows).toHaveLength(1);
	});

	it('maps each row BigQuery rejects to its own item, with the column and reason; the other orders are saved', async () => {
		const good = [sampleOrder(), sampleOrder(), sampleOrder()];
		const tooBig = sampleOrder({ totals: { subtotal: null, shipping: null, total: '123456789012345678901234567890.00' } });
		const hugeQuantity = sampleOrder({ items: [{ sku: null, title: 'Crate', quantity: 1e20, unitPrice: null, total: null }] });
		const ancient = sampleOrder({ createdAt: '0000-01-01T00:00:00.000Z' });
		const input = [good[0], tooBig, good[1], hugeQuantity, ancient, good[2]];
		const result = await bq.run(save, input, { nodeSettings: { [NODE]: { continueOnFail: true } } });
		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(output.map((item) => item.json.outcome ?? 'error')).toEqual(['created', 'error', 'created', 'error', 'error', 'created']);
		expect(output[1].json).toMatchObject({ orderKey: tooBig.orderKey, insertErrors: [{ column: 'total', reason: 'invalid', message: expect.stringMatching(/NUMERIC/) }] });
		expect(output[3].json).toMatchObject({ orderKey: hugeQuantity.orderKey, insertErrors: [{ column: 'items[0].quantity', reason: 'invalid', message: expect.stringMatching(/integer/) }] });
		expect(output[4].json).toMatchObject({ orderKey: ancient.orderKey, insertErrors: [{ column: 'created_at', reason: 'invalid', message: expect.stringMatching(/timestamp/) }] });
		expect(String(output[1].json.error)).toMatch(/^BigQuery rejected order email:swiftparcel:SP-\d+: total: Invalid NUMERIC value/);
		expect(bq.table('orders').rows.map((row) => row.order_key)).toEqual(good.map((order) => order.orderKey));
	});

	it('without Continue On Fail, stops with the rejected item named', async () => {
		const result = await bq.run(save, [sampleOrder(), sampleOrder({ items: [{ sku: null, title: 'Crate', quantity: 1e20, unitPrice: null, total: null }] })]);
		const error = result.error(NODE)!;
		expect(error.message).toMatch(/items\[0\]\.quantity: Cannot convert value to integer/);
		expect(error.context?.itemIndex).toBe(1);
	});

	it('refuses items that are not orders, naming every problem, before calling BigQuery', async () => {
		const seq = bq.sim.server.requests.length;
		const result = await bq.run(save, [{ hello: 'world' }, sampleOrder({ currency: 'dollars', totals: { total: 12.345678901234 } })], { nodeSettings: { [NODE]: { continueOnFail: true } } });
		const output = result.output(NODE).map((item) => item.json);
		expect(output[0].error).toMatch(/^Not an order: source must be one of emanage, email, form, shopify .*service is missing; sourceOrderId \(or orderNumber\) is missing; totals.total must be an amount/);
		expect(output[1].error).toMatch(/totals.total must be an amount .*currency must be an ISO 4217 code/);
		expect(inserts(seq)).toEqual([]);
	});

	it('saves a Shopify orders/create webhook (Webhook node output) under its shop domain; the retry changes nothing', async () => {
		const body = {
			id: 5678901234567,
			admin_graphql_api_id: 'gid://shopify/Order/5678901234567',
			name: '#1001',
			email: 'Bob@Biller.com',
			created_at: '2026-03-02T10:15:00+01:00',
			currency: 'EUR',
			financial_status: 'paid',
			fulfillment_status: null,
			subtotal_price: '49.00',
			total_price: '54.90',
			shipping_lines: [{ title: 'Standard', price: '5.90' }],
			shipping_address: { first_name: 'Bob', last_name: 'Biller', address1: '1 rue X', city: 'Paris', zip: '75001', country_code: 'FR' },
			line_items: [{ sku: 'SKU-1', title: 'Serum', name: 'Serum - 30ml', quantity: 1, price: '49.00' }],
			payment_gateway_names: ['shopify_payments'],
		};
		const item = { headers: { 'x-shopify-shop-domain': 'My-Shop.myshopify.com' }, body };
		const first = await bq.run({ resource: 'order', operation: 'save', input: 'shopify' }, [item]);
		expect(first.output(NODE)[0].json).toMatchObject({ orderKey: 'shopify:my-shop.myshopify.com:5678901234567', outcome: 'created', status: 'paid' });
		const retry = await bq.run({ resource: 'order', operation: 'save', input: 'shopify' }, [item]);
		expect(retry.output(NODE)[0].json.outcome).toBe('unchanged');
		const [row] = bq.table('orders').rows;
		expect(row).toMatchObject({ total: '54.90', shipping: '5.90', currency: 'EUR', customer_email: 'bob@biller.com', created_at: '2026-03-02T09:15:00.000Z', shipping_address: { city: 'Paris', country_code: 'FR', text: '1 rue X, 75001 Paris, FR' } });
		expect(JSON.parse(String(row.raw_payload))).toEqual(body);
	});

	it('saves a manager order form submission; a replayed submission changes nothing; a broken one names the field', async () => {
		const submission = {
			'Customer Name': 'Ana Lima',
			Phone: '+351912345678',
			Email: 'ana@example.pt',
			'Delivery Address': 'Rua Augusta 1, Lisboa',
			Items: '2 x Chá verde @ 4.30',
			'Delivery Method': 'CTT',
			'Payment Method': 'MB Way',
			submittedAt: '2026-11-22T09:00:00.000+00:00',
			formMode: 'production',
		};
		const parameters = { resource: 'order', operation: 'save', input: 'form', formName: 'Manager order form' };
		const first = await bq.run(parameters, [submission]);
		expect(first.output(NODE)[0].json).toMatchObject({ outcome: 'created', order: { source: 'form', totals: { total: '8.60' }, customer: { name: 'Ana Lima' } } });
		expect((await bq.run(parameters, [submission])).output(NODE)[0].json.outcome).toBe('unchanged');
		expect(bq.table('orders').rows).toHaveLength(1);
		const broken = await bq.run(parameters, [{ ...submission, Items: '2 x Chá verde' }], { nodeSettings: { [NODE]: { onError: 'continueRegularOutput' } } });
		expect(broken.output(NODE)[0].json.error).toMatch(/Not an order: Items line 1 "2 x Chá verde" does not read as/);
	});

	it('splits 1,001 orders into insertAll requests of at most 500 rows', async () => {
		const orders = Array.from({ length: 1001 }, () => sampleOrder());
		const seq = bq.sim.server.requests.length;
		const result = await bq.run(save, orders);
		expect(result.error(NODE)).toBeUndefined();
		expect(inserts(seq).map((request) => (request.body as { rows: unknown[] }).rows.length)).toEqual([500, 500, 1]);
		expect(queries(seq)).toHaveLength(1);
		expect(bq.table('orders').rows).toHaveLength(1001);
	});
});
