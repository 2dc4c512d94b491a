/**
 * The shipped error handler (workflows/error-handler.json) in the real n8n 2.41.0. A published
 * shipped workflow fails for real: a Shopify order webhook reaches order intake while the BigQuery
 * simulator answers every API call with HTTP 500. n8n then starts the error handler (order intake's
 * settings name it), which alerts the admins through the ManyChat simulator and records the failed
 * event in the data table shop_sync_failed_events. With the fault cleared, `npm run replay`'s
 * script retries the execution through n8n's public API: the order is stored once and announced
 * once, and the record is marked replayed.
 */
import axios from 'axios';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { node24Binary } from '../../scripts/lib/node24';
import { ROOT } from '../../scripts/lib/paths';
import { FAILED_EVENTS_TABLE, query } from '../../scripts/replay';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import type { CegidState } from '../../simulators/cegid/state';
import type { ManyChatState } from '../../simulators/manychat/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ShopifyState } from '../../simulators/shopify/state';
import { until } from '../support/until';
import { runFromTrigger, setUpCrmTables } from '../../scripts/lib/manualRun';

jest.setTimeout(20 * 60_000);

const FAILING = 'shopSyncOrderIntake';
const CUSTOMER_SYNC = 'shopSyncCustomerSync';
const HANDLER = 'shopSyncErrorHandler';
/** The flow *Notify Manager 1* and *2* send (workflows/order-intake-shopify.json). */
const ORDER_FLOW = 'content20260101000000_000001';

interface FailedEventRow {
	id: number;
	createdAt: string;
	executionId: string;
	workflowId: string;
	workflowName: string;
	failedNode: string;
	errorMessage: string;
	executionUrl: string;
	triggerNode: string;
	triggerItems: string;
	status: string;
	failedAt: string;
	replayExecutionId: string | null;
}

/** Every string of credential data under a secret-looking key, and the parts of JSON secrets. */
function secretValues(data: unknown, key = ''): string[] {
	if (typeof data === 'string') {
		if (data.trim().startsWith('{')) return secretValues(JSON.parse(data) as unknown, key);
		return /secret|key|password|token/i.test(key) && data.length >= 8 ? [data] : [];
	}
	if (data && typeof data === 'object') return Object.entries(data).flatMap(([name, value]) => secretValues(value, name || key));
	return [];
}

