/**
 * Bounded work: the worst CPU time one untrusted value costs any parser or form-field adapter,
 * over 1 MB hostile values (test/support/hostileValues.ts), beside the same parsers on 1 MB of
 * ordinary order text in the same run (so the ratio shows what the hostile shape adds) and on
 * their normal-size value.
 */
import { HOSTILE_TARGETS, HOSTILE_VALUES, type HostileTarget } from '../test/support/hostileValues';

/** Ordinary order text, repeated to the hostile values' size. */
const ORDINARY = 'Jane Doe, +1 (415) 555-0123, jane.doe@example.com; 2 x Blue mug @ 12.50; 12 Main St, Springfield, IL 62701\n';

/** CPU milliseconds of one call (this process, all threads); a thrown Error is a refusal and counts as done. */
function cpuMs(target: HostileTarget, value: string): number {
	const started = process.cpuUsage();
	try {
		target.run(value);
	} catch (error) {
		if (!(error instanceof Error)) throw error;
	}
	const used = process.cpuUsage(started);
	return (used.user + used.system) / 1000;
}

export interface HostileBenchmark {
	calls: number;
	worst: { ms: number; target: string; value: string };
	ordinaryWorstMs: number;
	normalWorstMs: number;
	/** Calls that threw something other than an Error (a crash, not a refusal). */
	failed: number;
}

/** `rounds`: each call is timed this many times and its best time kept (a GC pause is not the input's doing). */
export function hostileInputBenchmark(rounds = 3, quick = false): HostileBenchmark {
	const values = quick ? HOSTILE_VALUES.slice(0, 6) : HOSTILE_VALUES;
	const size = values[0].value.length;
	const ordinary = ORDINARY.repeat(Math.ceil(size / ORDINARY.length)).slice(0, size);
	const best = (target: HostileTarget, raw: string) => {
		const value = target.prepare ? target.prepare(raw) : raw;
		return Math.min(...Array.from({ length: rounds }, () => cpuMs(target, value)));
	};
	let worst = { ms: 0, target: '', value: '' };
	let ordinaryWorstMs = 0;
	let normalWorstMs = 0;
	let calls = 0;
	let failed = 0;
	for (const target of HOSTILE_TARGETS) {
		for (const { name, value } of values) {
			try {
				const ms = best(target, value);
				calls++;
				if (ms > worst.ms) worst = { ms, target: target.name, value: name };
			} catch {
				failed++;
			}
		}
		ordinaryWorstMs = Math.max(ordinaryWorstMs, best(target, ordinary));
		normalWorstMs = Math.max(normalWorstMs, best(target, target.normal));
	}
	return { calls, worst, ordinaryWorstMs, normalWorstMs, failed };
}
