/**
 * Workflow-level figures on the real n8n (the version scripts/lib/n8nHost.ts installs), one
 * instance for all of them:
 * - overhead: events per second through the shipped customer-sync and Shopify order-intake
 *   workflows against a bare Webhook → Set workflow on the same instance, in alternating rounds;
 * - memory: n8n's resident memory (VmRSS of the n8n process) before and after a soak of webhook
 *   events through the order-intake workflow, and V8's used heap from n8n's /metrics.
 *
 * Deliveries are signed and POSTed here (as Shopify would), at most WINDOW executions in flight, so
 * the rate is the workflow's, not the sender's. The simulators run in this process with their
 * throttles lifted (Shopify cost bucket, ManyChat per-second and per-subscriber limits): those
 * limits have their own figures, and here they would hide the workflow's cost. The simulator's own
 * webhooks are off, so the stores send no echo deliveries for the workflow's writes.
 */
import axios, { type AxiosInstance } from 'axios';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:http';

import { signShopifyBody } from '../nodes/Shopify/helpers/webhookSignature';
import { simulatorCredentials } from '../scripts/lib/devCredentials';
import { N8nInstance } from '../scripts/lib/n8nInstance';
import { ROOT } from '../scripts/lib/paths';
import { SimulatorServer } from '../simulators/frame/server';
import type { ManyChatState } from '../simulators/manychat/state';
import { simulatorDefinitions, simulatorUrls, type RunningSimulators } from '../simulators/registry';
import { liftCostLimits, type ShopifyState, type StoreState } from '../simulators/shopify/state';
import { ensureCrmSchema } from '../test/support/crmSchema';
import { setUpCrmTables } from '../scripts/lib/manualRun';

const BARE = 'benchBareWebhookSet';
const CUSTOMER_SYNC = 'shopSyncCustomerSync';
const ORDER_INTAKE = 'shopSyncOrderIntake';
/** Executions in flight at most: deliveries are sent while fewer than this are unfinished. */
const WINDOW = 16;
/** Executions whose node times are averaged for the "slowest nodes" note. */
export const NODE_TIME_SAMPLE = 10;
/** A round fails when no execution has finished for this long. */
const STALL_MS = 10 * 60_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Webhook (answers on receipt, like the Shopify trigger) → Set (two fields from the body). */
function bareWorkflow(): Record<string, unknown> {
	return {
		id: BARE,
		name: 'Benchmark: bare Webhook → Set',
		nodes: [
			{ id: 'b1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'bench-bare', parameters: { httpMethod: 'POST', path: 'bench-bare', responseMode: 'onReceived', options: {} } },
			{
				id: 'b2',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'a1', name: 'id', value: '={{ $json.body.id }}', type: 'string' },
							{ id: 'a2', name: 'email', value: '={{ $json.body.email }}', type: 'string' },
						],
					},
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: true,
	};
}

export interface BenchN8n {
	n8n: N8nInstance;
	simulators: RunningSimulators;
	shopify: SimulatorServer<ShopifyState>;
	/** Keep-alive client for deliveries. */
	http: AxiosInstance;
	stop(): Promise<void>;
}

