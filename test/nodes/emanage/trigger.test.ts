/**
 * The polling trigger through n8n-core's PollContext: new and changed orders once each, across
 * polls and restarts (static data passed through JSON as n8n stores it), orders changed in the same
 * second as the last one seen, test orders left out, changed products, and a manual test run.
 */
import type { IDataObject } from 'n8n-workflow';

import { runPoll } from '../harness/poll';
import { TRIGGER, triggerWorkflow, useEManage } from './setup';

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((item) => `${String(item.json.event)}:${String(item.json.orderId ?? item.json.productId)}`);
const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().slice(0, 19);

describe('eManageCRM Trigger (polling)', () => {
	const { credentials, control, sim } = useEManage();
	const poll = async (parameters: IDataObject, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') =>
		await runPoll(triggerWorkflow({ event: 'orders', orderChanges: ['created', 'updated'], startFrom: 'now', options: {}, ...parameters } as never), TRIGGER, { credentials: credentials(), staticData, mode });

	it('starts at publication: the first poll emits nothing, later polls emit new and changed orders once', async () => {
		const first = await poll({}, {});
		expect(first.items).toBeNull();
		expect(first.staticData.watermark).toBeDefined();

		const placed = await control('POST', '/__sim/orders', { email: 'new@example.com', orderDate: secondsAgo(0) });
		const second = await poll({}, first.staticData);
		expect(ids(second.items)).toEqual([`order.created:${String(placed.orderId)}`]);
		expect(second.items?.[0].json).toMatchObject({ email: 'new@example.com', orderStatus: 'Paid' });

		// Nothing changed: nothing emitted, also after a restart (the static data went through JSON).
		const third = await poll({}, second.staticData);
		expect(third.items).toBeNull();

		await new Promise((resolve) => setTimeout(resolve, 1100)); // a later second, so it counts as an update
		await control('PATCH', `/__sim/orders/${String(placed.orderId)}`, { orderStatus: 'Refunded', receipt: { paymentStatus: 'Refunded' }, at: secondsAgo(0) });
		const fourth = await poll({}, third.staticData);
		expect(ids(fourth.items)).toEqual([`order.updated:${String(placed.orderId)}`]);
		expect(fourth.items?.[0].json.orderStatus).toBe('Refunded');
		expect((await poll({}, fourth.staticData)).items).toBeNull();
	});

	it('catches up from a start date and never repeats an order changed in the same second as the mark', async () => {
		const start = { startFrom: 'date', startDate: '2026-03-01T00:00:00Z' };
		const first = await poll(start, {});
		expect(ids(first.items)).toEqual(['order.created:1', 'order.created:2']);

		// Two orders land in the same second; the poll in between saw only the first.
		const sameSecond = secondsAgo(0);
		const a = await control('POST', '/__sim/orders', { orderDate: sameSecond });
		const second = await poll(start, first.staticData);
		expect(ids(second.items)).toEqual([`order.created:${String(a.orderId)}`]);
		expect(second.staticData.watermark).toEqual({ since: `${sameSecond}.000Z`, boundaryIds: [expect.stringMatching(new RegExp(`^${String(a.orderId)}#`))] });

		const b = await control('POST', '/__sim/orders', { orderDate: sameSecond });
		const third = await poll(start, second.staticData);
		expect(ids(third.items)).toEqual([`order.created:${String(b.orderId)}`]);
		const afterRestart = await poll(start, JSON.parse(JSON.stringify(third.staticData)) as IDataObject);
		expect(afterRestart.items).toBeNull();

		// A change to A within that same second is still reported (the boundary keeps a fingerprint).
		await control('PATCH', `/__sim/orders/${String(a.orderId)}`, { orderStatus: 'Cancelled', at: sameSecond });
		const changedSameSecond = await poll(start, afterRestart.staticData);
		expect(ids(changedSameSecond.items)).toEqual([`order.created:${String(a.orderId)}`]);
		expect(changedSameSecond.items?.[0].json.orderStatus).toBe('Cancelled');

		// Every order was emitted exactly once over all polls.
		const all = [...ids(first.items), ...ids(second.items), ...ids(third.items)];
		expect(new Set(all).size).toBe(all.length);
	});

	it('leaves test orders out unless asked, and can report only updates', async () => {
		const start = { startFrom: 'date', startDate: '2026-03-01T00:00:00Z' };
		expect(ids((await poll({ ...start, options: { includeTestOrders: true } }, {})).items)).toEqual(['order.created:1', 'order.created:2', 'order.created:3']);

		const onlyUpdates = { ...start, orderChanges: ['updated'] };
		const first = await poll(onlyUpdates, {});
		expect(first.items).toBeNull();
		await control('PATCH', '/__sim/orders/1', { orderStatus: 'Shipped', at: secondsAgo(0) });
		await control('POST', '/__sim/orders', { orderDate: secondsAgo(0) });
		expect(ids((await poll(onlyUpdates, first.staticData)).items)).toEqual(['order.updated:1']);
	});

	it('reads all pages of a busy window', async () => {
		for (let index = 0; index < 7; index++) await control('POST', '/__sim/orders', { orderDate: secondsAgo(0) });
		const result = await poll({ startFrom: 'date', startDate: '2026-03-01T00:00:00Z', options: { pageSize: 3 } }, {});
		expect(result.items).toHaveLength(9);
		expect(sim.server.requests.filter((entry) => entry.path.startsWith('/order/')).map((entry) => entry.path)).toEqual(['/order/1/3', '/order/2/3', '/order/3/3', '/order/4/3']);
	});

	it('reports changed products (assumed endpoint) once each', async () => {
		const parameters = { event: 'products' };
		const first = await poll(parameters, {});
		expect(first.items).toBeNull();
		await control('PATCH', '/__sim/products/302', { price: 109.95, at: secondsAgo(0) });
		const second = await poll(parameters, first.staticData);
		expect(ids(second.items)).toEqual(['product.changed:302']);
		expect(second.items?.[0].json.price).toBe(109.95);
		expect((await poll(parameters, second.staticData)).items).toBeNull();
	});

	it('shows a recent order in a manual test without moving the published position', async () => {
		await control('POST', '/__sim/orders', { orderDate: secondsAgo(60) });
		const stored = { configuration: 'orders|now|', watermark: { since: new Date().toISOString(), boundaryIds: [] } };
		const manual = await poll({}, stored, 'manual');
		expect(manual.items).toHaveLength(1);
		expect(manual.staticData).toEqual(stored);
	});

	it('names the field when the start date is missing', async () => {
		await expect(poll({ startFrom: 'date', startDate: '' }, {})).rejects.toThrow('Start Date: is empty');
	});
});
