import type { IDataObject } from 'n8n-workflow';

/**
 * Remembers which webhook deliveries were already accepted, keyed by shop and
 * X-Shopify-Webhook-Id. Kept in the trigger's static data, which n8n saves in its database after
 * each webhook request (so a restart does not forget), and mirrored in memory, which also covers
 * two copies arriving at the same moment in one n8n process.
 */

/** Shopify retries a failed delivery for up to 4 hours; a day leaves a margin. */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Bounds the static data saved with each request; the oldest entries go first. */
export const MAX_REMEMBERED_DELIVERIES = 5000;

const inProcess = new Map<string, Map<string, number>>();

function prune(entries: Record<string, number>, now: number): Record<string, number> {
	const kept = Object.entries(entries)
		.filter(([, seenAt]) => now - seenAt < DELIVERY_MEMORY_MS)
		.sort((a, b) => a[1] - b[1]);
	return Object.fromEntries(kept.slice(Math.max(0, kept.length - MAX_REMEMBERED_DELIVERIES)));
}

/**
 * Records the delivery and returns whether it had been seen before.
 * `scope` separates triggers (workflow and node), `staticData` is the node's static data.
 */
export function isRepeatedDelivery(scope: string, staticData: IDataObject, key: string, now: number = Date.now()): boolean {
	let memory = inProcess.get(scope);
	if (!memory) {
		memory = new Map();
		inProcess.set(scope, memory);
	}
	const stored = (staticData.deliveries as Record<string, number> | undefined) ?? {};
	const seenAt = memory.get(key) ?? stored[key];
	if (seenAt !== undefined && now - seenAt < DELIVERY_MEMORY_MS) return true;

	memory.set(key, now);
	if (memory.size > MAX_REMEMBERED_DELIVERIES * 2) {
		for (const [oldKey, time] of memory) if (now - time >= DELIVERY_MEMORY_MS || memory.size > MAX_REMEMBERED_DELIVERIES) memory.delete(oldKey);
	}
	staticData.deliveries = prune({ ...stored, [key]: now }, now);
	return false;
}

/** Test hook. */
export function forgetInProcessDeliveries(): void {
	inProcess.clear();
}
