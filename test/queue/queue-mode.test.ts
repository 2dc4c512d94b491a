/**
 * n8n queue mode with this package, on this machine: one main process and two `n8n worker`
 * processes (n8n 2.41.0), PostgreSQL as the database and Redis as the queue, with the same
 * variables as docker/docker-compose.yml. Shopify store A sends orders/create webhooks; the
 * order-intake workflow runs on the workers and notifies through ManyChat.
 *
 * Counted from outside n8n: Shopify's deliveries (simulator), n8n's executions (PostgreSQL),
 * ManyChat's recorded sends (simulator), matched by order ID.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nCluster } from '../../scripts/lib/n8nCluster';
import { stopSimulators } from '../../simulators/registry';
import {
	createOrders,
	notificationsByOrder,
	ORDER_INTAKE,
	orderDeliveries,
	startOrderSimulators,
	summarize,
	until,
	waitForOrderTrigger,
	type OrderSimulators,
} from './orderIntake';

jest.setTimeout(20 * 60_000);

const ORDERS = Number(process.env.QUEUE_TEST_ORDERS ?? 1000);
const CONCURRENCY = 5;
/** Short Bull lock and stalled-check times, so a killed worker's jobs are detected within seconds. */
const LOCK_DURATION_MS = 5000;
const STALLED_INTERVAL_MS = 2000;

const log = (line: string) => process.stdout.write(`[queue] ${line}\n`);

