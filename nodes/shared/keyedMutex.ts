/**
 * Runs tasks one at a time per key, across all executions in this n8n process. Used where two
 * calls must not interleave for the same record (ManyChat: write a subscriber's field, then send
 * the flow that shows it; a second notification in between would show the wrong text).
 */
const tails = new Map<string, Promise<unknown>>();

export async function withKeyLock<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const run = previous.then(task, task);
	// The chain continues whether this task succeeds or fails; only its own caller sees its error.
	const tail = run.catch(() => undefined);
	tails.set(key, tail);
	try {
		return await run;
	} finally {
		if (tails.get(key) === tail) tails.delete(key);
	}
}
