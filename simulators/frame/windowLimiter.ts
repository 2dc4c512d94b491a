/**
 * Server-side limit check for simulators: a sliding one-window log per key. Deliberately a
 * different algorithm from the nodes' client-side token bucket, so a bug in one does not hide in
 * the other.
 */
export class WindowLimiter {
	private readonly hits = new Map<string, number[]>();

	/** Records a hit and returns 0, or returns the seconds to wait when over the limit. */
	hit(key: string, limit: number, windowMs: number, now = Date.now()): number {
		const recent = (this.hits.get(key) ?? []).filter((time) => now - time < windowMs);
		if (recent.length >= limit) {
			this.hits.set(key, recent);
			return Math.max(1, Math.ceil((recent[0] + windowMs - now) / 1000));
		}
		recent.push(now);
		this.hits.set(key, recent);
		return 0;
	}

	clear(): void {
		this.hits.clear();
	}
}
