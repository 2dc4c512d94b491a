import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * Runs a user-supplied regular expression with a time limit. A pattern from a template could
 * backtrack for minutes on hostile text (ReDoS), and a match cannot be interrupted from its own
 * thread, so matches run on one long-lived worker thread while the caller waits on a shared flag
 * for at most the limit. On a timeout the worker is terminated (V8 interrupts the match) and the
 * next call starts a fresh one.
 *
 * Why not `vm` with `timeout` (what this used before): Node starts a watchdog thread for every such
 * call, about 150 µs each, which made the regex the largest cost of parsing an email; a round trip
 * to a waiting worker is about 10–25 µs.
 */
export class RegexTimeout extends Error {}

/** Worker body: answer each request on the port, then raise the flag the caller waits on. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
workerData.port.on('message', ({ pattern, flags, text }) => {
	let reply;
	try {
		const match = new RegExp(pattern, flags).exec(text);
		reply = { groups: match ? Array.from(match, (group) => group ?? '') : null };
	} catch (error) {
		reply = { error: String(error && error.message || error) };
	}
	workerData.port.postMessage(reply);
	Atomics.store(flag, 0, 1);
	Atomics.notify(flag, 0);
});
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** How long a new worker may take to start (30–45 ms measured on an idle 2-core host; far more allowed for a busy one). */
const STARTUP_LIMIT_MS = 10_000;
/** Bounds the worker's heap, so a pattern that builds huge captures cannot grow n8n's memory unchecked. */
const WORKER_HEAP_MB = 256;

interface RegexWorker {
	worker: Worker;
	port: MessagePort;
	flag: Int32Array;
}

type Reply = { groups: string[] | null } | { error: string };

let current: RegexWorker | undefined;

function startWorker(): RegexWorker {
	const flag = new Int32Array(new SharedArrayBuffer(4));
	const { port1, port2 } = new MessageChannel();
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: { flag: flag.buffer, port: port2 },
		transferList: [port2],
		resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
	});
	// The worker must never keep n8n (or a test run) alive, and its failures are handled by the caller.
	worker.unref();
	worker.on('error', () => undefined);
	port1.unref();
	if (Atomics.wait(flag, 0, 0, STARTUP_LIMIT_MS) === 'timed-out') {
		void worker.terminate();
		throw new Error(`the regular expression worker did not start within ${STARTUP_LIMIT_MS} ms`);
	}
	return { worker, port: port1, flag };
}

function discard(regexWorker: RegexWorker) {
	current = undefined;
	regexWorker.port.close();
	void regexWorker.worker.terminate();
}

export function boundedMatch(
	pattern: string,
	flags: string,
	text: string,
	timeoutMs: number,
): { groups: string[] } | undefined {
	const regexWorker = (current ??= startWorker());
	Atomics.store(regexWorker.flag, 0, 0);
	regexWorker.port.postMessage({ pattern, flags, text });
	const waited = Atomics.wait(regexWorker.flag, 0, 0, timeoutMs);
	const reply = receiveMessageOnPort(regexWorker.port)?.message as Reply | undefined;
	if (waited === 'timed-out' || reply === undefined) {
		// Stuck in a match (or dead): a fresh worker serves the next call.
		discard(regexWorker);
		throw new RegexTimeout(`the regular expression /${pattern}/ ran longer than ${timeoutMs} ms`);
	}
	if ('error' in reply) throw new RegexTimeout(`the regular expression /${pattern}/ failed: ${reply.error}`);
	return reply.groups ? { groups: reply.groups } : undefined;
}