describe('Shipped workflow: error handler alerts the admins, records the failed event, and replay heals it', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const shopify = () => simulators.shopify as unknown as { url: string; state: ShopifyState };
	const bigquery = () => simulators.bigquery as unknown as { url: string; state: BigQueryState };
	const manychat = () => simulators.manychat as unknown as { url: string; state: ManyChatState };
	const cegid = () => simulators.cegid as unknown as { url: string; state: CegidState };
	const cegidByEmail = (email: string) => Object.values(cegid().state.customers).filter((customer) => customer.emails.some((entry) => entry.value.toLowerCase() === email));
	const inStore = (key: 'a' | 'b' | 'c', email: string) => shopify().state.stores.find((store) => store.key === key)!.customers.filter((customer) => customer.email === email);
	const orderRows = () => bigquery().state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? [];
	const deliveries = () => manychat().state.deliveries as unknown as Array<Record<string, unknown>>;
	const alerts = () => deliveries().filter((delivery) => JSON.stringify(delivery).includes('Shop sync failure'));
	const publicApi = () => axios.create({ baseURL: `${n8n.baseUrl}/api/v1`, headers: { 'X-N8N-API-KEY': n8n.apiKey! }, validateStatus: () => true });
	const dataTableRows = async <Row>(name: string): Promise<Row[]> => {
		const tables = await publicApi().get<{ data: Array<{ id: string; name: string }> }>(`/data-tables?${query({ filter: JSON.stringify({ name }) })}`);
		const table = tables.status === 200 ? tables.data.data.find((entry) => entry.name === name) : undefined;
		if (!table) return [];
		const rows = await publicApi().get<{ data: Row[] }>(`/data-tables/${table.id}/rows?${query({ limit: '100' })}`);
		return rows.status === 200 ? rows.data.data : [];
	};
	const failedEvents = async () => await dataTableRows<FailedEventRow>(FAILED_EVENTS_TABLE);
	const notificationLedger = async () => await dataTableRows<{ orderKey: string; notifiedAt: string }>('shop_sync_order_notifications');
	/** Order notifications: the order flow, showing this order's text (alerts show other fields). */
	const announcementsOf = (orderName: string, shopDomain: string) =>
		deliveries().filter(
			(delivery) => delivery.flow_ns === ORDER_FLOW && String((delivery.custom_fields as Record<string, unknown>).order_message ?? '').startsWith(`New order ${orderName} in ${shopDomain}\n`),
		);
	const executionsOf = async (workflowId: string) => await n8n.executions(workflowId);
	/** `npm run replay`'s script, as a child process (asynchronously: the simulators run in this process). */
	const replay = async () =>
		await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
			const child = spawn(node24Binary(), [join(ROOT, 'build/scripts/replay.js')], {
				env: { ...process.env, NODE_OPTIONS: '', N8N_URL: n8n.baseUrl, N8N_API_KEY: n8n.apiKey },
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('error', reject);
			child.on('close', (status) => resolve({ status, stdout, stderr }));
		});

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-error-handler-'));
		simulators = await startSimulators();
		const urls = simulatorUrls(simulators);
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(ROOT, 'workflows')],
			publish: [FAILING, HANDLER, CUSTOMER_SYNC],
			credentials: simulatorCredentials(urls),
			log: (line) => process.stdout.write(`[e2e error-handler] ${line}\n`),
		});
		await setUpCrmTables(n8n);
		expect(n8n.apiKey).toBeTruthy();
		await until('each store has its orders/create and customer subscriptions', () =>
			shopify().state.stores.every(
				(store) =>
					store.subscriptions.some((subscription) => subscription.uri.includes('shop-sync-orders-store-')) &&
					store.subscriptions.filter((subscription) => subscription.uri.includes('shop-sync-customers-store-')).length === 3,
			),
		);
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('alerts with workflow, node, error and a link to the failed execution, records it, and replays it into BigQuery once', async () => {
		// BigQuery fails every API call, past the node's retries.
		expect((await axios.post(`${bigquery().url}/__sim/faults`, { statusRates: { 500: 1 }, pathPattern: '^/bigquery/' })).status).toBe(200);
		const order = await axios.post(`${shopify().url}/__sim/shops/b/orders`, {
			email: 'late@example.com',
			lineItems: [{ title: 'Serum', sku: 'SER-30', quantity: 3, price: '24.50' }],
			shippingLine: { title: 'Standard', code: 'STD', price: '4.90' },
		});
		expect(order.status).toBe(201);
		const orderKey = `shopify:shop-sync-b.myshopify.com:${order.data.id}`;

		await until('order intake failed and the error handler alerted and recorded it', async () => {
			const handled = (await executionsOf(HANDLER)).filter((execution) => execution.status !== 'running' && execution.status !== 'new');
			return alerts().length >= 2 && handled.length >= 1 && (await failedEvents()).length >= 1;
		}, 120_000).catch(async (error: Error) => {
			const runs = await Promise.all([FAILING, HANDLER].map(async (id) => ({ id, runs: await executionsOf(id) })));
			throw new Error(`${error.message}; executions: ${JSON.stringify(runs)}; alerts: ${alerts().length}; records: ${(await failedEvents()).length}`);
		});
		const failed = (await executionsOf(FAILING)).filter((execution) => execution.status === 'error');
		expect(failed).toHaveLength(1);
		const failedId = failed[0].id;
		expect(orderRows()).toHaveLength(0);
		const handlerRuns = await executionsOf(HANDLER);
		expect(handlerRuns.map((execution) => execution.status)).toEqual(['success']);

		// The alert: both admins, with workflow, node, error and a link that opens the failed execution.
		expect(alerts()).toHaveLength(2);
		const text = JSON.stringify(alerts()[0]);
		expect(text).toContain('Workflow: Order intake: Shopify orders → CRM (BigQuery) + managers (ManyChat) (shopSyncOrderIntake)');
		expect(text).toContain('Node: Save Order in CRM');
		expect(text).toMatch(/Error: [^\\]*(500|BigQuery)/);
		const link = `${n8n.baseUrl}/workflow/${FAILING}/executions/${failedId}`;
		expect(text).toContain(`Execution: ${link}`);
		expect(text).toContain('Recorded for replay');
		const page = await axios.get(link, { validateStatus: () => true });
		expect(page.status).toBe(200);
		expect(String(page.data)).toContain('<div id="app"');
		const linked = await n8n.execution(failedId);
		expect(linked).toMatchObject({ status: 'error', workflowId: FAILING });
		// No secret of any credential, nor the API key, is in the alert.
		const secrets = [...simulatorCredentials(simulatorUrls(simulators)).flatMap((entry) => secretValues(entry.data)), n8n.apiKey!];
		expect(secrets.length).toBeGreaterThan(5);
		for (const secret of secrets) for (const delivery of alerts()) expect(JSON.stringify(delivery).includes(secret)).toBe(false);
		expect(text).not.toMatch(/BEGIN PRIVATE KEY|Bearer [A-Za-z0-9]/);

		// The record: enough to replay the event.
		const [record] = await failedEvents();
		expect(record).toMatchObject({ executionId: failedId, workflowId: FAILING, failedNode: 'Save Order in CRM', executionUrl: link, triggerNode: 'Store B New Orders', status: 'failed' });
		const triggerItems = JSON.parse(record.triggerItems) as Array<{ topic: string; shopDomain: string; payload: { admin_graphql_api_id: string } }>;
		expect(triggerItems).toEqual([expect.objectContaining({ topic: 'orders/create', shopDomain: 'shop-sync-b.myshopify.com', payload: expect.objectContaining({ admin_graphql_api_id: `gid://shopify/Order/${order.data.id}` }) })]);

		// Fixed: BigQuery answers again. npm run replay retries the recorded execution.
		expect((await axios.delete(`${bigquery().url}/__sim/faults`)).status).toBe(200);
		const started = Date.now();
		const first = await replay();
		const replaySeconds = (Date.now() - started) / 1000;
		expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
		expect(first.stdout).toContain(`replayed execution ${failedId}`);
		expect(first.stdout).not.toContain(n8n.apiKey!);

		expect(orderRows().filter((row) => row.order_key === orderKey)).toHaveLength(1);
		expect(orderRows()).toHaveLength(1);
		expect(announcementsOf(order.data.name, 'shop-sync-b.myshopify.com')).toHaveLength(2);
		const [marked] = await failedEvents();
		expect(marked).toMatchObject({ executionId: failedId, status: 'replayed' });
		const retry = await n8n.execution(String(marked.replayExecutionId));
		expect(retry).toMatchObject({ status: 'success', workflowId: FAILING });

		// Nothing left to replay; a second replay changes nothing.
		const second = await replay();
		expect(second.status).toBe(0);
		expect(second.stdout).toContain('0 failed event(s) to replay');
		expect(orderRows()).toHaveLength(1);
		expect(announcementsOf(order.data.name, 'shop-sync-b.myshopify.com')).toHaveLength(2);
		expect(await failedEvents()).toHaveLength(1);
		expect((await executionsOf(HANDLER)).length).toBe(1);
		process.stdout.write(`[e2e error-handler] 1 failed execution → 2 admin alerts, 1 record; replay ${replaySeconds.toFixed(1)} s → 1 order row, 2 notifications, record replayed\n`);
		expect((await notificationLedger()).map((row) => row.orderKey)).toEqual([orderKey]);
	});

	it('notifies an order that was saved but whose notification failed when its event is replayed, and records it so nothing is sent again', async () => {
		const alertsBefore = alerts().length;
		const eventsBefore = (await failedEvents()).length;
		// ManyChat delivers the next flow (manager 1's notification of the next order) and refuses the
		// one after (manager 2's). Sending is never retried after a 500 (ManyChat has no idempotency
		// key), so the execution fails after saving, at *Notify Manager 2*.
		expect((await axios.post(`${manychat().url}/__sim/faults`, { failNext: [{ pass: true }, { status: 500 }], pathPattern: '^/fb/sending/sendFlow' })).status).toBe(200);
		const order = await axios.post(`${shopify().url}/__sim/shops/a/orders`, { email: 'unannounced@example.com', lineItems: [{ title: 'Toner', sku: 'TON-1', quantity: 1, price: '12.00' }] });
		expect(order.status).toBe(201);
		const orderKey = `shopify:shop-sync-a.myshopify.com:${order.data.id}`;
		await until('order intake failed at Notify Manager 2 and the error handler recorded it', async () => (await failedEvents()).length > eventsBefore && alerts().length >= alertsBefore + 2, 120_000);

		const [record] = (await failedEvents()).slice(eventsBefore);
		expect(record).toMatchObject({ workflowId: FAILING, failedNode: 'Notify Manager 2', status: 'failed', triggerNode: 'Store A New Orders' });
		// Saved once; manager 1 was told, manager 2 was not; no notification recorded.
		expect(orderRows().filter((row) => row.order_key === orderKey)).toHaveLength(1);
		const beforeReplay = announcementsOf(order.data.name, 'shop-sync-a.myshopify.com').map((delivery) => String(delivery.subscriber_id));
		expect(beforeReplay).toEqual(['1000000001']);
		expect((await notificationLedger()).map((row) => row.orderKey)).not.toContain(orderKey);

		// The replay re-runs the execution from the node that failed: manager 2 is told, manager 1
		// is not told again (one node per manager), and the notification is recorded.
		const first = await replay();
		expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
		expect(first.stdout).toContain(`replayed execution ${record.executionId}`);
		expect(orderRows().filter((row) => row.order_key === orderKey)).toHaveLength(1);
		const told = announcementsOf(order.data.name, 'shop-sync-a.myshopify.com').map((delivery) => String(delivery.subscriber_id));
		expect(told.sort()).toEqual(['1000000001', '9007199254740993']);
		const managers = new Set(told);
		expect((await notificationLedger()).filter((row) => row.orderKey === orderKey)).toHaveLength(1);

		// The replay succeeded; a second replay has nothing to do and sends nothing.
		const [marked] = (await failedEvents()).slice(eventsBefore);
		expect(marked.status).toBe('replayed');
		expect(await n8n.execution(String(marked.replayExecutionId))).toMatchObject({ status: 'success', workflowId: FAILING });
		const second = await replay();
		expect(second.stdout).toContain('0 failed event(s) to replay');
		expect(announcementsOf(order.data.name, 'shop-sync-a.myshopify.com')).toHaveLength(2);
		process.stdout.write(`[e2e error-handler] saved but not notified → replay notified ${managers.size} managers, ledger row recorded\n`);
	});

	it('replays a failed customer change with the current data: never older names over newer ones, never a customer deleted since', async () => {
		const eventsBefore = (await failedEvents()).length;
		const failCegid = async (on: boolean) => expect((await axios.post(`${cegid().url}/__sim/faults`, { statusRates: on ? { 500: 1 } : {} })).status).toBe(200);
		const customerSyncFailures = async () => (await failedEvents()).slice(eventsBefore).filter((row) => row.workflowId === CUSTOMER_SYNC);
		const idle = async () => {
			await axios.get(`${shopify().url}/__sim/webhooks/idle`);
			return (await executionsOf(CUSTOMER_SYNC)).every((execution) => !['running', 'new', 'waiting'].includes(execution.status));
		};

		// Two customers are created in store A while CEGID refuses everything: both changes fail.
		await failCegid(true);
		const renamed = await axios.post(`${shopify().url}/__sim/shops/a/customers`, { first_name: 'Old', last_name: 'Name', email: 'renamed@example.com' });
		const gone = await axios.post(`${shopify().url}/__sim/shops/a/customers`, { first_name: 'Soon', last_name: 'Gone', email: 'gone@example.com' });
		await until('both customer changes failed and were recorded', async () => (await customerSyncFailures()).filter((row) => row.status === 'failed').length >= 2, 240_000);
		await until('customer sync is idle', idle, 120_000);
		await failCegid(false);

		// Meanwhile the first is renamed (synced everywhere) and the second deleted in its store.
		await axios.put(`${shopify().url}/__sim/shops/a/customers/${renamed.data.id}`, { first_name: 'New' });
		await axios.delete(`${shopify().url}/__sim/shops/a/customers/${gone.data.id}`);
		await until('the rename reached CEGID and stores B and C', async () => cegidByEmail('renamed@example.com')[0]?.firstName === 'New' && ['b', 'c'].every((key) => inStore(key as 'b' | 'c', 'renamed@example.com')[0]?.firstName === 'New') && (await idle()), 120_000);

		// n8n reports the failed sub-execution too; only the caller (the webhook's execution) is replayed.
		const rows = await customerSyncFailures();
		const caller = rows.filter((row) => row.status === 'failed');
		expect(caller.map((row) => ({ triggerNode: row.triggerNode, failedNode: row.failedNode }))).toEqual(Array(2).fill({ triggerNode: 'Store A Customer Changes', failedNode: 'Upsert in CEGID' }));
		expect(rows.filter((row) => row.status === 'sub_execution').map((row) => row.triggerNode)).toEqual(Array(2).fill('When Called to Sync a Change'));

		const result = await replay();
		expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
		await until('customer sync is idle after the replay', idle, 120_000);
		expect((await customerSyncFailures()).filter((row) => row.status === 'failed')).toEqual([]);

		// The replay re-read the customers: the newer name stays everywhere, the deleted one stays gone.
		expect(cegidByEmail('renamed@example.com')).toEqual([expect.objectContaining({ firstName: 'New', lastName: 'Name', closed: false })]);
		for (const key of ['a', 'b', 'c'] as const) expect(inStore(key, 'renamed@example.com')).toEqual([expect.objectContaining({ firstName: 'New' })]);
		expect(cegidByEmail('gone@example.com')).toEqual([]);
		for (const key of ['a', 'b', 'c'] as const) expect(inStore(key, 'gone@example.com')).toEqual([]);
	});

	it('deletes failed events older than the retention (30 days) every day, and keeps the recent ones', async () => {
		const kept = await failedEvents();
		expect(kept.length).toBeGreaterThan(0);
		const alertsBefore = alerts().length;
		// Rows as the handler writes them, one recorded 31 days ago, one 29 days ago (through n8n's
		// own data-table API: the public API key has no row-create scope, and the handler cannot
		// be made to fail in the past).
		const tables = await n8n.rest<{ data: { data: Array<{ id: string; name: string; projectId: string }> } }>('GET', '/rest/data-tables-global?take=100');
		const table = tables.data.data.data.find((entry) => entry.name === FAILED_EVENTS_TABLE)!;
		const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
		const row = (executionId: string, failedAt: string) => ({ executionId, workflowId: FAILING, failedNode: 'Save Order in CRM', triggerItems: JSON.stringify([{ email: `${executionId}@example.com` }]), failedAt, status: 'replayed' });
		const inserted = await n8n.rest('POST', `/rest/projects/${table.projectId}/data-tables/${table.id}/insert`, { data: [row('expired-31d', daysAgo(31)), row('recent-29d', daysAgo(29))], returnType: 'id' });
		expect(inserted.status).toBe(200);
		expect((await failedEvents()).map((entry) => entry.executionId)).toEqual(expect.arrayContaining(['expired-31d', 'recent-29d']));

		// The daily clean-up, run as its schedule would (a test cannot wait for 03:00).
		const cleanUp = await runFromTrigger(n8n, HANDLER, 'Every Day at 03:00');
		expect(cleanUp.status).toBe('success');
		const deleted = (await n8n.execution(cleanUp.id)).data.resultData.runData['Delete Expired Failed Events'][0].data?.main[0] ?? [];
		expect(deleted.map((item) => item.json.executionId)).toEqual(['expired-31d']);

		const after = await failedEvents();
		expect(after.map((entry) => entry.executionId)).not.toContain('expired-31d');
		expect(after.map((entry) => entry.executionId).sort()).toEqual([...kept.map((entry) => entry.executionId), 'recent-29d'].sort());
		// The clean-up alerts nobody and replays nothing.
		expect(alerts()).toHaveLength(alertsBefore);
		const second = await replay();
		expect(second.stdout).toContain('0 failed event(s) to replay');
	});
});