/** Starts the simulators (throttles lifted) and n8n with the shipped workflows plus the bare one. */
export async function launchBenchN8n(log: (line: string) => void = () => {}): Promise<BenchN8n> {
	const userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-bench-n8n-'));
	const simulators: RunningSimulators = {};
	let trim: NodeJS.Timeout | undefined;
	const stopAll = async () => {
		clearInterval(trim);
		await n8n?.stop();
		await Promise.all(Object.values(simulators).map(async (server) => await server.stop()));
		rmSync(userFolder, { recursive: true, force: true });
	};
	let n8n: N8nInstance | undefined;
	try {
		for (const [name, definition] of Object.entries(simulatorDefinitions)) {
			const server = new SimulatorServer<unknown>(name === 'manychat' ? { ...definition, rateLimit: undefined } : definition);
			await server.start({ port: 0 });
			simulators[name] = server;
		}
		const shopify = simulators.shopify as unknown as SimulatorServer<ShopifyState>;
		const manychat = simulators.manychat as unknown as SimulatorServer<ManyChatState>;
		Object.assign(shopify.state.webhooks, { enabled: false, duplicateRate: 0, reorderWindowMs: 0 });
		liftCostLimits(shopify.state);
		// ManyChat caps sendFlow at 100 per subscriber per hour: lifted, like the other limits. The
		// delivery log is scanned on each sendFlow, so it is kept short too.
		manychat.state.flowsPerSubscriberPerHour = Number.MAX_SAFE_INTEGER;
		trim = setInterval(() => manychat.state.deliveries.splice(0, manychat.state.deliveries.length), 200);
		trim.unref();

		const urls = simulatorUrls(simulators);
		const credentials = simulatorCredentials(urls);
		await ensureCrmSchema(credentials);

		const bareDir = join(userFolder, 'bench-workflows');
		mkdirSync(bareDir, { recursive: true });
		writeFileSync(join(bareDir, `${BARE}.json`), JSON.stringify(bareWorkflow()));
		n8n = await N8nInstance.launch({
			userFolder: join(userFolder, 'n8n'),
			workflowDirs: [join(ROOT, 'workflows'), bareDir],
			publish: ['shopSyncCustomerSync', 'shopSyncOrderIntake', BARE],
			credentials,
			// Metrics for the heap figure; no pruning, so execution counts only grow during a run; the
			// readiness check reads n8n's log (run.ts silences n8n-core's logger in this process).
			env: { N8N_METRICS: 'true', EXECUTIONS_DATA_PRUNE: 'false', N8N_LOG_LEVEL: 'info' },
			log,
		});
		await setUpCrmTables(n8n);
		const instance = n8n;
		const http = axios.create({ baseURL: instance.baseUrl, httpAgent: new Agent({ keepAlive: true, maxSockets: WINDOW }), validateStatus: () => true, timeout: 30_000 });
		// n8n publishes workflows after it starts: wait until every trigger answers and subscribed.
		await until('the triggers are registered', async () => {
			const probes = await Promise.all(
				['bench-bare', 'shop-sync-orders-store-a/webhook', 'shop-sync-customers-store-a/webhook'].map(async (path) => (await http.post(`/webhook/${path}`, 'x', { headers: { 'content-type': 'text/plain' } })).status),
			);
			const subscribed = shopify.state.stores.every((store) => store.subscriptions.length === 4);
			return probes[0] === 200 && probes[1] === 401 && probes[2] === 401 && subscribed;
		});
		await sleep(1000); // the activation saves the triggers' static data last
		return { n8n: instance, simulators, shopify, http, stop: stopAll };
	} catch (error) {
		await stopAll();
		throw error;
	}
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 300_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleep(200);
	}
	throw new Error(`Timed out waiting until ${what}`);
}

/**
 * Executions a webhook started (mode "webhook") with one of these statuses. Only those: customer
 * sync runs each change in a sub-execution of the same workflow (mode "integrated"), which the
 * webhook's execution waits for, so counting both would count a change twice and end a round early.
 */
const webhookExecutions = (workflowId: string, status: string[], limit: number) =>
	`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId, status, mode: 'webhook' }))}&limit=${limit}`;

async function finishedCount(n8n: N8nInstance, workflowId: string, status: string[]): Promise<number> {
	const response = await n8n.rest<{ data: { count: number } }>('GET', webhookExecutions(workflowId, status, 1));
	if (response.status !== 200) throw new Error(`GET /rest/executions answered HTTP ${response.status}`);
	return response.data.data.count;
}

interface Delivery {
	path: string;
	body: string;
	headers: Record<string, string>;
}

