/**
 * The order-intake load used by the queue-mode tests and the `queue` benchmark: Shopify store A
 * creates orders (the simulator sends a signed `orders/create` webhook for each), n8n runs the
 * shipped order-intake workflow (workflows/order-intake-shopify.json), which saves each order in
 * the BigQuery simulator and notifies the managers through the ManyChat simulator.
 */
import axios from 'axios';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { ROOT } from '../../scripts/lib/paths';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import { simulatorUrls, startSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ManyChatState } from '../../simulators/manychat/state';
import { liftCostLimits, type ShopifyState } from '../../simulators/shopify/state';
import { ensureCrmSchema } from '../support/crmSchema';

export interface OrderIntakeWorkflow {
	/** Folder imported into n8n. */
	workflowDir: string;
	workflowId: string;
	/** The Shopify trigger's webhookId (its production URL is /webhook/<id>/webhook). */
	webhookId: string;
	triggerNode: string;
	/** The node whose run means the managers were notified. */
	notificationNode: string;
	/** The ManyChat flow that shows the order text to managers. */
	notificationFlow: string;
	/** ManyChat subscribers the workflow notifies for each order. */
	managers: number;
}

/** The shipped workflow; every workflow of workflows/ is imported, only this one published. */
export const ORDER_INTAKE: OrderIntakeWorkflow = {
	// From the checkout root, so the compiled benchmark (build/) finds the JSON too.
	workflowDir: join(ROOT, 'workflows'),
	workflowId: 'shopSyncOrderIntake',
	webhookId: 'shop-sync-orders-store-a',
	triggerNode: 'Store A New Orders',
	notificationNode: 'Notify Manager 2',
	notificationFlow: 'content20260101000000_000001',
	managers: 2,
};

export const STORE_A = 'shop-sync-a.myshopify.com';

export interface OrderSimulators {
	running: RunningSimulators;
	shopify: { url: string; state: ShopifyState };
	manychat: { url: string; state: ManyChatState };
	bigquery: { url: string; state: BigQueryState };
	credentials: ReturnType<typeof simulatorCredentials>;
}

/**
 * Every simulator (the reconciliation that heals a crash also runs customers through CEGID), with
 * the CRM tables created. ManyChat's documented
 * limits (10 field writes/s, 20 flows/s, 100 flows per subscriber per hour) are lifted: with them,
 * both modes would measure ManyChat rather than n8n (they have their own benchmark).
 */
export async function startOrderSimulators(): Promise<OrderSimulators> {
	const running = await startSimulators();
	const shopify = running.shopify as unknown as OrderSimulators['shopify'];
	const manychat = running.manychat as unknown as OrderSimulators['manychat'];
	const bigquery = running.bigquery as unknown as OrderSimulators['bigquery'];
	await axios.post(`${manychat.url}/__sim/faults`, { throttle: false });
	manychat.state.flowsPerSubscriberPerHour = Number.MAX_SAFE_INTEGER;
	// The reconciliation re-reads every order of the run from Shopify: at the standard plan's
	// 100 points/s that alone would take minutes (measured in the shopify benchmark instead).
	liftCostLimits(shopify.state);
	const credentials = simulatorCredentials(simulatorUrls(running));
	await ensureCrmSchema(credentials);
	return { running, shopify, manychat, bigquery, credentials };
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, stepMs = 250): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
	throw new Error(`Timed out after ${timeoutMs / 1000} s waiting until ${what}`);
}

/**
 * n8n publishes workflows in the background after start: waits until the trigger's webhook
 * answers (401 to an unsigned probe) and its orders/create subscription exists in store A.
 */
