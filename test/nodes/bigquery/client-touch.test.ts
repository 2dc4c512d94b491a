import { NODE, useBigQuery } from './setup';

const touch = (parameters: Record<string, unknown>) => ({ resource: 'client', operation: 'recordTouch', channel: 'chatbot', details: '{}', ...parameters });

describe('Order Store node › Client → Record Touch', () => {
	const bq = useBigQuery();
	beforeEach(async () => await bq.ensureSchema());

	it('records who, the channel and when, for every item in one insertAll; the same touch again is stored once', async () => {
		const parameters = touch({ name: '={{ $json.name }}', email: '={{ $json.email }}', phone: '={{ $json.phone }}', channel: '={{ $json.channel }}', touchedAt: '={{ $json.when }}', reference: '={{ $json.ref }}' });
		const input = [
			{ name: 'Jane', email: 'Jane@Example.com', phone: '', channel: 'chatbot', when: '2026-11-20T10:00:00Z', ref: '1234567890' },
			{ name: '', email: '', phone: '+1 (415) 555-0123', channel: 'order', when: '2026-11-20T11:00:00Z', ref: 'email:swiftparcel:SP-1' },
			{ name: 'Walk-in', email: '', phone: '', channel: 'form', when: '2026-11-21T09:30:00Z', ref: '' },
		];
		const seq = bq.sim.server.requests.length;
		const first = await bq.run(parameters, input);
		expect(first.error(NODE)).toBeUndefined();
		expect(first.output(NODE).map((item) => [item.json.customerKey, item.json.channel, item.json.touchedAt, item.json.outcome, item.pairedItem])).toEqual([
			['jane@example.com', 'chatbot', '2026-11-20T10:00:00.000Z', 'recorded', { item: 0 }],
			['+14155550123', 'order', '2026-11-20T11:00:00.000Z', 'recorded', { item: 1 }],
			['walk-in', 'form', '2026-11-21T09:30:00.000Z', 'recorded', { item: 2 }],
		]);
		expect(bq.sim.server.requests.slice(seq).filter((request) => request.path.endsWith('/insertAll'))).toHaveLength(1);
		const again = await bq.run(parameters, input);
		expect(again.output(NODE).map((item) => item.json.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(bq.table('client_touches').rows).toHaveLength(3);
		expect(bq.table('client_touches').rows[1]).toMatchObject({ customer_phone: '+14155550123', channel: 'order', reference: 'email:swiftparcel:SP-1' });
	});

	it('needs at least a name, an email or a phone', async () => {
		const result = await bq.run(touch({}), [{}], { nodeSettings: { [NODE]: { continueOnFail: true } } });
		expect(result.output(NODE).map((item) => item.json.error)).toEqual(['Client touch: give at least a name, an email or a phone']);
		expect(bq.table('client_touches').rows).toEqual([]);
	});
});