describe('n8n queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	let root: string;
	let sims: OrderSimulators;
	let cluster: N8nCluster;
	const workflowId = ORDER_INTAKE.workflowId;

	/** Waits until every order has an execution that left the queue and nothing is queued. */
	const settle = async (expectedExecutions: number, timeoutMs: number) => {
		await until(
			`${expectedExecutions} executions of ${workflowId} have finished and the queue is empty`,
			async () => {
				const statuses = await cluster.executionStatuses(workflowId);
				const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
				const counts = await cluster.queueCounts();
				return total >= expectedExecutions && counts.waiting === 0 && counts.active === 0 && counts.delayed === 0;
			},
			timeoutMs,
			500,
		);
	};

	const workerLog = (index: number) => readFileSync(cluster.workers[index].logFile, 'utf8');
	const startedOn = (index: number) => (workerLog(index).match(/Worker started execution/g) ?? []).length;

	beforeAll(async () => {
		root = mkdtempSync(join(tmpdir(), 'shop-sync-queue-'));
		sims = await startOrderSimulators();
		cluster = await N8nCluster.launch({
			rootFolder: root,
			workers: 2,
			concurrency: CONCURRENCY,
			workflowDirs: [ORDER_INTAKE.workflowDir],
			credentials: sims.credentials,
			env: {
				QUEUE_WORKER_LOCK_DURATION: String(LOCK_DURATION_MS),
				QUEUE_WORKER_LOCK_RENEW_TIME: String(LOCK_DURATION_MS / 5),
				QUEUE_WORKER_STALLED_INTERVAL: String(STALLED_INTERVAL_MS),
				// Workers save after each node, so a killed execution shows which nodes had run.
				EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true',
			},
			log,
		});
		await waitForOrderTrigger(cluster.main.baseUrl, sims);
	});

	afterAll(async () => {
		await cluster?.stop();
		if (sims) await stopSimulators(sims.running);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(root, { recursive: true, force: true });
	});

	it(`turns ${ORDERS} orders/create deliveries into exactly ${ORDERS} orders and ${ORDERS} notifications`, async () => {
		const started = Date.now();
		const orderIds = await createOrders(sims, ORDERS);
		await settle(ORDERS, 10 * 60_000);
		const seconds = (Date.now() - started) / 1000;

		const statuses = await cluster.executionStatuses(workflowId);
		const summary = summarize(orderIds, sims);
		const deliveries = orderDeliveries(sims);
		log(
			`${ORDERS} orders in ${seconds.toFixed(1)} s (${(ORDERS / seconds).toFixed(1)} orders/s): executions ${JSON.stringify(statuses)}, ` +
				`notified ${summary.notifiedOrders}, lost ${summary.lost}, duplicated ${summary.duplicated}, ` +
				`worker-1 ran ${startedOn(0)}, worker-2 ran ${startedOn(1)} (concurrency ${CONCURRENCY} each)`,
		);

		expect(new Set(orderIds).size).toBe(ORDERS);
		expect(deliveries).toMatchObject({ total: ORDERS, accepted: ORDERS });
		expect(statuses).toEqual({ success: ORDERS });
		expect(summary).toEqual({ orders: ORDERS, notifiedOrders: ORDERS, duplicated: 0, lost: 0 });
		expect(sims.manychat.state.deliveries).toHaveLength(ORDERS);
		// The workers ran the executions, both of them; the main process ran none.
		expect(startedOn(0) + startedOn(1)).toBe(ORDERS);
		expect(startedOn(0)).toBeGreaterThan(0);
		expect(startedOn(1)).toBeGreaterThan(0);
	});

	it(`loses and duplicates no order when a worker is SIGKILLed mid-run (${ORDERS} orders)`, async () => {
		const before = notificationsByOrder(sims).size;
		const executionsBefore = Object.values(await cluster.executionStatuses(workflowId)).reduce((sum, count) => sum + count, 0);
		const [victim, survivor] = cluster.workers;
		const survivorBefore = startedOn(1);

		const load = createOrders(sims, ORDERS, 16, 'crash');
		await until('a third of the orders are notified', () => notificationsByOrder(sims).size - before >= ORDERS / 3, 5 * 60_000, 50);
		log(`SIGKILL worker-1 (pid ${victim.pid}) after ${notificationsByOrder(sims).size - before} notifications`);
		victim.killNow();
		const orderIds = await load;
		await settle(executionsBefore + ORDERS, 10 * 60_000);

		// n8n 2.41 gives Bull maxStalledCount 0: a job whose worker died is failed as stalled, not
		// re-queued. Those are exactly the executions the killed worker had in hand.
		await until('the killed worker\'s jobs are detected as stalled', async () => (await cluster.failedJobs()).length > 0, 30_000);
		const stalled = await cluster.failedJobs();
		log(`stalled jobs: ${stalled.length} (${[...new Set(stalled.map((job) => job.reason))].join('; ')})`);
		expect(stalled.length).toBeGreaterThan(0);
		expect(stalled.length).toBeLessThanOrEqual(CONCURRENCY);
		expect(stalled.every((job) => /stalled/.test(job.reason))).toBe(true);

		// Recovery (README, "A worker died"): retry each stalled execution that has not run the
		// notification yet; the surviving worker takes it over.
		let retried = 0;
		let alreadyNotified = 0;
		for (const job of stalled) {
			const execution = await cluster.main.execution(job.executionId);
			const runData = execution.data.resultData.runData ?? {};
			if ((runData[ORDER_INTAKE.notificationNode] ?? []).length > 0) {
				alreadyNotified++;
				continue;
			}
			const response = await cluster.main.rest('POST', `/rest/executions/${job.executionId}/retry`, { loadWorkflow: false });
			expect(response.status).toBe(200);
			retried++;
		}
		log(`retried ${retried} stalled execution(s) on the surviving worker; ${alreadyNotified} had already notified before the kill`);
		await settle(executionsBefore + ORDERS + retried, 5 * 60_000);

		const summary = summarize(orderIds, sims);
		const statuses = await cluster.executionStatuses(workflowId);
		log(
			`after the crash: notified ${summary.notifiedOrders}/${ORDERS}, lost ${summary.lost}, duplicated ${summary.duplicated}; ` +
				`executions ${JSON.stringify(statuses)}; surviving worker ran ${startedOn(1) - survivorBefore} of this run's executions`,
		);
		expect(victim.hasExited).toBe(true);
		expect(survivor.hasExited).toBe(false);
		expect(orderDeliveries(sims).accepted).toBe(2 * ORDERS);
		expect(summary).toEqual({ orders: ORDERS, notifiedOrders: ORDERS, duplicated: 0, lost: 0 });
		// Every order counted once in n8n: one successful execution each, apart from executions
		// killed after their notification (they stay "running" / "crashed" in the list).
		expect((statuses.success ?? 0) - ORDERS).toBe(ORDERS - alreadyNotified);
	});
});
