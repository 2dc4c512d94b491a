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
	shopifyIdle,
	startOrderSimulators,
	summarize,
	until,
	waitForOrderTrigger,
	type OrderSimulators,
} from './orderIntake';

jest.setTimeout(20 * 60_000);

const ORDERS = Number(process.env.QUEUE_TEST_ORDERS ?? 1000);
const CONCURRENCY = 5;
/** Shopify deliveries unanswered at a time (the load is closed-loop, see createOrders). */
const IN_FLIGHT = 8;
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
		await shopifyIdle(sims);
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
		const orderIds = await createOrders(sims, ORDERS, IN_FLIGHT);
		await settle(ORDERS, 10 * 60_000);
		const seconds = (Date.now() - started) / 1000;

		const statuses = await cluster.executionStatuses(workflowId);
		const summary = summarize(orderIds, sims);
		const deliveries = orderDeliveries(sims);
		log(`Shopify deliveries: ${JSON.stringify(deliveries)} (failed attempts were answered after Shopify's 5 s limit and retried)`);
		log(
			`${ORDERS} orders in ${seconds.toFixed(1)} s (${(ORDERS / seconds).toFixed(1)} orders/s): executions ${JSON.stringify(statuses)}, ` +
				`notified ${summary.notifiedOrders}, lost ${summary.lost}, duplicated ${summary.duplicated}, ` +
				`worker-1 ran ${startedOn(0)}, worker-2 ran ${startedOn(1)} (concurrency ${CONCURRENCY} each)`,
		);

		expect(new Set(orderIds).size).toBe(ORDERS);
		// One delivery per order. Under overload n8n may answer after Shopify's 5-second limit:
		// Shopify then retries and the trigger answers "duplicate" (counted in failedAttempts).
		expect(deliveries.total).toBe(ORDERS);
		expect(statuses).toEqual({ success: ORDERS });
		expect(summary).toEqual({ orders: ORDERS, notifiedOrders: ORDERS, duplicated: 0, lost: 0 });
		expect(sims.manychat.state.deliveries).toHaveLength(ORDERS);
		// The workers ran the executions, both of them; the main process ran none.
		expect(startedOn(0) + startedOn(1)).toBe(ORDERS);
		expect(startedOn(0)).toBeGreaterThan(0);
		expect(startedOn(1)).toBeGreaterThan(0);
	});

	it(`hands the queue to the other worker when one is SIGKILLed mid-run, duplicates nothing, and counts what n8n 2.41 loses (${ORDERS} orders)`, async () => {
		const before = notificationsByOrder(sims).size;
		const [{ max: lastIdBefore }] = await cluster.sql<{ max: string }>('SELECT coalesce(max(id), 0) AS max FROM execution_entity');
		const executionsBefore = Object.values(await cluster.executionStatuses(workflowId)).reduce((sum, count) => sum + count, 0);
		const [victim, survivor] = cluster.workers;
		const survivorBefore = startedOn(1);
		const thisRun = async () =>
			await cluster.sql<{ id: string; status: string }>('SELECT id, status FROM execution_entity WHERE "workflowId" = $1 AND id > $2 ORDER BY id', [
				workflowId,
				lastIdBefore,
			]);

		const load = createOrders(sims, ORDERS, IN_FLIGHT, 'crash');
		await until('a third of the orders are notified', () => notificationsByOrder(sims).size - before >= ORDERS / 3, 5 * 60_000, 50);
		// Mid-run means mid-execution: kill while worker-1 has executions in hand (its log says so).
		const inHand = () => startedOn(0) - (workerLog(0).match(/Worker finished execution/g) ?? []).length;
		await until('worker-1 is running executions', () => inHand() > 0, 60_000, 5);
		log(`SIGKILL worker-1 (pid ${victim.pid}) with ${inHand()} execution(s) in hand, after ${notificationsByOrder(sims).size - before} notifications`);
		victim.killNow();
		const orderIds = await load;
		await settle(executionsBefore + ORDERS, 10 * 60_000);
		// Bull notices the lost lock at the next stalled check; n8n then settles the execution.
		await until('no execution of this run is still running', async () => (await thisRun()).every((row) => row.status !== 'running' && row.status !== 'new'), 60_000);

		// n8n 2.41 gives Bull maxStalledCount 0: a job whose worker died is failed as stalled and
		// not re-queued ("job stalled more than maxStalledCount"); n8n marks its execution failed.
		// (Issue 10 asks for these to be taken over; n8n 2.41 cannot: see docker/README.md.)
		const mainLog = readFileSync(cluster.main.logFile, 'utf8');
		const stalledIds = [...new Set([...mainLog.matchAll(/job stalled more than maxStalledCount \(execution (\d+)\)/g)].map((match) => match[1]))];
		const failed = (await thisRun()).filter((row) => row.status !== 'success').map((row) => ({ id: String(row.id), status: row.status }));
		log(`stalled jobs reported by n8n: ${stalledIds.length} (executions ${stalledIds.join(', ')}); executions not successful: ${failed.map((row) => `${row.id} ${row.status}`).join(', ')}`);
		// Usually one or more; none when every execution in hand had already been saved as
		// successful (n8n then counts the stalled job as done).
		expect(stalledIds.length).toBeLessThanOrEqual(CONCURRENCY);
		expect(failed.map((row) => row.id).sort()).toEqual([...stalledIds].sort());

		// What n8n 2.41 leaves of a stalled execution: its error, no run data, an empty node stack
		// (the trigger's order is gone), so its Retry runs nothing. If this changes, a newer n8n
		// can recover these executions: update "A worker died" in docker/README.md.
		if (stalledIds.length > 0) {
			const sample = await cluster.main.execution(stalledIds[0]);
			expect(sample.data.resultData.error?.message).toMatch(/failed to be processed too many times/);
			expect(Object.keys(sample.data.resultData.runData ?? {})).toEqual([]);
			expect(sample.data.executionData?.nodeExecutionStack ?? []).toEqual([]);
			const retry = await cluster.main.rest<{ data: { id: string; status: string } }>('POST', `/rest/executions/${stalledIds[0]}/retry`, { loadWorkflow: false });
			expect(retry.status).toBe(200);
			expect(retry.data.data.status).toBe('error');
			await settle(executionsBefore + ORDERS + 1, 60_000);
		}

		const summary = summarize(orderIds, sims);
		const successThisRun = (await thisRun()).filter((row) => row.status === 'success').length;
		log(
			`after the crash: ${ORDERS} orders, ${successThisRun} successful executions, ${stalledIds.length} stalled; notified ${summary.notifiedOrders}, ` +
				`lost ${summary.lost} (stalled executions killed before their notification), duplicated ${summary.duplicated}; ` +
				`the surviving worker ran ${startedOn(1) - survivorBefore} of this run's executions`,
		);
		expect(victim.hasExited).toBe(true);
		expect(survivor.hasExited).toBe(false);
		expect(startedOn(1) - survivorBefore).toBeGreaterThan(ORDERS / 2);
		expect(orderDeliveries(sims).total).toBe(2 * ORDERS);
		// Every job that was still in Redis was taken by the surviving worker: exactly one successful
		// execution per order except the stalled ones, and no order notified twice.
		expect(successThisRun).toBe(ORDERS - stalledIds.length);
		expect(summary.duplicated).toBe(0);
		// Orders without a notification are exactly the stalled executions that had not sent it yet:
		// at most the killed worker's concurrency (n8n 2.41 does not re-run them; see README).
		expect(summary.notifiedOrders).toBeGreaterThanOrEqual(successThisRun);
		expect(summary.lost).toBe(ORDERS - summary.notifiedOrders);
		expect(summary.lost).toBeLessThanOrEqual(stalledIds.length);
	});
});
