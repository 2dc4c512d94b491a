import { NODE, sampleOrder, useBigQuery } from './setup';

const HOSTILE = [
	"' OR '1'='1",
	"jane@example.com' --",
	'"; DROP TABLE `shop-sync-sim.crm.orders`; --',
	'\\\' OR 1=1 #',
	'@email',
	'`shop-sync-sim.crm.orders`',
	'%',
	'Ω😀\u0000',
];

describe('Order Store node › Order → Get and Find', () => {
	const bq = useBigQuery();
	// A webhook order: only those get a second version (an email never changes a stored order).
	const jane = sampleOrder({ createdAt: '2026-11-20T10:15:00.000Z', source: 'shopify', service: 'shop-a', serviceName: 'Store A', orderKey: 'shopify:shop-a:SP-JANE', sourceOrderId: 'SP-JANE', orderNumber: 'SP-JANE' });
	const quoted = sampleOrder({ customer: { name: "Seán O'Brien", phone: '+353851234567', email: "o'brien+\"vip\"@example.ie" }, createdAt: '2026-11-21T09:00:00.000Z' });
	const other = sampleOrder({ customer: { name: 'Max', phone: '+4915112345678', email: 'max@example.de' }, createdAt: '2026-11-25T12:00:00.000Z' });

	beforeEach(async () => {
		await bq.ensureSchema();
		await bq.run({ resource: 'order', operation: 'save', input: 'normalized' }, [jane, quoted, other]);
		await bq.run({ resource: 'order', operation: 'save', input: 'normalized' }, [{ ...jane, status: 'fulfilled' }]);
	});

	const find = async (parameters: Record<string, unknown>) => {
		const result = await bq.run({ resource: 'order', operation: 'find', limit: 50, ...parameters });
		expect(result.error(NODE)).toBeUndefined();
		return result.output(NODE).map((item) => item.json);
	};

	it('Get returns the latest version of the order by key, in the order shape; an unknown key gives no item', async () => {
		const got = await bq.run({ resource: 'order', operation: 'get', orderKey: jane.orderKey as string });
		const [order] = got.output(NODE).map((item) => item.json);
		// ingestedAt is the first version's; the email envelope is not part of the order shape read back.
		const expected = Object.fromEntries(Object.entries(jane).filter(([key]) => key !== 'ingestedAt' && key !== 'email'));
		expect(order).toMatchObject({ ...expected, status: 'fulfilled' });
		expect(order.version).toMatchObject({ count: 2 });
		expect((await bq.run({ resource: 'order', operation: 'get', orderKey: 'email:swiftparcel:nope' })).output(NODE)).toEqual([]);
	});

	it('Find by email ignores case and returns one row per order (its latest version)', async () => {
		expect((await find({ searchBy: 'email', email: 'JANE@Example.com' })).map((order) => [order.orderKey, order.status])).toEqual([[jane.orderKey, 'fulfilled']]);
		expect((await find({ searchBy: 'email', email: "O'Brien+\"VIP\"@example.ie" })).map((order) => order.orderKey)).toEqual([quoted.orderKey]);
	});

	it('Find by phone ignores spaces, dots, dashes and brackets', async () => {
		expect((await find({ searchBy: 'phone', phone: '+49 (151) 123-456.78' })).map((order) => order.orderKey)).toEqual([other.orderKey]);
	});

	it('Find by creation time: from inclusive, to exclusive, newest first', async () => {
		const found = await find({ searchBy: 'createdBetween', from: '2026-11-20T10:15:00.000Z', to: '2026-11-25T12:00:00.000Z' });
		expect(found.map((order) => order.orderKey)).toEqual([quoted.orderKey, jane.orderKey]);
	});

	/** The SQL texts sent by one email search, one phone search and one get. */
	const searches = async (text: string) => {
		const seq = bq.sim.server.requests.length;
		const results = [
			await find({ searchBy: 'email', email: text }),
			await find({ searchBy: 'phone', phone: text }),
			await bq.run({ resource: 'order', operation: 'get', orderKey: text }).then((result) => result.output(NODE)),
		];
		const sent = bq.sim.server.requests.slice(seq).filter((request) => request.path.endsWith('/queries'));
		return { results, sql: sent.map((request) => (request.body as { query: string }).query), parameters: sent.map((request) => JSON.stringify((request.body as { queryParameters: unknown }).queryParameters)) };
	};

	it.each(HOSTILE)('hostile search text %j is a value, never SQL: no match, same SQL as a plain search, tables intact', async (text) => {
		const plain = await searches('nobody@example.com');
		const hostile = await searches(text);
		expect(hostile.results).toEqual([[], [], []]);
		expect(hostile.sql).toEqual(plain.sql);
		expect(hostile.parameters.some((parameters) => parameters.includes(JSON.stringify(text.trim()).slice(1, -1)))).toBe(true);
		expect(bq.table('orders').rows).toHaveLength(4);
	});
});
