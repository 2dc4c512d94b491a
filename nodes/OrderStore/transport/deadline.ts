/**
 * A deadline for each BigQuery client call. The client library (teeny-request 11 on node-fetch 3)
 * drops its `timeout` option, so a request BigQuery never answers would hold the execution forever
 * (found by the reliability suite: one unanswered insertAll kept an order-intake execution running
 * for over ten minutes). A call past its deadline is abandoned and tried again; repeats are safe:
 * streamed rows carry insertIds, which BigQuery uses to drop a second copy, and the queries these
 * nodes send only read, or are the user's own SQL (tried once, see runSql).
 */
export const CALL_DEADLINE_MS = 60_000;

export class DeadlineExceeded extends Error {
	readonly code = 'ETIMEDOUT';

	constructor(what: string, deadlineMs: number, attempts: number) {
		super(`BigQuery did not answer ${what} within ${deadlineMs >= 1000 ? `${Math.round(deadlineMs / 1000)} s` : `${deadlineMs} ms`} (${attempts} attempt${attempts > 1 ? 's' : ''})`);
	}
}

export interface DeadlineOptions {
	deadlineMs?: number;
	attempts?: number;
}

export async function withDeadline<T>(what: string, call: () => Promise<T>, options: DeadlineOptions = {}): Promise<T> {
	const deadlineMs = options.deadlineMs ?? CALL_DEADLINE_MS;
	const attempts = options.attempts ?? 3;
	for (let attempt = 1; ; attempt++) {
		let timer: NodeJS.Timeout | undefined;
		const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), deadlineMs)));
		const work = call();
		try {
			const outcome = await Promise.race([work, expired]);
			if (outcome !== 'expired') return outcome as T;
		} finally {
			clearTimeout(timer);
		}
		// The abandoned call may still fail later; nobody waits for it any more.
		work.catch(() => undefined);
		if (attempt >= attempts) throw new DeadlineExceeded(what, deadlineMs, attempt);
	}
}