function shopifyDelivery(store: StoreState, topic: string, trigger: string, payload: unknown, id: string): Delivery {
	const body = JSON.stringify(payload);
	return {
		path: `/webhook/${trigger}/webhook`,
		body,
		headers: {
			'content-type': 'application/json',
			'x-shopify-topic': topic,
			'x-shopify-hmac-sha256': signShopifyBody(body, store.clientSecret),
			'x-shopify-shop-domain': store.domain,
			'x-shopify-api-version': '2026-10',
			'x-shopify-webhook-id': id,
			'x-shopify-event-id': id,
			'x-shopify-triggered-at': new Date().toISOString(),
		},
	};
}

export interface RoundResult {
	events: number;
	seconds: number;
	perSecond: number;
	failed: number;
	/** Why each failed item failed: n8n's answer to a refused delivery, or a failed execution's error. */
	failures: string[];
	/** CPU time of the n8n main process during the round (all its threads: JS, expression isolates, SQLite), ms. */
	n8nCpuMs: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ), read once on first use, not when the suite loads. */
let clockTicks: number | undefined;

/** User + system CPU time of a process so far, ms. */
function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is field 14, stime 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

/**
 * POSTs one delivery and, like Shopify, tries again when it did not get through: a connection error
 * (e.g. a keep-alive socket n8n closed just as it was reused: "socket hang up") or a 5xx/429 answer
 * (n8n on SQLite under load answers 503 "Database is not ready!" while its database ping times out).
 * Shopify retries for hours; here a few seconds with backoff. Returns why it never got through, or
 * null: such a delivery counts as failed, and the round does not wait for it.
 */
async function deliver(bench: BenchN8n, delivery: Delivery, attempts = 5): Promise<string | null> {
	for (let attempt = 1; ; attempt++) {
		let refusal: string;
		try {
			const response = await bench.http.post(delivery.path, delivery.body, { headers: delivery.headers });
			if (response.status === 200) return null;
			refusal = `delivery answered HTTP ${response.status}: ${JSON.stringify(response.data).slice(0, 200)}`;
			if (response.status < 500 && response.status !== 429) return refusal;
		} catch (error) {
			refusal = `delivery failed: ${(error as Error).message}`;
		}
		if (attempt >= attempts) return `${refusal} (after ${attempts} attempts)`;
		await sleep(500 * 2 ** (attempt - 1));
	}
}

/** The error of each of the `count` newest failed executions of a workflow, for the report. */
async function executionFailures(n8n: N8nInstance, workflowId: string, count: number): Promise<string[]> {
	if (count <= 0) return [];
	const response = await n8n.rest<{ data: { results: Array<{ id: string }> } }>('GET', webhookExecutions(workflowId, ['error', 'crashed'], count));
	if (response.status !== 200) return [`${count} failed execution(s); listing them answered HTTP ${response.status}`];
	return await Promise.all(
		response.data.data.results.map(async ({ id }) => {
			const { status, data } = await n8n.execution(id);
			const { error, lastNodeExecuted } = data.resultData;
			return `execution ${id} ${status} at "${lastNodeExecuted ?? '?'}": ${error?.message ?? 'no error recorded'}`;
		}),
	);
}

/**
 * Sends the deliveries with at most WINDOW unfinished executions, and times until n8n has finished
 * one execution per delivery. `onProgress` is called with the finished count as it is polled.
 */