export async function waitForOrderTrigger(baseUrl: string, sims: OrderSimulators): Promise<void> {
	const storeA = () => sims.shopify.state.stores.find((store) => store.domain === STORE_A)!;
	await until('the order trigger answers', async () => {
		const probe = await axios.post(`${baseUrl}/webhook/${ORDER_INTAKE.webhookId}/webhook`, '{}', {
			headers: { 'content-type': 'application/json' },
			validateStatus: () => true,
		});
		return probe.status === 401;
	}, 120_000);
	await until('the orders/create subscription exists', () => storeA().subscriptions.some((subscription) => subscription.topic === 'ORDERS_CREATE'), 60_000);
	// The activation saves the trigger's static data (subscription IDs) last; let it finish.
	await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** orders/create deliveries Shopify has not finished yet (neither accepted nor given up). */
function deliveriesInFlight(sims: OrderSimulators): number {
	const { maxAttempts } = sims.shopify.state.webhooks;
	return sims.shopify.state.deliveries.filter(
		(delivery) => delivery.topic === 'orders/create' && !delivery.delivered && delivery.attempts < maxAttempts,
	).length;
}

/**
 * Creates `count` orders in store A through the simulator's admin endpoint; each one makes
 * Shopify send a signed orders/create webhook. The simulator answers before it delivers, so the
 * load is closed-loop: a new order is created only while fewer than `inFlight` deliveries are
 * unfinished (a steady stream of webhooks rather than all of them in the same second).
 * Returns the orders' IDs and names.
 */
export async function createOrders(sims: OrderSimulators, count: number, inFlight = 16, tag = 'load'): Promise<CreatedOrder[]> {
	const orders: CreatedOrder[] = [];
	let next = 0;
	const worker = async () => {
		while (next < count) {
			while (deliveriesInFlight(sims) >= inFlight) await new Promise((resolve) => setTimeout(resolve, 5));
			if (next >= count) break;
			const index = next++;
			const response = await axios.post(`${sims.shopify.url}/__sim/shops/a/orders`, {
				email: `${tag}-${index}@example.com`,
				lineItems: [{ title: `Item ${index}`, sku: `SKU-${index}`, quantity: 1, price: 10 }],
			});
			if (response.status !== 201) throw new Error(`Creating order ${index} answered HTTP ${response.status}`);
			orders.push({ id: String(response.data.id), name: String(response.data.name) });
		}
	};
	await Promise.all(Array.from({ length: Math.min(4, count) }, worker));
	return orders;
}

/**
 * Resolves once Shopify has nothing left to deliver or retry (a delivery n8n answered after
 * Shopify's 5-second limit is retried, and the trigger then answers "duplicate").
 */
export async function shopifyIdle(sims: OrderSimulators): Promise<void> {
	await axios.get(`${sims.shopify.url}/__sim/webhooks/idle`, { timeout: 120_000 });
}

export interface CreatedOrder {
	id: string;
	/** What the notification shows, e.g. "#1001". */
	name: string;
}

/** Order name → how many ManyChat deliveries carry its notification ("New order #1001 in …"). */
export function notificationsByOrder(sims: OrderSimulators): Map<string, number> {
	const counts = new Map<string, number>();
	for (const delivery of sims.manychat.state.deliveries) {
		// Only the order flow: an admin alert also carries the field, still holding an order's text.
		if (delivery.flow_ns !== ORDER_INTAKE.notificationFlow) continue;
		const match = /^New order (#\d+) in /.exec(String(delivery.custom_fields?.order_message ?? ''));
		if (match) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
	}
	return counts;
}

/** Manager (ManyChat subscriber ID) → order notifications (the order flow) ManyChat delivered to them; admin alerts not counted. */
export function flowsByManager(sims: OrderSimulators): Map<string, number> {
	const counts = new Map<string, number>();
	for (const delivery of sims.manychat.state.deliveries) {
		if (delivery.flow_ns === ORDER_INTAKE.notificationFlow) counts.set(delivery.subscriber_id, (counts.get(delivery.subscriber_id) ?? 0) + 1);
	}
	return counts;
}

/** Order ID → rows the CRM table holds for it (the Order Store appends a row per new version). */
export function rowsByOrder(sims: OrderSimulators): Map<string, number> {
	const counts = new Map<string, number>();
	const prefix = `shopify:${STORE_A}:`;
	for (const row of sims.bigquery.state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? []) {
		const key = String(row.order_key);
		if (key.startsWith(prefix)) counts.set(key.slice(prefix.length), (counts.get(key.slice(prefix.length)) ?? 0) + 1);
	}
	return counts;
}

/** orders/create deliveries Shopify made for these orders: accepted ones and the total. */
export function orderDeliveries(sims: OrderSimulators): { total: number; accepted: number; failedAttempts: number } {
	const deliveries = sims.shopify.state.deliveries.filter((delivery) => delivery.topic === 'orders/create');
	return {
		total: deliveries.length,
		accepted: deliveries.filter((delivery) => delivery.delivered).length,
		failedAttempts: deliveries.reduce((sum, delivery) => sum + delivery.attempts - (delivery.delivered ? 1 : 0), 0),
	};
}

export interface LoadSummary {
	orders: number;
	/** Orders with exactly one row in the CRM table. */
	stored: number;
	/** Orders with more than one row. */
	storedTwice: number;
	/** Orders with no row. */
	lost: number;
	/**
	 * By the text each delivered notification showed: orders shown to every manager, shown more
	 * often, and stored but shown to fewer. ManyChat renders the manager's custom field when the
	 * flow is sent; two workers notifying the same manager within milliseconds can overwrite each
	 * other's field in between (see README, "Queue mode"), so these measure that, not delivery.
	 */
	notified: number;
	notifiedTwice: number;
	notNotified: number;
}

export function summarize(orders: CreatedOrder[], sims: OrderSimulators): LoadSummary {
	const rows = rowsByOrder(sims);
	const notified = notificationsByOrder(sims);
	const count = (test: (order: CreatedOrder) => boolean) => orders.filter(test).length;
	return {
		orders: orders.length,
		stored: count((order) => rows.get(order.id) === 1),
		storedTwice: count((order) => (rows.get(order.id) ?? 0) > 1),
		lost: count((order) => !rows.has(order.id)),
		notified: count((order) => notified.get(order.name) === ORDER_INTAKE.managers),
		notifiedTwice: count((order) => (notified.get(order.name) ?? 0) > ORDER_INTAKE.managers),
		notNotified: count((order) => rows.has(order.id) && (notified.get(order.name) ?? 0) < ORDER_INTAKE.managers),
	};
}
