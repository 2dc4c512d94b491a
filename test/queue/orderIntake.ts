/**
 * The order-intake load used by the queue-mode tests and the `queue` benchmark: Shopify store A
 * creates orders (the simulator sends a signed `orders/create` webhook for each), n8n runs the
 * order-intake workflow, and the ManyChat simulator records one notification per order.
 */
import axios from 'axios';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { ROOT } from '../../scripts/lib/paths';
import { simulatorUrls, startSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ManyChatState } from '../../simulators/manychat/state';
import type { ShopifyState } from '../../simulators/shopify/state';

export interface OrderIntakeWorkflow {
	/** Folder imported into n8n. */
	workflowDir: string;
	workflowId: string;
	/** The Shopify trigger's webhookId (its production URL is /webhook/<id>/webhook). */
	webhookId: string;
	triggerNode: string;
	/** The node whose run means the customer was notified. */
	notificationNode: string;
}

/**
 * Stand-in until the shipped order-intake workflow (Shopify → BigQuery → ManyChat) lands:
 * Shopify Admin Trigger (store A, orders/create) → ManyChat Send Content.
 */
export const STAND_IN_ORDER_INTAKE: OrderIntakeWorkflow = {
	// From the checkout root, so the compiled benchmark (build/) finds the JSON too.
	workflowDir: join(ROOT, 'test', 'queue', 'workflows'),
	workflowId: 'queueOrderIntake',
	webhookId: 'queue-orders-store-a',
	triggerNode: 'Store A New Order',
	notificationNode: 'Notify Customer',
};

/** The workflow the queue tests and benchmark run. Switching to the shipped one changes this line. */
export const ORDER_INTAKE: OrderIntakeWorkflow = STAND_IN_ORDER_INTAKE;

export const STORE_A = 'shop-sync-a.myshopify.com';

export interface OrderSimulators {
	running: RunningSimulators;
	shopify: { url: string; state: ShopifyState };
	manychat: { url: string; state: ManyChatState };
	credentials: ReturnType<typeof simulatorCredentials>;
}

/**
 * Shopify and ManyChat simulators. ManyChat's documented limit (25 sends/s per key) is switched
 * off: with it, both modes would measure ManyChat's limit rather than n8n.
 */
export async function startOrderSimulators(): Promise<OrderSimulators> {
	const running = await startSimulators({ names: ['shopify', 'manychat'] });
	const shopify = running.shopify as unknown as OrderSimulators['shopify'];
	const manychat = running.manychat as unknown as OrderSimulators['manychat'];
	await axios.post(`${manychat.url}/__sim/faults`, { throttle: false });
	return { running, shopify, manychat, credentials: simulatorCredentials(simulatorUrls(running)) };
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
 * Returns the order IDs.
 */
export async function createOrders(sims: OrderSimulators, count: number, inFlight = 16, tag = 'load'): Promise<string[]> {
	const ids: string[] = [];
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
			ids.push(String(response.data.id));
		}
	};
	await Promise.all(Array.from({ length: Math.min(4, count) }, worker));
	return ids;
}

/**
 * Resolves once Shopify has nothing left to deliver or retry (a delivery n8n answered after
 * Shopify's 5-second limit is retried, and the trigger then answers "duplicate").
 */
export async function shopifyIdle(sims: OrderSimulators): Promise<void> {
	await axios.get(`${sims.shopify.url}/__sim/webhooks/idle`, { timeout: 120_000 });
}

/** Order ID → how many ManyChat notifications mention it. */
export function notificationsByOrder(sims: OrderSimulators): Map<string, number> {
	const counts = new Map<string, number>();
	for (const delivery of sims.manychat.state.deliveries) {
		const messages = (delivery.content as { messages?: Array<{ text?: string }> } | undefined)?.messages ?? [];
		for (const message of messages) {
			const match = /^Order (\d+) received/.exec(message.text ?? '');
			if (match) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
		}
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
	notifiedOrders: number;
	/** Orders notified more than once. */
	duplicated: number;
	/** Orders never notified. */
	lost: number;
}

export function summarize(orderIds: string[], sims: OrderSimulators): LoadSummary {
	const notified = notificationsByOrder(sims);
	return {
		orders: orderIds.length,
		notifiedOrders: orderIds.filter((id) => (notified.get(id) ?? 0) > 0).length,
		duplicated: orderIds.filter((id) => (notified.get(id) ?? 0) > 1).length,
		lost: orderIds.filter((id) => (notified.get(id) ?? 0) === 0).length,
	};
}
