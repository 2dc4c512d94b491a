/**
 * Order Store throughput: 1,000 orders saved in one execution of the real node (n8n-core's engine)
 * against the BigQuery simulator, counting the HTTP requests it sends; then, in the same run, the
 * same orders sent the naive way (one insertAll request per order, as n8n's own BigQuery node
 * does with a batch size of 1), through the same client, token and simulator.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { orderRow, checkOrder, contentHash, versionId } from '../nodes/OrderStore/helpers/orderRows';
import { serviceAccountFrom } from '../nodes/OrderStore/transport/account';
import { openStore } from '../nodes/OrderStore/transport/client';
import { bigQuerySimulator } from '../simulators/bigquery';
import type { BigQueryState } from '../simulators/bigquery/state';
import { simulatorServiceAccountJson } from '../simulators/bigquery/testServiceAccount';
import { SimulatorServer } from '../simulators/frame/server';
import { runWorkflow } from '../test/nodes/harness/runWorkflow';
import { BIGQUERY_CREDENTIAL, singleNodeWorkflow } from '../test/support/workflows';

const NODE = 'Order Store';

function order(n: number): IDataObject {
	const id = `BENCH-${n}`;
	return {
		source: 'email',
		service: 'swiftparcel',
		serviceName: 'SwiftParcel',
		sourceOrderId: id,
		orderNumber: id,
		customer: { name: `Customer ${n}`, phone: `+1415555${String(n).padStart(4, '0')}`, email: `customer${n}@example.com` },
		delivery: { address: `${n} Main St, Springfield, IL 62701`, addressParts: null, method: 'Courier' },
		paymentMethod: 'Card',
		items: [
			{ sku: 'MUG-BLU', title: 'Blue mug', quantity: 2, unitPrice: '12.50', total: '25.00' },
			{ sku: 'TEA-01', title: 'Green tea', quantity: 1, unitPrice: '7.90', total: '7.90' },
		],
		totals: { subtotal: '32.90', shipping: '5.00', total: '37.90' },
		currency: 'USD',
		status: 'new',
		createdAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
		ingestedAt: new Date().toISOString(),
		email: null,
		raw: { orderNumber: `#${id}` },
	};
}

export interface OrderStoreBenchResult {
	orders: number;
	nodeSeconds: number;
	nodeRequests: { api: number; token: number; byKind: Record<string, number> };
	stored: number;
	baselineSeconds: number;
	baselineRequests: number;
}

async function withSimulator<T>(task: (sim: SimulatorServer<BigQueryState>, credentials: ICredentialDataDecryptedObject) => Promise<T>): Promise<T> {
	const sim = new SimulatorServer<BigQueryState>(bigQuerySimulator);
	await sim.start();
	try {
		const credentials: ICredentialDataDecryptedObject = { keyFormat: 'json', serviceAccountSecret: JSON.stringify(simulatorServiceAccountJson()), projectId: '', dataset: 'crm', location: 'US', apiEndpoint: sim.url, tokenUrl: `${sim.url}/token` };
		const workflow = (parameters: INodeParameters) =>
			singleNodeWorkflow({ id: 'benchOrderStore', name: 'Order Store benchmark', nodeName: NODE, type: 'n8n-nodes-shop-sync.orderStore', parameters, credentials: BIGQUERY_CREDENTIAL });
		const setup = await runWorkflow(workflow({ resource: 'setup', operation: 'ensureSchema' }), { credentials: { orderStoreBigQueryApi: credentials } });
		if (setup.error(NODE)) throw setup.error(NODE);
		return await task(sim, credentials);
	} finally {
		await sim.stop();
	}
}

export async function orderStoreBenchmark(count: number): Promise<OrderStoreBenchResult> {
	const orders = Array.from({ length: count }, (_, n) => order(n));

	const node = await withSimulator(async (sim, credentials) => {
		const before = sim.requests.length;
		const started = performance.now();
		const result = await runWorkflow(
			singleNodeWorkflow({ id: 'benchOrderStore', name: 'Order Store benchmark', nodeName: NODE, type: 'n8n-nodes-shop-sync.orderStore', parameters: { resource: 'order', operation: 'save', input: 'normalized' }, credentials: BIGQUERY_CREDENTIAL }),
			{ credentials: { orderStoreBigQueryApi: credentials }, input: orders },
		);
		const seconds = (performance.now() - started) / 1000;
		if (result.error(NODE)) throw result.error(NODE);
		const created = result.output(NODE).filter((item) => item.json.outcome === 'created').length;
		if (created !== count) throw new Error(`expected ${count} created orders, got ${created}`);
		const requests = sim.requests.slice(before);
		const byKind: Record<string, number> = {};
		for (const request of requests) {
			const kind = request.path === '/token' ? 'token' : request.path.endsWith('/insertAll') ? 'insertAll' : request.path.endsWith('/queries') ? 'jobs.query' : `${request.method} ${request.path}`;
			byKind[kind] = (byKind[kind] ?? 0) + 1;
		}
		return { seconds, api: requests.filter((request) => request.path !== '/token').length, token: byKind.token ?? 0, byKind, stored: sim.state.tables['shop-sync-sim.crm.orders'].rows.length };
	});

	const baseline = await withSimulator(async (sim, credentials) => {
		const account = serviceAccountFrom(credentials);
		const store = await openStore(account, 'crm');
		const table = store.bq.dataset('crm').table('orders');
		const storedAt = new Date().toISOString();
		const rows = orders.map((input) => {
			const checked = checkOrder(input, storedAt).order!;
			const hash = contentHash(checked);
			return { insertId: versionId(checked.orderKey, hash), json: orderRow(checked, hash, storedAt) };
		});
		const before = sim.requests.length;
		const started = performance.now();
		for (const row of rows) await table.insert([row], { raw: true, skipInvalidRows: true, partialRetries: 0 });
		const seconds = (performance.now() - started) / 1000;
		if (sim.state.tables['shop-sync-sim.crm.orders'].rows.length !== count) throw new Error('baseline did not store every row');
		return { seconds, requests: sim.requests.length - before };
	});

	return { orders: count, nodeSeconds: node.seconds, nodeRequests: { api: node.api, token: node.token, byKind: node.byKind }, stored: node.stored, baselineSeconds: baseline.seconds, baselineRequests: baseline.requests };
}