async function drive(bench: BenchN8n, workflowId: string, deliveries: Delivery[], onProgress?: (finished: number) => Promise<void>): Promise<RoundResult> {
	const statuses = ['success', 'error', 'crashed', 'canceled'];
	const finishedBefore = await finishedCount(bench.n8n, workflowId, statuses);
	const failedBefore = await finishedCount(bench.n8n, workflowId, ['error', 'crashed']);
	let finished = 0;
	let sent = 0;
	const refusals: string[] = [];
	const pid = bench.n8n.pid;
	if (!pid) throw new Error('n8n has no pid');
	const cpuBefore = cpuMs(pid);
	const started = performance.now();
	const sender = (async () => {
		const inFlight = new Set<Promise<void>>();
		while (sent < deliveries.length) {
			if (sent - finished >= WINDOW || inFlight.size >= WINDOW) {
				await Promise.race([sleep(20), ...inFlight]);
				continue;
			}
			const delivery = deliveries[sent++];
			const request = deliver(bench, delivery)
				.then((refusal) => {
					if (refusal) refusals.push(refusal);
				})
				.finally(() => inFlight.delete(request));
			inFlight.add(request);
		}
		await Promise.all(inFlight);
	})();
	// A round may take an hour (the 10,000-event soak at ManyChat's pace); it fails only when no
	// execution has finished for STALL_MS.
	let progressAt = performance.now();
	while (finished < deliveries.length - refusals.length) {
		await sleep(100);
		const now = (await finishedCount(bench.n8n, workflowId, statuses)) - finishedBefore;
		if (now > finished) progressAt = performance.now();
		finished = now;
		await onProgress?.(finished);
		if (performance.now() - progressAt > STALL_MS) throw new Error(`${workflowId}: no execution finished for ${STALL_MS / 60_000} min (${finished} of ${deliveries.length} finished)`);
	}
	await sender;
	const seconds = (performance.now() - started) / 1000;
	const n8nCpuMs = cpuMs(pid) - cpuBefore;
	const failedExecutions = (await finishedCount(bench.n8n, workflowId, ['error', 'crashed'])) - failedBefore;
	const failures = [...refusals, ...(await executionFailures(bench.n8n, workflowId, failedExecutions))];
	return { events: deliveries.length, seconds, perSecond: deliveries.length / seconds, failed: refusals.length + failedExecutions, failures, n8nCpuMs };
}

let sequence = 0;

function bareDeliveries(count: number): Delivery[] {
	return Array.from({ length: count }, () => {
		const n = ++sequence;
		return { path: '/webhook/bench-bare', body: JSON.stringify({ id: n, email: `bare${n}@example.com` }), headers: { 'content-type': 'application/json' } };
	});
}

