import type { INodeParameters } from 'n8n-workflow';

import { NODE, sampleOrder, useBigQuery } from './setup';

const TABLE = '`shop-sync-sim.crm.orders_latest`';

describe('Order Store node › Query → Run SQL', () => {
	const bq = useBigQuery();
	beforeEach(async () => {
		await bq.ensureSchema();
		await bq.run({ resource: 'order', operation: 'save', input: 'normalized' }, [
			sampleOrder({ sourceOrderId: 'Q-1', totals: { subtotal: null, shipping: null, total: '10.10' } }),
			sampleOrder({ sourceOrderId: 'Q-2', totals: { subtotal: null, shipping: null, total: '20.20' }, currency: 'EUR' }),
			sampleOrder({ sourceOrderId: 'Q-3', totals: { subtotal: null, shipping: null, total: '0.70' } }),
		]);
	});

	const runSql = async (sql: string, parameter: Array<Record<string, unknown>> = []) => await bq.run({ resource: 'query', operation: 'runSql', sql, parameters: { parameter } as INodeParameters, maxRows: 1000 });

	it('sums NUMERIC exactly, with typed parameters (NUMERIC, ARRAY<STRING>, STRING)', async () => {
		const result = await runSql(
			`SELECT currency, SUM(total) AS revenue, COUNT(*) AS orders FROM ${TABLE} WHERE total >= @min AND source_order_id IN UNNEST(@ids) AND service = @service GROUP BY currency ORDER BY currency`,
			[
				{ name: 'min', type: 'NUMERIC', value: '0.70' },
				{ name: 'ids', type: 'ARRAY<STRING>', value: '["Q-1","Q-2","Q-3"]' },
				{ name: 'service', type: 'STRING', value: 'swiftparcel' },
			],
		);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{ currency: 'EUR', revenue: '20.2', orders: 1 },
			{ currency: 'USD', revenue: '10.8', orders: 2 },
		]);
	});

	it('runs window functions, QUALIFY, STRUCT and ARRAY, and reads nested columns', async () => {
		const result = await runSql(
			`SELECT order_key, STRUCT(currency AS code, total AS amount) AS money, ARRAY_LENGTH(items) AS lines, items[OFFSET(0)].title AS first_title,
			   (SELECT SUM(i.quantity) FROM UNNEST(items) AS i) AS quantity, RANK() OVER (ORDER BY total DESC) AS position
			 FROM ${TABLE} WHERE TRUE QUALIFY position <= 2 ORDER BY position`,
		);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{ order_key: 'email:swiftparcel:Q-2', money: { code: 'EUR', amount: '20.2' }, lines: 1, first_title: 'Blue mug', quantity: 2, position: 1 },
			{ order_key: 'email:swiftparcel:Q-1', money: { code: 'USD', amount: '10.1' }, lines: 1, first_title: 'Blue mug', quantity: 2, position: 2 },
		]);
	});

	it('pages through large results with getQueryResults', async () => {
		bq.sim.server.state.settings.defaultPageRows = 2;
		const seq = bq.sim.server.requests.length;
		const result = await runSql(`SELECT n FROM UNNEST(GENERATE_ARRAY(1, 7)) AS n ORDER BY n`);
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE).map((item) => item.json.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		const pages = bq.sim.server.requests.slice(seq).filter((request) => request.method === 'GET' && /\/queries\/job_/.test(request.path));
		expect(pages.map((request) => request.query.pageToken)).toEqual(['2', '4', '6']);
	});

	it('passes hostile strings and NULL as values', async () => {
		const result = await runSql('SELECT @text AS text, @nothing IS NULL AS is_null, LENGTH(@text) AS length', [
			{ name: 'text', type: 'STRING', value: "'; DROP TABLE x; -- \\ \" `" },
			{ name: 'nothing', type: 'INT64', value: '', isNull: true },
		]);
		expect(result.output(NODE).map((item) => item.json)).toEqual([{ text: "'; DROP TABLE x; -- \\ \" `", is_null: true, length: 25 }]);
	});

	it('reports a bad query and a bad parameter value as errors of the item', async () => {
		const bad = await runSql(`SELECT nope FROM ${TABLE}`);
		expect(bad.error(NODE)?.message).toMatch(/^BigQuery: .*nope/);
		const wrongType = await runSql('SELECT @n AS n', [{ name: 'n', type: 'INT64', value: 'twelve' }]);
		expect(wrongType.error(NODE)?.message).toBe('Parameter n: "twelve" is not an integer');
	});
});
