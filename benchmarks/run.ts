/**
 * `npm run bench`: prints every benchmark figure. Benchmarks never fail on a timing; they print
 * the figure next to its reference so a person can judge it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps instance files under N8N_USER_FOLDER; keep them out of ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'shop-sync-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

async function main(): Promise<void> {
	const only = process.argv[2];
	if (!only || only === 'email') {
		const { deliveryEmailParserBenchmark } = await import('./deliveryEmailParser');
		const result = await deliveryEmailParserBenchmark();
		const perSecond = (ms: number) => ((result.emails / ms) * 1000).toFixed(0);
		console.log(
			[
				'Delivery Email Parser (fixture corpus ×10, median of 7 alternating rounds)',
				`  bare mailparser.simpleParser: ${result.bareMs.toFixed(0)} ms for ${result.emails} emails (${perSecond(result.bareMs)} emails/s)`,
				`  the node in n8n's engine:     ${result.nodeMs.toFixed(0)} ms (${perSecond(result.nodeMs)} emails/s)`,
				`  ratio node/bare ${(result.nodeMs / result.bareMs).toFixed(2)} (target ≤ 1.50)`,
			].join('\n'),
		);
	}
	if (!only || only === 'shopify') {
		const quick = process.argv.includes('--quick');
		const { shopifyThrottling } = await import('./shopifyThrottling');
		const result = await shopifyThrottling(quick ? 150 : 2000);
		console.log(
			[
				`Shopify throttling (${result.customers} customer upserts, one store, standard plan: 2,000-point bucket, ${result.restoreRate} points/s)`,
				`  failed items ${result.failed}, throttled answers ${result.throttledAnswers}, requests ${result.requests}`,
				`  cost per upsert ${result.costPerUpsert}, total ${result.customers * result.costPerUpsert} points`,
				`  wall ${result.seconds.toFixed(1)} s vs minimum ${result.minimumSeconds.toFixed(1)} s (total cost ÷ restore rate)`,
				`  ratio wall/minimum ${(result.seconds / result.minimumSeconds).toFixed(3)} (target ≤ 1.15)`,
			].join('\n'),
		);
	}
	if (!only || only === 'bigquery') {
		const { orderStoreBenchmark } = await import('./bigqueryOrderStore');
		const quick = process.argv.includes('--quick');
		const result = await orderStoreBenchmark(quick ? 200 : 1000);
		const rate = (seconds: number) => (result.orders / seconds).toFixed(0);
		console.log(
			[
				`Order Store (BigQuery simulator): save ${result.orders} orders in one execution${quick ? ' (--quick)' : ''}`,
				`  HTTP requests to BigQuery: ${result.nodeRequests.api} (${Object.entries(result.nodeRequests.byKind).filter(([kind]) => kind !== 'token').map(([kind, n]) => `${kind} ${n}`).join(', ')}; target ≤ 3), plus ${result.nodeRequests.token} token requests (the access token is cached from the Ensure Schema run before it)`,
				`  the node:  ${result.nodeSeconds.toFixed(2)} s, ${rate(result.nodeSeconds)} rows/s, ${result.stored} rows stored`,
				`  baseline, one insertAll per order (same client and simulator): ${result.baselineRequests} requests, ${result.baselineSeconds.toFixed(2)} s, ${rate(result.baselineSeconds)} rows/s`,
				`  speed-up ${(result.baselineSeconds / result.nodeSeconds).toFixed(1)}×`,
			].join('\n'),
		);
	}
	if (only === 'queue') {
		const quick = process.argv.includes('--quick');
		const { queueModeBenchmark } = await import('./queueMode');
		const result = await queueModeBenchmark(quick ? 100 : 1000);
		console.log(
			[
				`n8n queue mode vs regular mode: order intake (workflow ${result.workflowId}), same run, same workload`,
				`  ${result.runs[0].orders} Shopify orders/create webhooks, at most ${result.inFlight} unanswered at a time, after ${result.warmUp} warm-up orders; PostgreSQL in both modes`,
				`  queue mode: 1 main + ${result.workers} workers, worker concurrency ${result.concurrency} (n8n worker --concurrency=${result.concurrency}); Redis queue`,
				...result.runs.map(
					(run) =>
						`  ${run.mode.padEnd(7)} ${run.ordersPerSecond.toFixed(1).padStart(6)} orders/s (${run.orders} orders in ${run.seconds.toFixed(1)} s; lost ${run.lost}, duplicated ${run.duplicated})`,
				),
				`  ratio queue/regular ${(result.runs[1].ordersPerSecond / result.runs[0].ordersPerSecond).toFixed(2)} (every process shares this machine's cores)`,
			].join('\n'),
		);
		return;
	}
	if (only && only !== 'manychat') return;
	const { manyChatThroughput } = await import('./manychatThroughput');
	console.log('ManyChat throughput (simulator enforces the documented per-endpoint limits)');
	for (const result of await manyChatThroughput()) {
		console.log(
			[
				`  ${result.name}`,
				`    items ${result.items}, failed ${result.failed}, throttled by the simulator ${result.throttledBySimulator}`,
				`    wall ${result.seconds.toFixed(1)} s, achieved ${result.rate.toFixed(2)}/s vs limit ${result.limit}/s of ${result.bindingEndpoint}`,
				`    ratio achieved/limit ${(result.rate / result.limit).toFixed(3)} (target ≥ 0.90)`,
			].join('\n'),
		);
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
