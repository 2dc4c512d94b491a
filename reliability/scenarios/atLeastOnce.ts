/**
 * Scenario 1, at-least-once delivery: Shopify events (customer creates, edits, deletes and new
 * orders over stores A, B, C) each delivered 1 to 3 times, in a random order within a window,
 * through the shipped customer-sync and order-intake workflows. Every event must have exactly one
 * effect in CEGID, BigQuery, the managers' ManyChat inbox and the other stores.
 */
import { WORKFLOWS, type ReliabilityEnvironment } from '../environment';
import { figure, scenarioResult, type ScenarioResult } from '../report';
import { ShopTraffic } from '../shopTraffic';
import { runTraffic } from '../trafficPlan';

export async function atLeastOnce(env: ReliabilityEnvironment, quick: boolean): Promise<ScenarioResult> {
	const started = performance.now();
	const events = quick ? 48 : 2000;
	const shopify = env.shopify.state;
	const deliveriesBefore = shopify.deliveries.length;
	const lastExecution = await env.lastExecutionId();
	Object.assign(shopify.webhooks, { maxCopies: 3, duplicateRate: 0, reorderWindowMs: 1500 });
	const traffic = new ShopTraffic(env, quick ? 'alo-q' : 'alo', 1);
	try {
		await runTraffic(env, traffic, { events, window: 24, batch: 12, editsPerRound: quick ? 8 : 50 }, (line) => env.log(`[at-least-once] ${line}`));
	} finally {
		Object.assign(shopify.webhooks, { maxCopies: 1, reorderWindowMs: 0 });
	}
	const audit = traffic.audit();
	const deliveries = shopify.deliveries.slice(deliveriesBefore);
	const failed = (await Promise.all([WORKFLOWS.customerSync, WORKFLOWS.orderIntake].map(async (id) => await env.executionsSince(id, lastExecution))))
		.flat()
		.filter((execution) => execution.status !== 'success');
	return scenarioResult(
		'at-least-once',
		'1. At-least-once delivery',
		quick,
		started,
		[
			figure('events (customer changes + orders)', audit.customerEvents + audit.orderEvents),
			figure('webhook deliveries (each event 1–3×, echoes included)', deliveries.length),
			figure('of them repeated copies', deliveries.filter((delivery) => delivery.duplicateOf).length),
			figure('deliveries Shopify gave up on (every attempt refused or timed out)', deliveries.filter((delivery) => !delivery.delivered).length),
			figure('effects expected (CEGID, stores, BigQuery rows, notifications)', audit.expectedEffects),
			figure('lost', audit.lost, true),
			figure('duplicated', audit.duplicated, true),
			figure('failed executions', failed.length, true),
		],
		[
			`${audit.customerEvents} customer changes and ${audit.orderEvents} orders; ${audit.cegidWrites} CEGID writes (at most one per change); deliveries in random order within 1.5 s, at most 24 executions unfinished at a time`,
			...audit.problems,
			...failed.slice(0, 5).map((execution) => `execution ${execution.id} ended ${execution.status}`),
		],
	);
}
