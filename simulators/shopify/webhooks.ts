import { createHmac, randomUUID } from 'node:crypto';

import type { SimHost, SimRuntime } from '../frame/types';
import type { DeliveryRecord, ShopifyState, StoreState } from './state';

const MAX_KEPT_DELIVERIES = 200_000;

/** customers/create → CUSTOMERS_CREATE */
export function topicEnum(topic: string): string {
	return topic.replace(/\//g, '_').toUpperCase();
}

/**
 * Sends webhooks the way Shopify does: one delivery per matching subscription, signed with the
 * app's client secret over the exact body sent, every X-Shopify-* header, a 5-second limit, and
 * retries with backoff when the receiver fails. Duplicates and reordering can be switched on.
 */
export class WebhookDispatcher implements SimRuntime {
	private readonly timers = new Set<NodeJS.Timeout>();

	private readonly controllers = new Set<AbortController>();

	private pending = 0;

	private idleWaiters: Array<() => void> = [];

	private stopped = false;

	constructor(private readonly host: SimHost<ShopifyState>) {}

	/** Called for every data change, whatever caused it (our API, the admin test endpoints). */
	emit(store: StoreState, topic: string, payload: unknown): void {
		const subscriptions = store.subscriptions.filter((subscription) => subscription.topic === topicEnum(topic));
		if (subscriptions.length === 0) return;
		const eventId = randomUUID();
		const triggeredAt = new Date().toISOString();
		const body = JSON.stringify(payload);
		const settings = this.host.state.webhooks;
		for (const subscription of subscriptions) {
			const delivery: DeliveryRecord = {
				webhookId: randomUUID(),
				eventId,
				topic,
				shop: store.domain,
				uri: subscription.uri,
				attempts: 0,
				lastStatus: null,
				delivered: false,
			};
			const headers = {
				'content-type': 'application/json',
				'x-shopify-topic': topic,
				'x-shopify-hmac-sha256': createHmac('sha256', store.clientSecret).update(body).digest('base64'),
				'x-shopify-shop-domain': store.domain,
				// Shopify: "inherited from the app that created the webhook subscription".
				'x-shopify-api-version': store.webhooksApiVersion,
				'x-shopify-webhook-id': delivery.webhookId,
				'x-shopify-event-id': eventId,
				'x-shopify-triggered-at': triggeredAt,
				'user-agent': 'Shopify-Captain-Hook',
			};
			this.record(delivery);
			if (!settings.enabled) continue;
			this.schedule(() => this.attempt(delivery, body, headers), this.jitter());
			let copies = settings.maxCopies > 1 ? Math.floor(Math.random() * settings.maxCopies) : 0;
			if (settings.duplicateRate > 0 && Math.random() < settings.duplicateRate) copies = Math.max(copies, 1);
			for (let index = 0; index < copies; index++) {
				const copy: DeliveryRecord = { ...delivery, duplicateOf: delivery.webhookId };
				this.record(copy);
				this.schedule(() => this.attempt(copy, body, headers), this.jitter());
			}
		}
		this.host.changed();
	}

	/** Resolves once nothing is waiting to be delivered or retried. */
	async idle(): Promise<void> {
		if (this.pending === 0) return;
		await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}

	async stop(): Promise<void> {
		this.stopped = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const controller of this.controllers) controller.abort();
		this.pending = 0;
		this.releaseIdle();
	}

	private jitter(): number {
		const window = this.host.state.webhooks.reorderWindowMs;
		return window > 0 ? Math.floor(Math.random() * window) : 0;
	}

	private record(delivery: DeliveryRecord): void {
		const list = this.host.state.deliveries;
		list.push(delivery);
		if (list.length > MAX_KEPT_DELIVERIES) list.splice(0, list.length - MAX_KEPT_DELIVERIES);
	}

	private schedule(task: () => Promise<void>, delayMs: number): void {
		if (this.stopped) return;
		this.pending++;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void task().finally(() => {
				this.pending--;
				if (this.pending === 0) this.releaseIdle();
			});
		}, delayMs);
		this.timers.add(timer);
	}

	private releaseIdle(): void {
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const resolve of waiters) resolve();
	}

	private async attempt(delivery: DeliveryRecord, body: string, headers: Record<string, string>): Promise<void> {
		if (this.stopped) return;
		const settings = this.host.state.webhooks;
		delivery.attempts++;
		const controller = new AbortController();
		this.controllers.add(controller);
		const timeout = setTimeout(() => controller.abort(), settings.timeoutMs);
		try {
			const response = await fetch(delivery.uri, { method: 'POST', headers, body, signal: controller.signal });
			await response.arrayBuffer().catch(() => undefined);
			delivery.lastStatus = response.status;
			delivery.delivered = response.status >= 200 && response.status < 300;
		} catch {
			delivery.lastStatus = 0;
		} finally {
			clearTimeout(timeout);
			this.controllers.delete(controller);
		}
		this.host.changed();
		if (!delivery.delivered && delivery.attempts < settings.maxAttempts) {
			this.schedule(() => this.attempt(delivery, body, headers), settings.retryBaseMs * 2 ** (delivery.attempts - 1));
		}
	}
}
