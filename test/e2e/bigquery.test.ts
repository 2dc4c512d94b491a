/**
 * The Order Store in the real n8n 2.41.0, installed from the tarball with @google-cloud/bigquery:
 * published workflows set up the schema, save orders posted to a webhook (a re-delivery changes
 * nothing, a status change is a new version) and read them back through the latest-orders view,
 * all against the BigQuery simulator with the dev credential; the editor's credential test works.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { simulatorServiceAccountJson } from '../../simulators/bigquery/testServiceAccount';
import type { SimulatorServer } from '../../simulators/frame/server';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';

jest.setTimeout(20 * 60_000);

const order = (id: string, status = 'new') => ({
	source: 'form',
	service: 'form',
	serviceName: 'Shop order form',
	sourceOrderId: id,
	orderNumber: id,
	customer: { name: 'Ana Lima', phone: '+351912345678', email: 'ana.lima@example.pt' },
	delivery: { address: 'Rua Augusta 1, 1100-048 Lisboa, PT', addressParts: null, method: 'CTT Expresso' },
	paymentMethod: 'MB Way',
	items: [{ sku: 'CHA-01', title: 'Chá verde', quantity: 3, unitPrice: '4.30', total: '12.90' }],
	totals: { subtotal: '12.90', shipping: '3.50', total: '16.40' },
	currency: 'EUR',
	status,
	createdAt: '2026-11-22T09:00:00.000Z',
	raw: { form: id },
});

describe('Order Store (BigQuery) in n8n 2.41.0', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance | undefined;
	let bigquery: SimulatorServer<BigQueryState>;

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-bigquery-'));
		simulators = await startSimulators({ names: ['bigquery'] });
		bigquery = simulators.bigquery as SimulatorServer<BigQueryState>;
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(__dirname, 'bigquery-workflows')],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			log: (line) => process.stdout.write(`[e2e] ${line}\n`),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		rmSync(userFolder, { recursive: true, force: true });
	});

	/**
	 * Posts to a published workflow's webhook. A 404 means the webhook is not registered yet (under
	 * load n8n can finish activating workflows after the editor is up) and nothing ran: try again.
	 */
	const post = async (path: string, body: object) => {
		const deadline = Date.now() + 60_000;
		let response = await axios.post(`${n8n!.baseUrl}/webhook/${path}`, body, { validateStatus: () => true });
		while (response.status === 404 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			response = await axios.post(`${n8n!.baseUrl}/webhook/${path}`, body, { validateStatus: () => true });
		}
		expect(response.status).toBe(200);
		return response.data as Array<Record<string, unknown>> | Record<string, unknown>;
	};

	it('ensures the schema from a published workflow, twice', async () => {
		expect(await post('e2e-bq-setup', {})).toMatchObject({ datasetOutcome: 'created', tables: { orders: 'created', client_touches: 'created' }, view: 'created' });
		expect(await post('e2e-bq-setup', {})).toMatchObject({ datasetOutcome: 'exists', view: 'exists' });
	});

	it('saves orders posted to a webhook; the same orders again change nothing; a status change is a new version', async () => {
		const first = (await post('e2e-bq-save', { orders: [order('F-1'), order('F-2')] })) as Array<Record<string, unknown>>;
		expect(first.map((item) => [item.orderKey, item.outcome])).toEqual([
			['form:form:F-1', 'created'],
			['form:form:F-2', 'created'],
		]);
		const again = (await post('e2e-bq-save', { orders: [order('F-1'), order('F-2', 'paid')] })) as Array<Record<string, unknown>>;
		expect(again.map((item) => item.outcome)).toEqual(['unchanged', 'updated']);
		expect(bigquery.state.tables['shop-sync-sim.crm.orders'].rows).toHaveLength(3);
		const inserts = bigquery.requests.filter((request) => request.path.endsWith('/insertAll'));
		expect(inserts.map((request) => (request.body as { rows: unknown[] }).rows.length)).toEqual([2, 1]);
		expect(bigquery.requests.every((request) => request.path === '/token' || request.headers.authorization === 'Bearer ***')).toBe(true);
	});

	it('reads the orders back through the latest-orders view: one row per order, its latest version', async () => {
		const found = (await post('e2e-bq-read', { email: 'ANA.LIMA@example.pt' })) as Array<Record<string, unknown>>;
		expect(found.map((item) => [item.orderKey, item.status, (item.version as { count: number }).count])).toEqual([
			['form:form:F-1', 'new', 1],
			['form:form:F-2', 'paid', 2],
		]);
		expect(found[0]).toMatchObject({ totals: { subtotal: '12.90', shipping: '3.50', total: '16.40' }, items: [{ sku: 'CHA-01', title: 'Chá verde', quantity: 3, unitPrice: '4.30', total: '12.90' }], currency: 'EUR' });
		const viewQuery = bigquery.requests.filter((request) => request.path.endsWith('/queries')).at(-1)!.body as { query: string };
		expect(viewQuery.query).toContain('`shop-sync-sim.crm.orders_latest`');
	});

	it("tests the credential the way the editor's Test button does", async () => {
		const test = async (data: Record<string, unknown>) =>
			await n8n!.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', { credentials: { id: '', name: 'BigQuery check', type: 'orderStoreBigQueryApi', data } });
		const good = { keyFormat: 'json', serviceAccountSecret: JSON.stringify(simulatorServiceAccountJson()), projectId: '', dataset: 'crm', location: 'US', apiEndpoint: bigquery.url, tokenUrl: `${bigquery.url}/token` };
		expect((await test(good)).data.data).toEqual({ status: 'OK', message: 'Connection successful' });
		const wrongProject = await test({ ...good, projectId: 'not-ours' });
		expect(wrongProject.data.data.status).toBe('Error');
		expect(wrongProject.data.data.message).toMatch(/Access Denied: Project not-ours/);
		expect(wrongProject.data.data.message).not.toContain('PRIVATE KEY');
	});
});
