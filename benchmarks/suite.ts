/**
 * Every benchmark by name, each turned into table rows: figure, our value, the baseline measured in
 * the same run, their ratio, and the target. Used by `npm run bench` (run.ts) and, with the quick
 * sizes, by test/bench (coverage of this code only: no timing is asserted anywhere).
 */
import { launchBenchN8n, memorySoak, NODE_TIME_SAMPLE, workflowOverhead, type BenchN8n } from './n8nWorkflows';

export interface Figure {
	figure: string;
	ours: string;
	baseline: string;
	/** ours ÷ baseline, oriented as the target states it; null when there is no number yet. */
	ratio: number | null;
	target: string;
	/** Whether the ratio meets the target; null when not measured. */
	meets: boolean | null;
	/** Items that failed during the measurement (must be 0 for the figure to count). */
	failed: number;
}

export interface BenchmarkOutput {
	name: string;
	figures: Figure[];
	notes: string[];
	/** The measurement as returned by the benchmark, for the JSON file. */
	raw: unknown;
}

export interface BenchContext {
	quick: boolean;
	/** Events of the memory soak; default 10,000 (quick: 200). `npm run bench -- memory --soak=N`. */
	soakEvents?: number;
	/** One n8n (with simulators) shared by the workflow-level benchmarks of a run. */
	n8n(): Promise<BenchN8n>;
	log(line: string): void;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const benchmarks: Record<string, (context: BenchContext) => Promise<BenchmarkOutput>> = {
	async workflows(context) {
		const events = context.quick ? 20 : 100;
		const rounds = context.quick ? 1 : 3;
		const figures = await workflowOverhead(await context.n8n(), events, rounds);
		return {
			name: 'workflows',
			figures: figures.map((figure) => {
				const ratio = figure.oursPerSecond / figure.barePerSecond;
				return {
					figure: `1. Workflow overhead: ${figure.workflow}`,
					ours: `${fixed(figure.oursPerSecond, 1)} events/s`,
					baseline: `${fixed(figure.barePerSecond, 1)} events/s (bare Webhook → Set)`,
					ratio,
					target: '≥ 0.50',
					meets: ratio >= 0.5,
					failed: figure.failed,
				};
			}),
			notes: [
				`Workflow overhead: ${events} signed deliveries per round, ≤ 16 unfinished executions at a time, median of ${rounds} alternating rounds on one n8n (regular mode, SQLite); an event counts once n8n has finished the execution its webhook started (customer sync's sub-execution included: that execution waits for it); a delivery answered 5xx/429 or cut off is tried again, as Shopify does. Simulators in-process, their throttles lifted (their limits have their own figures), no echo webhooks.`,
				...figures.flatMap((figure) => figure.failures.map((failure) => `${figure.workflow}: failed item: ${failure}`)),
				...figures.map(
					(figure) =>
						`${figure.workflow}: CPU of the n8n main process ${fixed(figure.oursCpuMsPerEvent, 0)} ms per event (${fixed(figure.oursCoreShare * 100, 0)} % of one core while the round ran), bare ${fixed(figure.bareCpuMsPerEvent, 0)} ms (${fixed(figure.bareCoreShare * 100, 0)} %): ${fixed(figure.oursCpuMsPerEvent / figure.bareCpuMsPerEvent, 1)}× the bare workflow's work per event (medians of the rounds, /proc/<pid>/stat, all of the process's threads).`,
				),
				...figures.map((figure) => `${figure.workflow}: slowest nodes (mean over its last ${NODE_TIME_SAMPLE} executions): ${figure.slowestNodes.map((entry) => `${entry.node} ${entry.ms} ms`).join(', ')}.`),
			],
			raw: figures,
		};
	},

	async memory(context) {
		const events = context.soakEvents ?? (context.quick ? 200 : 10_000);
		const result = await memorySoak(await context.n8n(), events, context.quick ? 20 : 200, context.quick ? 2000 : 10_000);
		const growth = result.rssAfterBytes - result.rssBeforeBytes;
		const heap = result.heapBeforeBytes !== null && result.heapAfterBytes !== null ? `heap used ${mb(result.heapBeforeBytes)} → ${mb(result.heapAfterBytes)} (not after GC)` : 'heap not exposed';
		return {
			name: 'memory',
			figures: [
				{
					figure: `6. Memory: n8n RSS growth over ${events.toLocaleString('en-US')} order-intake events`,
					ours: `${mb(result.rssAfterBytes)} in the last tenth (peak ${mb(result.rssPeakBytes)})`,
					baseline: `${mb(result.rssBeforeBytes)} in the first tenth`,
					ratio: result.rssAfterBytes / result.rssBeforeBytes,
					target: 'growth ≤ 50 MB',
					meets: growth <= 50 * 1024 * 1024,
					failed: result.failed,
				},
			],
			notes: [
				...result.failures.map((failure) => `Memory soak: failed item: ${failure}`),
				`Memory: growth ${mb(growth)} (VmRSS of the n8n main process, task runners excluded: median of ${result.rssSamples.first} samples during the first tenth of the soak against ${result.rssSamples.last} during the last; single readings after idle ${mb(result.rssIdleBeforeBytes)} → ${mb(result.rssIdleAfterBytes)}), ${fixed(result.perSecond, 1)} events/s during the soak; ${heap}, from n8n's /metrics (N8N_METRICS=true). n8n exposes no forced GC (it would need --expose-gc and an endpoint), so the heap is read after ${context.quick ? 2 : 10} s idle, not after a GC.`,
			],
			raw: result,
		};
	},

	async shopify(context) {
		const { shopifyThrottling } = await import('./shopifyThrottling');
		const result = await shopifyThrottling(context.quick ? 150 : 2000);
		const ratio = result.seconds / result.minimumSeconds;
		return {
			name: 'shopify',
			figures: [
				{
					figure: `2. Shopify throttling: ${result.customers} customer upserts`,
					ours: `${fixed(result.seconds, 1)} s wall`,
					baseline: `${fixed(result.minimumSeconds, 1)} s (cost ÷ restore rate)`,
					ratio,
					target: '≤ 1.15',
					meets: ratio <= 1.15,
					failed: result.failed,
				},
			],
			notes: [
				`Shopify: standard plan bucket (2,000 points, ${result.restoreRate}/s), cost ${result.costPerUpsert} per upsert, ${result.requests} requests, ${result.throttledAnswers} throttled answers.${context.quick ? ' Quick size fits in the bucket, so the ratio says nothing there.' : ''}`,
			],
			raw: result,
		};
	},

	async manychat(context) {
		const { manyChatThroughput } = await import('./manychatThroughput');
		const results = await manyChatThroughput(context.quick ? 30 : 1000);
		return {
			name: 'manychat',
			figures: results.map((result) => {
				const ratio = result.rate / result.limit;
				return {
					figure: `3. ManyChat throughput: ${result.name}`,
					ours: `${fixed(result.rate)}/s`,
					baseline: `${result.limit}/s (limit of ${result.bindingEndpoint})`,
					ratio,
					target: '≥ 0.90',
					meets: ratio >= 0.9,
					failed: result.failed,
				};
			}),
			notes: [`ManyChat: the simulator enforces the documented per-endpoint limits; throttled by the simulator: ${results.map((result) => result.throttledBySimulator).join(', ')}.`],
			raw: results,
		};
	},

	async email(context) {
		const { deliveryEmailParserBenchmark } = await import('./deliveryEmailParser');
		const result = context.quick ? await deliveryEmailParserBenchmark(1, 1) : await deliveryEmailParserBenchmark();
		const ratio = result.nodeMs / result.bareMs;
		const perEmail = (ms: number) => `${fixed(ms / result.emails)} ms/email`;
		return {
			name: 'email',
			figures: [
				{
					figure: '4. Email parsing: Delivery Email Parser node',
					ours: perEmail(result.nodeMs),
					baseline: `${perEmail(result.bareMs)} (bare mailparser)`,
					ratio,
					target: '≤ 1.50',
					meets: ratio <= 1.5,
					failed: 0,
				},
			],
			notes: [`Email: ${result.emails} emails per round (fixture corpus${context.quick ? '' : ' ×10'}), median of ${context.quick ? 1 : 7} alternating rounds; the node runs in n8n-core's engine.`],
			raw: result,
		};
	},

	async hostile(context) {
		const { hostileInputBenchmark } = await import('./hostileInput');
		const result = context.quick ? hostileInputBenchmark(1, true) : hostileInputBenchmark();
		return {
			name: 'hostile',
			figures: [
				{
					figure: '8. Bounded work: worst time per item, 1 MB hostile values',
					ours: `${fixed(result.worst.ms, 1)} ms (${result.worst.target}, ${result.worst.value})`,
					baseline: `${fixed(result.ordinaryWorstMs, 1)} ms (same parsers, 1 MB of ordinary order text)`,
					ratio: result.worst.ms / Math.max(result.ordinaryWorstMs, 0.001),
					target: 'ours < 100 ms',
					meets: result.worst.ms < 100,
					failed: result.failed,
				},
			],
			notes: [
				`Bounded work: ${result.calls} calls (${context.quick ? 'quick: 6 of the' : 'every one of the'} hostile values × every parser and form-field adapter of test/support/hostileValues.ts), CPU time of this process, best of ${context.quick ? 1 : 3} per call; the worst normal-size value took ${fixed(result.normalWorstMs, 2)} ms.`,
			],
			raw: result,
		};
	},

	async bigquery(context) {
		const { orderStoreBenchmark } = await import('./bigqueryOrderStore');
		const result = await orderStoreBenchmark(context.quick ? 200 : 1000);
		const per1000 = (requests: number) => (requests / result.orders) * 1000;
		const rate = (seconds: number) => result.orders / seconds;
		const speedup = rate(result.nodeSeconds) / rate(result.baselineSeconds);
		const failed = result.orders - result.stored;
		return {
			name: 'bigquery',
			figures: [
				{
					figure: '5a. BigQuery writes: requests per 1,000 orders',
					ours: `${fixed(per1000(result.nodeRequests.api), 1)} requests`,
					baseline: `${fixed(per1000(result.baselineRequests), 0)} (one insertAll per order)`,
					ratio: result.nodeRequests.api / result.baselineRequests,
					target: '≤ 3 requests',
					meets: per1000(result.nodeRequests.api) <= 3,
					failed,
				},
				{
					figure: '5b. BigQuery writes: rows/s',
					ours: `${fixed(rate(result.nodeSeconds), 0)} rows/s`,
					baseline: `${fixed(rate(result.baselineSeconds), 0)} rows/s (one insertAll per order)`,
					ratio: speedup,
					target: '> 1 (no target set)',
					meets: speedup > 1,
					failed,
				},
			],
			notes: [
				`BigQuery: ${result.orders} orders in one execution against the simulator; requests by kind: ${Object.entries(result.nodeRequests.byKind).map(([kind, n]) => `${kind} ${n}`).join(', ')} (token requests not counted as API requests).`,
			],
			raw: result,
		};
	},

	async queue(context) {
		const { queueModeBenchmark } = await import('./queueMode');
		const { checkQueueServices } = await import('../scripts/lib/n8nCluster');
		const missing = await checkQueueServices().then(
			() => null,
			(error: Error) => error.message,
		);
		if (missing) {
			// Printed, not hidden: the row says why it has no figure and how to get one.
			context.log(missing);
			return {
				name: 'queue',
				figures: [{ figure: '7. Queue mode: order intake', ours: 'not measured: PostgreSQL or Redis missing', baseline: 'regular mode', ratio: null, target: '≥ 1.00', meets: null, failed: 0 }],
				notes: [`Queue mode not measured: ${missing.replace(/\n\s*/g, ' ')}`],
				raw: { missing },
			};
		}
		const result = await queueModeBenchmark(context.quick ? 100 : 1000);
		const [regular, queue] = result.runs;
		const ratio = queue.ordersPerSecond / regular.ordersPerSecond;
		return {
			name: 'queue',
			figures: [
				{
					figure: `7. Queue mode: order intake, ${queue.orders} orders`,
					ours: `${fixed(queue.ordersPerSecond, 1)} orders/s (main + ${result.workers} workers)`,
					baseline: `${fixed(regular.ordersPerSecond, 1)} orders/s (regular mode)`,
					ratio,
					// Scale-out must not cost speed: queue mode at least as fast as one process.
					target: '≥ 1.00',
					meets: ratio >= 1,
					failed: result.runs.reduce((sum, run) => sum + run.lost + run.duplicated, 0),
				},
			],
			notes: [`Queue mode: PostgreSQL in both modes, Redis queue, worker concurrency ${result.concurrency}, ≤ ${result.inFlight} unanswered webhooks, ${result.warmUp} warm-up orders; every process shares this machine's cores. Needs the machine's PostgreSQL and Redis (as \`npm run test:queue\`); alone: \`npm run bench -- queue\`.`],
			raw: result,
		};
	},
};

/** Order of the table. */
export const BENCHMARK_ORDER = ['workflows', 'shopify', 'manychat', 'email', 'bigquery', 'memory', 'hostile', 'queue'];
/** What `npm run bench` runs without names: all of them (queue mode says so when PostgreSQL or Redis is missing). */
export const DEFAULT_BENCHMARKS = BENCHMARK_ORDER;

/** A context whose n8n is launched on first use; call `close()` when done. */
export function benchContext(quick: boolean, log: (line: string) => void = () => {}, soakEvents?: number): BenchContext & { close(): Promise<void> } {
	let launched: Promise<BenchN8n> | undefined;
	return {
		quick,
		soakEvents,
		log,
		n8n: () => (launched ??= launchBenchN8n(log)),
		async close() {
			if (launched) await (await launched.catch(() => undefined))?.stop();
		},
	};
}

export function formatTable(outputs: BenchmarkOutput[]): string {
	const header = ['Figure', 'Ours', 'Baseline (same run)', 'Ratio', 'Target', 'Met'];
	const rows = outputs.flatMap((output) =>
		output.figures.map((figure) => [
			figure.figure,
			figure.ours,
			figure.baseline,
			figure.ratio === null ? '—' : figure.ratio.toFixed(figure.ratio < 0.1 ? 4 : 2),
			figure.target,
			figure.meets === null ? '—' : figure.failed > 0 ? `no (${figure.failed} failed)` : figure.meets ? 'yes' : 'no',
		]),
	);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	const notes = outputs.flatMap((output) => output.notes.map((note) => `- ${note}`));
	return [line(header), line(header.map(() => '---')), ...rows.map(line), '', ...notes].join('\n');
}
