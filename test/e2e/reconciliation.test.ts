/**
 * The shipped reconciliation workflow (workflows/reconciliation.json) in the real n8n 2.41.0, with
 * customer sync and order intake published as they are in production. Shopify's webhooks to n8n
 * are switched off in the simulator (recorded, never delivered: what is left when Shopify gives up
 * retrying), changes are made "in the admin" of stores A, B and C, and the reconciliation's
 * Schedule Trigger is run the way the editor's "Execute workflow" button runs it (REST
 * `POST /rest/workflows/:id/run` from that trigger): its schedule is 15 minutes, and a test cannot
 * wait for it nor change the shipped file. The same nodes then run as on schedule.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import type { CegidState } from '../../simulators/cegid/state';
import type { ManyChatState } from '../../simulators/manychat/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ShopifyState, StoreState } from '../../simulators/shopify/state';
import { until } from '../support/until';
import { runFromTrigger, setUpCrmTables } from '../../scripts/lib/manualRun';

jest.setTimeout(30 * 60_000);

const WORKFLOW = 'shopSyncReconcile';
const STORES = ['a', 'b', 'c'] as const;
type StoreKey = (typeof STORES)[number];

interface RunSummary {
	id: string;
	status: string;
	readWatermark: string | undefined;
	savedWatermark: string | undefined;
	since: string;
}

describe('Shipped workflow: reconciliation heals missed customer and order webhooks', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const shopify = () => simulators.shopify as unknown as { url: string; state: ShopifyState };
	const cegid = () => simulators.cegid as unknown as { state: CegidState; requests: Array<{ path: string; method: string; status?: number }> };
	const bigquery = () => simulators.bigquery as unknown as { state: BigQueryState };
	const manychat = () => simulators.manychat as unknown as { state: ManyChatState };
	const store = (key: StoreKey) => shopify().state.stores.find((candidate) => candidate.key === key) as StoreState;
	const admin = (key: StoreKey, path: string) => `${shopify().url}/__sim/shops/${key}${path}`;
	const orderRows = () => bigquery().state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? [];
	const notifications = () => (manychat().state as unknown as { deliveries: Array<Record<string, unknown>> }).deliveries;
	const cegidByEmail = (email: string) => Object.values(cegid().state.customers).filter((customer) => customer.emails.some((entry) => entry.value.toLowerCase() === email));
	const inStore = (key: StoreKey, email: string) => store(key).customers.filter((customer) => customer.email === email);
	const cegidWrites = () => cegid().requests.filter((request) => request.method !== 'GET' && !/token|HelloWorld|Search|Get/i.test(request.path) && (request.status ?? 0) < 300).length;

	const runningExecutions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ status: ['running', 'new', 'waiting'] }));
		const response = await n8n.rest<{ data: { results: unknown[] } }>('GET', `/rest/executions?filter=${filter}`);
		return response.status === 200 ? response.data.data.results.length : 1;
	};
	const errorCount = async () => {
		const filter = encodeURIComponent(JSON.stringify({ status: ['error', 'crashed'] }));
		const response = await n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		if (response.status !== 200) throw new Error(`GET /rest/executions answered HTTP ${response.status}`);
		return response.data.data.count;
	};

	/** Runs the workflow from its Schedule Trigger, as the editor's button does, and waits for the end. */
	const reconcile = async (): Promise<RunSummary> => {
		const { id, status } = await runFromTrigger(n8n, WORKFLOW, 'Every 15 Minutes');
		await until('no execution running', async () => (await runningExecutions()) === 0, 120_000);
		const { data } = await n8n.execution(id);
		const output = (node: string) => data.resultData.runData[node]?.[0]?.data?.main?.[0]?.[0]?.json as Record<string, unknown> | undefined;
		return {
			id,
			status,
			readWatermark: output('Read Last Successful Run')?.lastRunStartedAt as string | undefined,
			savedWatermark: output('Save Watermark')?.lastRunStartedAt as string | undefined,
			since: String(output('Compute Window')?.since),
		};
	};

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-reconcile-'));
		simulators = await startSimulators();
		const urls = simulatorUrls(simulators);
		// Published as in production: the webhook flows and the reconciliation that calls them.
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(ROOT, 'workflows')],
			publish: [WORKFLOW, 'shopSyncCustomerSync', 'shopSyncOrderIntake'],
			credentials: simulatorCredentials(urls),
			log: (line) => process.stdout.write(`[e2e reconcile] ${line}\n`),
		});
		await setUpCrmTables(n8n);
		await until('each store has its customer and order subscriptions', () =>
			STORES.every((key) => store(key).subscriptions.filter((subscription) => /shop-sync-(customers|orders)-store-/.test(subscription.uri)).length === 4),
		);
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('syncs what the webhooks missed through the webhook paths, once; a second run changes nothing; the watermark advances only after a successful run', async () => {
		// Handled by the webhooks: a customer and an order, before deliveries stop.
		await axios.post(admin('a', '/customers'), { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
		const handled = await axios.post(admin('a', '/orders'), { email: 'ada@example.com', lineItems: [{ title: 'Serum', sku: 'SER-30', quantity: 1, price: '24.50' }] });
		await until('the webhooks synced Ada and stored the first order', async () => {
			await axios.get(`${shopify().url}/__sim/webhooks/idle`);
			return inStore('b', 'ada@example.com').length === 1 && inStore('c', 'ada@example.com').length === 1 && orderRows().length === 1 && notifications().length === 2 && (await runningExecutions()) === 0;
		}, 300_000);

		// Shopify stops reaching n8n: every later change is recorded by the simulator and never delivered.
		await axios.post(`${shopify().url}/__sim/webhooks`, { enabled: false });
		const deliveriesBefore = shopify().state.deliveries.length;
		const missedCustomers = [
			{ key: 'a' as const, email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' },
			{ key: 'a' as const, email: 'alan@example.com', first_name: 'Alan', last_name: 'Turing' },
			{ key: 'b' as const, email: 'edsger@example.com', first_name: 'Edsger', last_name: 'Dijkstra' },
		];
		for (const customer of missedCustomers) {
			const { key, ...body } = customer;
			expect((await axios.post(admin(key, '/customers'), body)).status).toBe(201);
		}
		expect((await axios.put(admin('c', `/customers/${inStore('c', 'ada@example.com')[0].id}`), { last_name: 'King' })).status).toBe(200);
		const missedOrders: Array<{ key: StoreKey; id: number; name: string }> = [];
		for (const [index, key] of (['a', 'a', 'c'] as const).entries()) {
			const response = await axios.post(admin(key, '/orders'), {
				email: `missed${index}@example.com`,
				lineItems: [{ title: 'Cream', sku: 'CRM-50', quantity: 2, price: '10.00' }],
				shippingAddress: { firstName: 'Buyer', lastName: `M${index}`, address1: '1 rue X', city: 'Lyon', zip: '69001', countryCode: 'FR' },
				shippingLine: { title: 'Standard', code: 'STD', price: '4.90' },
			});
			expect(response.status).toBe(201);
			missedOrders.push({ key, id: response.data.id, name: response.data.name });
		}
		const missed = shopify().state.deliveries.slice(deliveriesBefore);
		expect(missed.length).toBeGreaterThanOrEqual(7);
		expect(missed.every((delivery) => !delivery.delivered && delivery.attempts === 0)).toBe(true);
		expect(cegidByEmail('grace@example.com')).toHaveLength(0);
		expect(orderRows()).toHaveLength(1);

		const started = Date.now();
		const first = await reconcile();
		const firstSeconds = (Date.now() - started) / 1000;
		expect(first.status).toBe('success');
		// No watermark yet: the first run looks back firstRunLookbackHours (24 h).
		expect(first.readWatermark).toBeUndefined();
		expect(Date.now() - new Date(first.since).getTime()).toBeGreaterThan(23 * 3600_000);
		expect(first.savedWatermark).toBeDefined();

		// Customers: in CEGID once, and in every store once; the missed update reached CEGID and the other stores.
		for (const { email, first_name: firstName } of missedCustomers) {
			expect({ email, cegid: cegidByEmail(email).length }).toEqual({ email, cegid: 1 });
			expect(cegidByEmail(email)[0]).toMatchObject({ firstName, closed: false });
			expect({ email, stores: STORES.map((key) => inStore(key, email).length) }).toEqual({ email, stores: [1, 1, 1] });
		}
		expect(cegidByEmail('ada@example.com')).toEqual([expect.objectContaining({ lastName: 'King' })]);
		expect(STORES.map((key) => inStore(key, 'ada@example.com').map((customer) => customer.lastName))).toEqual([['King'], ['King'], ['King']]);

		// Orders: each missed order stored once in the shared shape and announced to both managers once;
		// the order the webhook had stored is not stored again nor announced again.
		expect(orderRows()).toHaveLength(4);
		const handledKey = `shopify:shop-sync-a.myshopify.com:${handled.data.id}`;
		expect(orderRows().filter((row) => row.order_key === handledKey)).toHaveLength(1);
		for (const order of missedOrders) {
			const domain = `shop-sync-${order.key}.myshopify.com`;
			const rows = orderRows().filter((row) => row.order_key === `shopify:${domain}:${order.id}`);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ source: 'shopify', service: domain, order_number: order.name, currency: 'EUR' });
			expect(String(rows[0].total)).toBe('24.90');
			const messages = notifications().filter((notification) => JSON.stringify(notification).includes(`New order ${order.name} in`) && JSON.stringify(notification).includes(domain));
			expect(messages).toHaveLength(2);
		}
		expect(notifications()).toHaveLength(2 + missedOrders.length * 2);

		// Second run: the window overlaps the first (since = first start − 10 min), everything is
		// read again, and nothing changes anywhere.
		const writes = cegidWrites();
		const customers = STORES.map((key) => store(key).customers.length);
		const rows = orderRows().length;
		const sent = notifications().length;
		const second = await reconcile();
		expect(second.status).toBe('success');
		expect(second.readWatermark).toBe(first.savedWatermark);
		expect(new Date(second.since).getTime()).toBe(new Date(first.savedWatermark!).getTime() - 10 * 60_000);
		expect(new Date(second.savedWatermark!).getTime()).toBeGreaterThan(new Date(first.savedWatermark!).getTime());
		expect(cegidWrites()).toBe(writes);
		expect(STORES.map((key) => store(key).customers.length)).toEqual(customers);
		expect(orderRows()).toHaveLength(rows);
		expect(notifications()).toHaveLength(sent);
		expect(await errorCount()).toBe(0);

		// A run that fails part-way (BigQuery down while an order is missed) keeps the watermark, so
		// the next run covers its window again and stores the order.
		const bigqueryUrl = (simulators.bigquery as unknown as { url: string }).url;
		await axios.post(`${bigqueryUrl}/__sim/faults`, { statusRates: { 500: 1 }, pathPattern: '^/bigquery/' });
		const late = await axios.post(admin('b', '/orders'), { email: 'late@example.com', lineItems: [{ title: 'Serum', sku: 'SER-30', quantity: 1, price: '24.50' }] });
		const third = await reconcile();
		expect(third.status).toBe('error');
		expect(third.savedWatermark).toBeUndefined();
		await axios.delete(`${bigqueryUrl}/__sim/faults`);
		const fourth = await reconcile();
		expect(fourth.status).toBe('success');
		expect(fourth.readWatermark).toBe(second.savedWatermark);
		expect(orderRows().filter((row) => row.order_key === `shopify:shop-sync-b.myshopify.com:${late.data.id}`)).toHaveLength(1);
		expect(notifications()).toHaveLength(sent + 2);
		process.stdout.write(`[e2e reconcile] first run ${firstSeconds.toFixed(1)} s: ${missed.length} missed deliveries healed (3 customers created, 1 updated, 3 orders); second run changed nothing; a failed run kept the watermark\n`);
	});
});
