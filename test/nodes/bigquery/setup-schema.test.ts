import { NODE, PROJECT, useBigQuery } from './setup';

describe('Order Store node › Setup → Ensure Schema', () => {
	const bq = useBigQuery();

	it('creates the dataset, both tables (partitioned by day, clustered) and the latest-orders view', async () => {
		const result = await bq.ensureSchema();
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{ projectId: PROJECT, dataset: 'crm', location: 'EU', datasetOutcome: 'created', tables: { orders: 'created', client_touches: 'created' }, view: 'created' },
		]);
		const state = bq.sim.server.state;
		expect(state.datasets[`${PROJECT}.crm`]).toMatchObject({ location: 'EU' });
		expect(bq.table('orders')).toMatchObject({ type: 'TABLE', timePartitioning: { type: 'DAY', field: 'stored_at' }, clustering: { fields: ['order_key'] } });
		expect(bq.table('client_touches')).toMatchObject({ timePartitioning: { type: 'DAY', field: 'touched_at' }, clustering: { fields: ['customer_key'] } });
		expect(bq.table('orders_latest')).toMatchObject({ type: 'VIEW' });
		expect(bq.table('orders_latest').view!.query).toMatch(/QUALIFY version_rank = 1/);
	});

	it('is safe to run again: reports what exists and sends no create or patch', async () => {
		await bq.ensureSchema();
		const before = JSON.stringify(bq.sim.server.state.tables);
		const seq = bq.sim.server.requests.length;
		const again = await bq.ensureSchema();
		expect(again.output(NODE)[0].json).toMatchObject({ datasetOutcome: 'exists', tables: { orders: 'exists', client_touches: 'exists' }, view: 'exists' });
		const writes = bq.sim.server.requests.slice(seq).filter((request) => request.method !== 'GET' && request.path !== '/token');
		expect(writes).toEqual([]);
		expect(JSON.stringify(bq.sim.server.state.tables)).toBe(before);
	});

	it('adds columns a newer version of the node needs, and rewrites a changed view', async () => {
		await bq.ensureSchema();
		const orders = bq.table('orders');
		orders.schema!.fields = orders.schema!.fields.filter((field) => field.name !== 'raw_payload');
		bq.table('orders_latest').view!.query = 'SELECT * FROM `shop-sync-sim.crm.orders`';
		const result = await bq.ensureSchema();
		expect(result.output(NODE)[0].json).toMatchObject({ tables: { orders: 'columns added: raw_payload', client_touches: 'exists' }, view: 'updated' });
		expect(bq.table('orders').schema!.fields.at(-1)).toMatchObject({ name: 'raw_payload', mode: 'NULLABLE' });
		expect(bq.table('orders_latest').view!.query).toMatch(/QUALIFY/);
	});
});
