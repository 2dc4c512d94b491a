/**
 * Scenario 2, faults downstream: while the same kind of merchant activity flows, the CEGID,
 * BigQuery, ManyChat and Shopify simulators answer 20 % of requests with a 5xx, leave 5 % (2 % at
 * the quick size) unanswered (the nodes' 60 s timeout) and answer 2 % with 429 and Retry-After. The nodes retry
 * what is safe to retry; executions that still fail reach the error workflow, which records them
 * for replay; `npm run replay` (its function, same API calls) is then run, still under the same
 * faults, until nothing is left to replay. In the end every event must be applied.
 */
import type { SimulatorServer } from '../../simulators/frame/server';
import type { LoggedRequest } from '../../simulators/frame/types';
import type { ReliabilityEnvironment } from '../environment';
import { figure, scenarioResult, type ScenarioResult } from '../report';
import { ShopTraffic } from '../shopTraffic';
import { runTraffic } from '../trafficPlan';

const FAULTED = ['cegid', 'bigquery', 'manychat', 'shopify'] as const;
const MAX_REPLAY_ROUNDS = 8;

/** Answers that asked the client to try again, and requests that repeated one of them. */
function retryFigures(log: readonly LoggedRequest[]): { faults: Record<string, number>; retries: number } {
	const faults: Record<string, number> = { '5xx': 0, hang: 0, '429': 0 };
	const failedKeys = new Map<string, number>();
	let retries = 0;
	for (const entry of log) {
		const key = `${entry.method} ${entry.path} ${JSON.stringify(entry.body)}`;
		const pending = failedKeys.get(key) ?? 0;
		if (pending > 0) {
			retries++;
			failedKeys.set(key, pending - 1);
		}
		if (entry.outcome === 'hang') faults.hang++;
		else if (entry.outcome === 'fault' || entry.outcome === 'throttled') {
			if (entry.status === 429) faults['429']++;
			else faults['5xx']++;
		} else continue;
		failedKeys.set(key, (failedKeys.get(key) ?? 0) + 1);
	}
	return { faults, retries };
}

export async function downstreamFaults(env: ReliabilityEnvironment, quick: boolean): Promise<ScenarioResult> {
	const started = performance.now();
	const servers = FAULTED.map((name) => env.simulators[name] as SimulatorServer<unknown>);
	const logStart = servers.map((server) => server.requests.length);
	const failedBefore = new Set((await env.failedEvents()).map((row) => row.id));
	// A customer created and deleted while CEGID kept failing never gets a CEGID record: the replay
	// of the creation finds them gone. That is the documented outcome (README), counted apart.
	const traffic = new ShopTraffic(env, quick ? 'flt-q' : 'flt', 2, { allowDeletedBeforeReachingCegid: true });
	// Each hang costs the nodes' 60 s timeout; at the quick size (CI) a lower rate still makes the
	// scenario ride out several hangs, and keeps the layer within CI's time budget.
	const hangRate = quick ? 0.02 : 0.05;
	const setFaults = () =>
		servers.forEach((server, index) =>
			// Control and token-less admin endpoints (/__sim/) are never faulted by the frame.
			server.setFaults({ statusRates: { 500: 0.1, 503: 0.1, 429: 0.02 }, retryAfterSeconds: 1, hangRate, seed: 1000 + index }),
		);
	const replayRounds: Array<{ replayed: number; failed: number }> = [];
	try {
		setFaults();
		await runTraffic(env, traffic, { events: quick ? 24 : 200, window: 24, batch: 12, editsPerRound: quick ? 6 : 25 }, (line) => env.log(`[faults] ${line}`));
		// Replays, with the faults still on, until the error workflow has nothing left that failed.
		for (let round = 0; round < MAX_REPLAY_ROUNDS; round++) {
			await env.settle();
			const waiting = (await env.failedEvents()).filter((row) => !failedBefore.has(row.id) && row.status === 'failed');
			if (waiting.length === 0) break;
			const outcomes = await env.replay();
			replayRounds.push({ replayed: outcomes.filter((outcome) => outcome.result === 'replayed').length, failed: outcomes.filter((outcome) => outcome.result !== 'replayed').length });
			env.log(`[faults] replay round ${round + 1}: ${replayRounds.at(-1)!.replayed} replayed, ${replayRounds.at(-1)!.failed} failed again`);
		}
	} finally {
		for (const server of servers) server.setFaults({ statusRates: {}, hangRate: 0, hangNext: 0, failNext: [] });
	}
	await env.settle();
	const audit = traffic.audit();
	const newRows = (await env.failedEvents()).filter((row) => !failedBefore.has(row.id));
	// A failed sub-execution is reported by n8n too; the error handler keeps it (status
	// sub_execution) but replays its caller, so it is not a separate event.
	const rows = newRows.filter((row) => row.status !== 'sub_execution');
	const stillFailed = rows.filter((row) => row.status === 'failed');
	const retry = servers.map((server, index) => retryFigures(server.requests.slice(logStart[index])));
	const faults = retry.reduce((sum, entry) => ({ '5xx': sum['5xx'] + entry.faults['5xx'], hang: sum.hang + entry.faults.hang, '429': sum['429'] + entry.faults['429'] }), { '5xx': 0, hang: 0, '429': 0 });
	const requests = servers.reduce((sum, server, index) => sum + server.requests.length - logStart[index], 0);
	return scenarioResult(
		'faults',
		'2. Faults downstream',
		quick,
		started,
		[
			figure('events (customer changes + orders)', audit.customerEvents + audit.orderEvents),
			figure('requests to CEGID, BigQuery, ManyChat, Shopify', requests),
			figure('injected: 5xx / hang / 429', faults['5xx'] + faults.hang + faults['429']),
			figure('retries by the nodes', retry.reduce((sum, entry) => sum + entry.retries, 0)),
			figure('executions sent to the error workflow', rows.length),
			figure('replayed', rows.filter((row) => row.status === 'replayed').length),
			figure('left failed after replays', stillFailed.length, true),
			figure('deleted before reaching CEGID (no record, documented)', audit.deletedBeforeReachingCegid),
			figure('lost', audit.lost, true),
			figure('duplicated', audit.duplicated, true),
		],
		[
			`faults injected: ${faults['5xx']} × 5xx, ${faults.hang} hangs, ${faults['429']} × 429 (Retry-After: 1 s); replay rounds under the same faults: ${replayRounds.map((round) => `${round.replayed} replayed / ${round.failed} failed`).join(', ') || 'none needed'}`,
			`a replay that fails again is recorded by the error workflow as a new row, so "sent to the error workflow" counts every failed attempt; ${newRows.length - rows.length} failed sub-executions were recorded but not replayed (their callers were)`,
			...audit.problems,
			...stillFailed.slice(0, 5).map((row) => `execution ${row.executionId} (${row.workflowId}) still failed at ${row.failedNode}: ${row.errorMessage}`),
		],
	);
}
