/**
 * Orders per second through the order-intake workflow in n8n queue mode (main + 2 workers) next
 * to regular mode (the main process runs executions itself), in the same run on the same
 * workload: N orders/create webhooks from the Shopify simulator, at most `inFlight` deliveries
 * unanswered at a time, each ending as one ManyChat notification. Both modes use a fresh
 * PostgreSQL database. Figures only: nothing here asserts a timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nCluster } from '../scripts/lib/n8nCluster';
import { stopSimulators } from '../simulators/registry';
import { createOrders, ORDER_INTAKE, startOrderSimulators, summarize, until, waitForOrderTrigger } from '../test/queue/orderIntake';
import { setUpCrmTables } from '../scripts/lib/manualRun';

export interface QueueModeRun {
	mode: 'regular' | 'queue';
	orders: number;
	seconds: number;
	ordersPerSecond: number;
	lost: number;
	duplicated: number;
}

export interface QueueModeBenchmark {
	runs: QueueModeRun[];
	workflowId: string;
	workers: number;
	concurrency: number;
	inFlight: number;
	warmUp: number;
}

async function measure(mode: 'regular' | 'queue', orders: number, options: { workers: number; concurrency: number; inFlight: number; warmUp: number }): Promise<QueueModeRun> {
	const root = mkdtempSync(join(tmpdir(), `shop-sync-bench-${mode}-`));
	const sims = await startOrderSimulators();
	let cluster: N8nCluster | undefined;
	try {
		cluster = await N8nCluster.launch({
			rootFolder: root,
			mode,
			workers: options.workers,
			concurrency: options.concurrency,
			workflowDirs: [ORDER_INTAKE.workflowDir],
			publish: [ORDER_INTAKE.workflowId],
			credentials: sims.credentials,
			// run.ts silences n8n-core's logger for in-process benchmarks; these n8n processes must log
			// at info, which is how N8nInstance sees that they are ready.
			env: { N8N_LOG_LEVEL: 'info' },
			log: (line) => process.stderr.write(`[bench ${mode}] ${line}\n`),
		});
		await setUpCrmTables(cluster.main);
		await waitForOrderTrigger(cluster.main.baseUrl, sims);
		const notified = () => sims.manychat.state.deliveries.length / ORDER_INTAKE.managers;
		// Warm-up: first executions load code and fill caches in every process.
		await createOrders(sims, options.warmUp, options.inFlight, 'warm-up');
		await until('the warm-up orders are notified', () => notified() >= options.warmUp, 5 * 60_000, 50);

		const started = performance.now();
		const ids = await createOrders(sims, orders, options.inFlight, 'bench');
		await until(`${orders} orders are notified`, () => notified() >= options.warmUp + orders, 30 * 60_000, 20);
		const seconds = (performance.now() - started) / 1000;
		const summary = summarize(ids, sims);
		return { mode, orders, seconds, ordersPerSecond: orders / seconds, lost: summary.lost + summary.notNotified, duplicated: summary.storedTwice + summary.notifiedTwice };
	} finally {
		await cluster?.stop();
		await stopSimulators(sims.running);
		rmSync(root, { recursive: true, force: true });
	}
}

export async function queueModeBenchmark(orders: number): Promise<QueueModeBenchmark> {
	const options = { workers: 2, concurrency: 10, inFlight: 16, warmUp: Math.min(50, orders) };
	const runs: QueueModeRun[] = [];
	for (const mode of ['regular', 'queue'] as const) runs.push(await measure(mode, orders, options));
	return { runs, workflowId: ORDER_INTAKE.workflowId, ...options };
}
