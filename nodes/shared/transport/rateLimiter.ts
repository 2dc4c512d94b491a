/**
 * Client-side throttles. One instance per credential (and per limit group), shared through the
 * module-level registry, so the limit holds across the items of one execution and across
 * executions running concurrently in the same n8n process. (Separate queue-mode workers each have
 * their own registry; the per-worker limit must then be set accordingly.)
 */

export type Clock = () => number;
export type Sleep = (ms: number) => Promise<void>;

const realClock: Clock = () => performance.now();
const realSleep: Sleep = async (ms) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Token bucket. Callers reserve tokens immediately (the balance may go negative) and then wait
 * until the reservation is covered; that keeps callers in arrival order without a lock.
 */
export class TokenBucket {
	private tokens: number;

	private last: number;

	constructor(
		readonly capacity: number,
		readonly refillPerSecond: number,
		private readonly clock: Clock = realClock,
		private readonly sleep: Sleep = realSleep,
	) {
		if (!(capacity > 0) || !(refillPerSecond > 0)) {
			throw new RangeError('TokenBucket needs a positive capacity and refill rate');
		}
		this.tokens = capacity;
		this.last = clock();
	}

	private refill(): void {
		const now = this.clock();
		this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.refillPerSecond);
		this.last = now;
	}

	/** Milliseconds a caller asking for `cost` now would wait (without reserving). */
	peekWait(cost = 1): number {
		this.refill();
		const missing = Math.min(cost, this.capacity) - this.tokens;
		return missing <= 0 ? 0 : (missing / this.refillPerSecond) * 1000;
	}

	/** Reserves `cost` tokens and resolves once they are available. Returns the time waited. */
	async take(cost = 1): Promise<number> {
		this.refill();
		this.tokens -= Math.min(cost, this.capacity);
		if (this.tokens >= 0) return 0;
		const waitMs = (-this.tokens / this.refillPerSecond) * 1000;
		await this.sleep(waitMs);
		return waitMs;
	}
}

/**
 * A bucket that stays under `limitPerSecond` in any one-second window, however the server counts
 * (fixed or sliding window). With a burst of one and a steady rate r, a window of one second plus
 * J of arrival jitter holds at most 1 + ⌊(1 s + J)·r⌋ requests; r = 92 % of the limit keeps that
 * within the limit for up to ~80 ms of jitter at every limit from 10 to 100 requests per second.
 * (A larger burst is what pushes a bucket over a sliding window.)
 */
export function perSecondBucket(limitPerSecond: number, clock?: Clock, sleep?: Sleep): TokenBucket {
	return new TokenBucket(1, limitPerSecond * 0.92, clock, sleep);
}

export interface ThrottleStatus {
	maximumAvailable: number;
	currentlyAvailable: number;
	restoreRate: number;
}

/**
 * Cost-based bucket for APIs that meter by query cost and report their own bucket state
 * (Shopify's GraphQL Admin API: `extensions.cost.throttleStatus`). A query reserves its estimated
 * cost, then `settle` refunds the difference to the actual cost and adopts the server's view.
 */
export class CostBucket {
	private available: number;

	private maximum: number;

	private restoreRate: number;

	private last: number;

	private pending = 0;

	constructor(
		initial: ThrottleStatus,
		private readonly clock: Clock = realClock,
		private readonly sleep: Sleep = realSleep,
	) {
		this.maximum = initial.maximumAvailable;
		this.available = initial.currentlyAvailable;
		this.restoreRate = initial.restoreRate;
		this.last = clock();
	}

	private restore(): void {
		const now = this.clock();
		this.available = Math.min(
			this.maximum,
			this.available + ((now - this.last) / 1000) * this.restoreRate,
		);
		this.last = now;
	}

	get state(): ThrottleStatus {
		this.restore();
		return {
			maximumAvailable: this.maximum,
			currentlyAvailable: this.available,
			restoreRate: this.restoreRate,
		};
	}

	/** Reserves `estimatedCost` points, waiting until the bucket can cover them. */
	async reserve(estimatedCost: number): Promise<number> {
		this.restore();
		const cost = Math.min(estimatedCost, this.maximum);
		this.available -= cost;
		this.pending += cost;
		if (this.available >= 0) return 0;
		const waitMs = (-this.available / this.restoreRate) * 1000;
		await this.sleep(waitMs);
		return waitMs;
	}

	/**
	 * Called after the response: refunds the unused part of the reservation and, when the server
	 * reported its bucket, adopts that state minus what other callers still have reserved.
	 */
	settle(reservedCost: number, actualCost: number | undefined, server?: ThrottleStatus): void {
		this.restore();
		const reserved = Math.min(reservedCost, this.maximum);
		this.pending = Math.max(0, this.pending - reserved);
		if (server) {
			this.maximum = server.maximumAvailable;
			this.restoreRate = server.restoreRate;
			this.available = server.currentlyAvailable - this.pending;
			return;
		}
		if (actualCost !== undefined) this.available += reserved - actualCost;
	}
}

const registry = new Map<string, unknown>();

/** Returns the limiter stored under `key`, creating it on first use. */
export function sharedLimiter<T>(key: string, create: () => T): T {
	let limiter = registry.get(key) as T | undefined;
	if (limiter === undefined) {
		limiter = create();
		registry.set(key, limiter);
	}
	return limiter;
}

/** Test hook: forget every limiter. */
export function resetSharedLimiters(): void {
	registry.clear();
}
