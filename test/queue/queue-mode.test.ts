/**
 * n8n queue mode with this package, on this machine: one main process and two `n8n worker`
 * processes (n8n 2.41.0), PostgreSQL as the database and Redis as the queue, with the same
 * variables as docker/docker-compose.yml. Shopify store A sends orders/create webhooks; the
 * shipped order-intake workflow runs on the workers, saves each order in BigQuery and notifies
 * the managers through ManyChat.
 *
 * Counted from outside n8n: Shopify's deliveries (simulator), n8n's executions (PostgreSQL),
 * the CRM table's rows (BigQuery simulator) and ManyChat's recorded sends, matched by order.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nCluster } from '../../scripts/lib/n8nCluster';
import { stopSimulators } from '../../simulators/registry';
import { runFromTrigger, setUpCrmTables } from '../../scripts/lib/manualRun';
import {
	createOrders,
	flowsByManager,
	notificationsByOrder,
	ORDER_INTAKE,
	orderDeliveries,
	rowsByOrder,
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

const RECONCILIATION = 'shopSyncReconcile';

const log = (line: string) => process.stdout.write(`[queue] ${line}\n`);

describe('n8n queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	let root: string;
	let sims: OrderSimulators;
	let cluster: N8nCluster;
	const workflowId = ORDER_INTAKE.workflowId;
	/** Executions of order intake before the load: its "Set Up CRM Tables (Once)" run. */
	let setupRuns = 0;
	let setupStarted: number[] = [];

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
			// The reconciliation is run from its trigger, not published (its schedule would fire mid-test);
			// the customer sync it calls is published as in production.
			publish: [ORDER_INTAKE.workflowId, 'shopSyncCustomerSync'],
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
		await setUpCrmTables(cluster.main);
		setupRuns = Object.values(await cluster.executionStatuses(workflowId)).reduce((sum, count) => sum + count, 0);
		setupStarted = [startedOn(0), startedOn(1)];
		await waitForOrderTrigger(cluster.main.baseUrl, sims);
	});

	afterAll(async () => {
		await cluster?.stop();
		if (sims) await stopSimulators(sims.running);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(root, { recursive: true, force: true });
	});

	it(`turns ${ORDERS} orders/create deliveries into exactly ${ORDERS} orders in BigQuery and ${ORDERS} notifications`, async () => {
		const started = Date.now();
		const orders = await createOrders(sims, ORDERS, IN_FLIGHT);
		await settle(setupRuns + ORDERS, 10 * 60_000);
		const seconds = (Date.now() - started) / 1000;

		const statuses = await cluster.executionStatuses(workflowId);
		const summary = summarize(orders, sims);
		const deliveries = orderDeliveries(sims);
		log(`Shopify deliveries: ${JSON.stringify(deliveries)} (failed attempts were answered after Shopify's 5 s limit and retried)`);
		log(
			`${ORDERS} orders in ${seconds.toFixed(1)} s (${(ORDERS / seconds).toFixed(1)} orders/s): executions ${JSON.stringify(statuses)}, ` +
				`${JSON.stringify(summary)}, ManyChat deliveries ${sims.manychat.state.deliveries.length}, ` +
				`worker-1 ran ${startedOn(0) - setupStarted[0]}, worker-2 ran ${startedOn(1) - setupStarted[1]} (concurrency ${CONCURRENCY} each)`,
		);

		expect(new Set(orders.map((order) => order.id)).size).toBe(ORDERS);
		// One delivery per order. Under overload n8n may answer after Shopify's 5-second limit:
		// Shopify then retries and the trigger answers "duplicate" (counted in failedAttempts).
		expect(deliveries.total).toBe(ORDERS);
		expect(statuses).toEqual({ success: setupRuns + ORDERS });
		expect({ stored: summary.stored, storedTwice: summary.storedTwice, lost: summary.lost }).toEqual({ stored: ORDERS, storedTwice: 0, lost: 0 });
		// Each manager got exactly one notification per order.
		expect([...flowsByManager(sims).values()]).toEqual(Array.from({ length: ORDER_INTAKE.managers }, () => ORDERS));
		expect(sims.manychat.state.deliveries).toHaveLength(ORDERS * ORDER_INTAKE.managers);
		// Each notification showed its own order's text: the field write and the flow send of one
		// order are not interleaved with another order's, also across the two workers.
		expect({ notifiedWithOwnText: summary.notified, notifiedTwice: summary.notifiedTwice }).toEqual({ notifiedWithOwnText: ORDERS, notifiedTwice: 0 });
		// The workers ran the executions, both of them; the main process ran none.
		const ranOn = [startedOn(0) - setupStarted[0], startedOn(1) - setupStarted[1]];
		expect(ranOn[0] + ranOn[1]).toBe(ORDERS);
		expect(ranOn[0]).toBeGreaterThan(0);
		expect(ranOn[1]).toBeGreaterThan(0);
	});

	it(`hands the queue to the other worker when one is SIGKILLed mid-run, and the reconciliation heals what n8n 2.41 loses: exactly ${ORDERS} orders, each announced`, async () => {
		const before = notificationsByOrder(sims).size;
		const flowsBefore = flowsByManager(sims);
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
		log(`SIGKILL worker-1 (pid ${victim.pid}) with ${inHand()} execution(s) in hand, after ${notificationsByOrder(sims).size - before} notified orders`);
		victim.killNow();
		const orders = await load;
		await settle(executionsBefore + ORDERS, 10 * 60_000);
		// Bull notices the lost lock at the next stalled check; n8n then settles the execution.
		await until('no execution of this run is still running', async () => (await thisRun()).every((row) => row.status !== 'running' && row.status !== 'new'), 60_000);

		// n8n 2.41 gives Bull maxStalledCount 0 (hard-coded in its ScalingService): a job whose
		// worker died is failed as stalled, not re-queued ("job stalled more than maxStalledCount"),
		// and n8n overwrites the execution's data, so its Retry has nothing to run.
		const mainLog = readFileSync(cluster.main.logFile, 'utf8');
		const stalledIds = [...new Set([...mainLog.matchAll(/job stalled more than maxStalledCount \(execution (\d+)\)/g)].map((match) => match[1]))];
		const failed = (await thisRun()).filter((row) => row.status !== 'success').map((row) => String(row.id));
		const successThisRun = (await thisRun()).filter((row) => row.status === 'success').length;
		const afterCrash = summarize(orders, sims);
		log(`stalled jobs reported by n8n: ${stalledIds.length} (executions ${stalledIds.join(', ')}); after the crash: ${JSON.stringify(afterCrash)}`);
		// Usually one or more; none when every execution in hand had already been saved as
		// successful (n8n then counts the stalled job as done).
		expect(stalledIds.length).toBeLessThanOrEqual(CONCURRENCY);
		expect(failed.sort()).toEqual([...stalledIds].sort());
		// Every job still in Redis was taken by the surviving worker: one successful execution per
		// order except the stalled ones.
		expect(successThisRun).toBe(ORDERS - stalledIds.length);
		expect(afterCrash.lost).toBeLessThanOrEqual(stalledIds.length);
		if (stalledIds.length > 0) {
			const sample = await cluster.main.execution(stalledIds[0]);
			expect(sample.data.resultData.error?.message).toMatch(/failed to be processed too many times/);
			expect(Object.keys(sample.data.resultData.runData ?? {})).toEqual([]);
		}

		// The product's answer: the scheduled reconciliation (run here from its trigger, as the
		// editor's button does) lists the orders Shopify holds and feeds them through order intake,
		// which saves what is missing and knows what it has.
		const reconciliation = await runFromTrigger(cluster.main, RECONCILIATION, 'Every 15 Minutes');
		await settle(executionsBefore + ORDERS, 5 * 60_000);
		const healed = summarize(orders, sims);
		log(
			`reconciliation ${reconciliation.id} ${reconciliation.status}: ${JSON.stringify(healed)}; ` +
				`the surviving worker ran ${startedOn(1) - survivorBefore} of this run's executions`,
		);
		const twice = [...rowsByOrder(sims).entries()].filter(([, rows]) => rows !== 1);
		if (twice.length > 0) {
			const table = sims.bigquery.state.tables[Object.keys(sims.bigquery.state.tables).find((name) => name.endsWith('.crm.orders'))!].rows;
			const versions = table.filter((row) => String(row.order_key).endsWith(`:${twice[0][0]}`));
			const differing = Object.keys(versions[0]).filter((column) => JSON.stringify(versions[0][column]) !== JSON.stringify(versions[1]?.[column]));
			log(`orders stored more than once: ${twice.length} (${twice.slice(0, 5).map(([id]) => orders.find((order) => order.id === id)?.name ?? `first run ${id}`).join(", ")}); order ${twice[0][0]} differs in ${differing.map((column) => `${column}: ${JSON.stringify(versions[0][column])} → ${JSON.stringify(versions[1]?.[column])}`).join('; ')}`);
		}
		expect(reconciliation.status).toBe('success');
		expect(victim.hasExited).toBe(true);
		expect(survivor.hasExited).toBe(false);
		expect(startedOn(1) - survivorBefore).toBeGreaterThan(ORDERS / 2);
		expect(orderDeliveries(sims).total).toBe(2 * ORDERS);
		// Exactly one row per order: none lost, none stored twice (the first run's orders too).
		expect({ stored: healed.stored, storedTwice: healed.storedTwice, lost: healed.lost }).toEqual({ stored: ORDERS, storedTwice: 0, lost: 0 });
		expect(rowsByOrder(sims).size).toBe(2 * ORDERS);
		expect(twice).toEqual([]);
		// A notification goes out when an order is first saved, and is recorded in the notification
		// ledger. An execution killed between its save and that record leaves the order saved and
		// unrecorded: the reconciliation finds it unchanged but never notified and notifies it. So every
		// order is announced; one whose execution died halfway through notifying (one manager told) is
		// announced again, to both: at most one extra per stalled execution.
		expect(healed.notNotified).toBe(0);
		expect(healed.notifiedTwice).toBeLessThanOrEqual(stalledIds.length);
		const alerts = Object.values(await cluster.executionStatuses('shopSyncErrorHandler')).reduce((sum, count) => sum + count, 0);
		log(`error-handler alerts: ${alerts}`);
		for (const [manager, flows] of flowsByManager(sims)) {
			const thisRunFlows = flows - (flowsBefore.get(manager) ?? 0);
			const bounds = { atLeast: ORDERS, atMost: ORDERS + stalledIds.length };
			expect({ manager, thisRunFlows, within: thisRunFlows >= bounds.atLeast && thisRunFlows <= bounds.atMost }).toEqual({ manager, thisRunFlows, within: true });
		}
	});
});