/** New orders of store A as orders/create deliveries; the payload is the simulator's own order JSON. */
async function orderDeliveries(bench: BenchN8n, count: number): Promise<Delivery[]> {
	const store = bench.shopify.state.stores[0];
	const template = (
		await axios.post(`${bench.shopify.url}/__sim/shops/a/orders`, {
			email: 'buyer@example.com',
			lineItems: [
				{ title: 'Serum', sku: 'SER-30', quantity: 2, price: '24.50' },
				{ title: 'Cream', sku: 'CRM-50', quantity: 1, price: '10.00' },
			],
			shippingAddress: { firstName: 'Buyer', lastName: 'Bench', address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
			shippingLine: { title: 'Standard', code: 'STD', price: '4.90' },
		})
	).data as Record<string, unknown>;
	return Array.from({ length: count }, () => {
		const n = ++sequence;
		const id = 9_000_000_000 + n;
		const order = { ...template, id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#B${n}`, order_number: n, email: `buyer${n}@example.com` };
		return shopifyDelivery(store, 'orders/create', 'shop-sync-orders-store-a', order, `bench-order-${n}`);
	});
}

/** New customers of store A (created in the simulator first, since the workflow re-reads them). */
async function customerDeliveries(bench: BenchN8n, count: number): Promise<Delivery[]> {
	const store = bench.shopify.state.stores[0];
	const deliveries: Delivery[] = [];
	for (let index = 0; index < count; index++) {
		const n = ++sequence;
		const customer = (
			await axios.post(`${bench.shopify.url}/__sim/shops/a/customers`, {
				first_name: 'Bench',
				last_name: `Customer ${n}`,
				email: `bench${n}@example.com`,
				phone: `+3361${String(n).padStart(7, '0')}`,
				addresses: [{ address1: `${n} rue de la Paix`, city: 'Paris', zip: '75002', countryCode: 'FR' }],
			})
		).data as Record<string, unknown>;
		deliveries.push(shopifyDelivery(store, 'customers/create', 'shop-sync-customers-store-a', customer, `bench-customer-${n}`));
	}
	return deliveries;
}

export interface OverheadFigure {
	workflow: string;
	events: number;
	rounds: number;
	ours: RoundResult[];
	bare: RoundResult[];
	/** Medians, events per second. */
	oursPerSecond: number;
	barePerSecond: number;
	/** Medians over the rounds: CPU of the n8n main process per event (ms), and its busy share of one core. */
	oursCpuMsPerEvent: number;
	bareCpuMsPerEvent: number;
	oursCoreShare: number;
	bareCoreShare: number;
	failed: number;
	failures: string[];
	/** Mean node times over the last executions, slowest first (ms), to show where the time goes. */
	slowestNodes: Array<{ node: string; ms: number }>;
}

/**
 * Mean time of each node over the newest `sample` executions (only those it ran in), slowest first.
 * Several executions, because a customer change is two of them: the webhook's and the
 * sub-execution that does the work.
 */
async function nodeTimes(n8n: N8nInstance, workflowId: string, sample = NODE_TIME_SAMPLE): Promise<Array<{ node: string; ms: number }>> {
	const totals = new Map<string, { ms: number; runs: number }>();
	for (const { id } of (await n8n.executions(workflowId)).slice(0, sample)) {
		const { data } = await n8n.execution(id);
		for (const [node, runs] of Object.entries(data.resultData.runData ?? {})) {
			const total = totals.get(node) ?? { ms: 0, runs: 0 };
			total.ms += runs.reduce((sum, run) => sum + (run.executionTime ?? 0), 0);
			total.runs += 1;
			totals.set(node, total);
		}
	}
	return [...totals]
		.map(([node, { ms, runs }]) => ({ node, ms: Math.round(ms / runs) }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, 3);
}

/** Alternating rounds: bare, workflow, bare, workflow… so noise hits both alike. */
export async function workflowOverhead(bench: BenchN8n, events: number, rounds: number): Promise<OverheadFigure[]> {
	// Warm-up: every path compiled and every credential token fetched once.
	await drive(bench, BARE, bareDeliveries(10));
	await drive(bench, ORDER_INTAKE, await orderDeliveries(bench, 5));
	await drive(bench, CUSTOMER_SYNC, await customerDeliveries(bench, 5));
	const figures: OverheadFigure[] = [];
	const workloads = [
		{ workflow: 'customer-sync', workflowId: CUSTOMER_SYNC, make: async (count: number) => await customerDeliveries(bench, count) },
		{ workflow: 'order-intake-shopify', workflowId: ORDER_INTAKE, make: async (count: number) => await orderDeliveries(bench, count) },
	];
	for (const { workflow, workflowId, make } of workloads) {
		const ours: RoundResult[] = [];
		const bare: RoundResult[] = [];
		for (let round = 0; round < rounds; round++) {
			bare.push(await drive(bench, BARE, bareDeliveries(events)));
			ours.push(await drive(bench, workflowId, await make(events)));
		}
		figures.push({
			workflow,
			events,
			rounds,
			ours,
			bare,
			oursPerSecond: median(ours.map((result) => result.perSecond)),
			barePerSecond: median(bare.map((result) => result.perSecond)),
			oursCpuMsPerEvent: median(ours.map((result) => result.n8nCpuMs / result.events)),
			bareCpuMsPerEvent: median(bare.map((result) => result.n8nCpuMs / result.events)),
			oursCoreShare: median(ours.map((result) => result.n8nCpuMs / 1000 / result.seconds)),
			bareCoreShare: median(bare.map((result) => result.n8nCpuMs / 1000 / result.seconds)),
			failed: [...ours, ...bare].reduce((sum, result) => sum + result.failed, 0),
			failures: [...ours, ...bare].flatMap((result) => result.failures),
			slowestNodes: await nodeTimes(bench.n8n, workflowId),
		});
	}
	return figures;
}

function rssBytes(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('VmRSS:'));
	if (!line) throw new Error(`no VmRSS in /proc/${pid}/status`);
	return Number(line.split(/\s+/)[1]) * 1024;
}

/** V8 used heap of the n8n main process from its Prometheus endpoint (N8N_METRICS=true), or null. */
async function heapUsedBytes(bench: BenchN8n): Promise<number | null> {
	const response = await bench.http.get('/metrics', { responseType: 'text', transformResponse: (data: string) => data });
	if (response.status !== 200) return null;
	const match = /^n8n_nodejs_heap_size_used_bytes\s+([\d.e+]+)$/m.exec(String(response.data)) ?? /^nodejs_heap_size_used_bytes\s+([\d.e+]+)$/m.exec(String(response.data));
	return match ? Number(match[1]) : null;
}

export interface MemoryFigure {
	events: number;
	seconds: number;
	failed: number;
	failures: string[];
	/** Medians of the RSS samples taken during the first and the last tenth of the soak. */
	rssBeforeBytes: number;
	rssAfterBytes: number;
	rssSamples: { first: number; last: number };
	/** Single readings after the warm-up and after the soak, each after `settleMs` idle. */
	rssIdleBeforeBytes: number;
	rssIdleAfterBytes: number;
	rssPeakBytes: number;
	heapBeforeBytes: number | null;
	heapAfterBytes: number | null;
	/** Order-intake events per second during the soak. */
	perSecond: number;
}

/**
 * Soak: `events` new orders through order intake, after a warm-up of `warmup` orders (so loaded
 * code and caches do not count as growth). n8n's RSS swings by hundreds of MB within seconds (an
 * expression isolate per concurrent execution, memory returned in bursts), so one sample before
 * and one after say little: "before" and "after" are the medians of the samples taken while the
 * first and the last tenth of the events went through (same load, one sample per poll). The
 * readings after `settleMs` idle are kept too.
 */
export async function memorySoak(bench: BenchN8n, events: number, warmup = 100, settleMs = 10_000): Promise<MemoryFigure> {
	const pid = bench.n8n.pid;
	if (!pid) throw new Error('n8n has no pid');
	await drive(bench, ORDER_INTAKE, await orderDeliveries(bench, warmup));
	await sleep(settleMs);
	const rssIdleBefore = rssBytes(pid);
	const heapBefore = await heapUsedBytes(bench);
	let peak = rssIdleBefore;
	const tenth = Math.max(1, Math.floor(events / 10));
	const first: number[] = [];
	const last: number[] = [];
	const soak = await drive(bench, ORDER_INTAKE, await orderDeliveries(bench, events), async (finished) => {
		const rss = rssBytes(pid);
		peak = Math.max(peak, rss);
		if (finished < tenth) first.push(rss);
		else if (finished >= events - tenth) last.push(rss);
	});
	await sleep(settleMs);
	const rssIdleAfter = rssBytes(pid);
	return {
		events,
		seconds: soak.seconds,
		failed: soak.failed,
		failures: soak.failures,
		perSecond: soak.perSecond,
		rssBeforeBytes: median(first.length ? first : [rssIdleBefore]),
		rssAfterBytes: median(last.length ? last : [rssIdleAfter]),
		rssSamples: { first: first.length, last: last.length },
		rssIdleBeforeBytes: rssIdleBefore,
		rssIdleAfterBytes: rssIdleAfter,
		rssPeakBytes: peak,
		heapBeforeBytes: heapBefore,
		heapAfterBytes: await heapUsedBytes(bench),
	};
}
