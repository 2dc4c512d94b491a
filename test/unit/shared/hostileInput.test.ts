/**
 * Bounded work: every parser and form-field adapter that reads untrusted text gets 1 MB hostile
 * values and must finish each one within 100 ms of CPU time, returning or throwing a plain Error
 * (a clear refusal). A backtracking regular expression on such a value takes seconds (the order
 * form's item-line pattern: 7.5 s on 80 KB; the email-address cell: 3.1 s on 40 KB).
 */
import { HOSTILE_TARGETS, HOSTILE_VALUES } from '../../support/hostileValues';

const BOUND_MS = 100;

/** CPU time of this process, so other work on the machine does not count; the best of two runs, so a GC pause does not either. */
function cpuMs(run: () => void): number {
	let best = Infinity;
	for (let attempt = 0; attempt < 2; attempt++) {
		const started = process.cpuUsage();
		run();
		const used = process.cpuUsage(started);
		best = Math.min(best, (used.user + used.system) / 1000);
		if (best < BOUND_MS) break;
	}
	return best;
}

describe.each(HOSTILE_TARGETS.map((target) => [target.name, target] as const))('%s with 1 MB hostile values', (_name, target) => {
	it('reads a normal value', () => {
		expect(() => target.run(target.prepare ? target.prepare(target.normal) : target.normal)).not.toThrow(TypeError);
	});

	it.each(HOSTILE_VALUES.map((value) => [value.name, value.value] as const))(`%s: done within ${BOUND_MS} ms`, (_value, raw) => {
		const value = target.prepare ? target.prepare(raw) : raw;
		let thrown: unknown;
		const elapsed = cpuMs(() => {
			try {
				target.run(value);
			} catch (error) {
				thrown = error;
			}
		});
		if (thrown !== undefined) {
			expect(thrown).toBeInstanceOf(Error);
			expect((thrown as Error).message).not.toBe('');
			expect(thrown).not.toBeInstanceOf(RangeError); // no stack overflow, no "invalid string length"
		}
		expect(elapsed).toBeLessThan(BOUND_MS);
	});
});
