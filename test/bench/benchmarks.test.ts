/**
 * Every benchmark at its quick size, for coverage of the benchmark code only: each must run to the
 * end, lose no item and return finite figures. No timing is asserted; `npm run bench` prints them.
 */
import { BENCHMARK_ORDER, benchContext, benchmarks, formatTable, type BenchmarkOutput } from '../../benchmarks/suite';

jest.setTimeout(15 * 60_000);

describe('benchmarks at their quick sizes', () => {
	const context = benchContext(true, (line) => process.stdout.write(`[bench] ${line}\n`));
	const outputs: BenchmarkOutput[] = [];

	afterAll(async () => {
		await context.close();
		if (outputs.length) process.stdout.write(`${formatTable(outputs)}\n`);
	});

	// Queue mode needs PostgreSQL and Redis: its quick size runs in `npm run test:queue` (test/queue/queue-bench.test.ts).
	it('has a runner for every row of the table, queue mode included', () => {
		expect(Object.keys(benchmarks).sort()).toEqual([...BENCHMARK_ORDER].sort());
	});

	it.each(BENCHMARK_ORDER.filter((name) => name !== 'queue'))('%s returns finite figures with no failed item', async (name) => {
		const output = await benchmarks[name](context);
		outputs.push(output);
		expect(output.name).toBe(name);
		expect(output.figures.length).toBeGreaterThan(0);
		// The reasons first, so that a failed item shows why it failed.
		expect(output.notes.filter((note) => note.includes('failed item'))).toEqual([]);
		for (const figure of output.figures) {
			expect(figure.failed).toBe(0);
			expect(Number.isFinite(figure.ratio)).toBe(true);
			expect(figure.ratio).toBeGreaterThan(0);
			expect(typeof figure.meets).toBe('boolean');
		}
	});

});
