/**
 * The queue-mode benchmark (row 7 of `npm run bench`) at its quick size, for coverage of its code
 * only: both modes run to the end with no order lost or stored/notified twice, and the figure is
 * finite. No timing is asserted; `npm run bench -- queue` prints the figures.
 */
import { benchContext, benchmarks, formatTable } from '../../benchmarks/suite';

jest.setTimeout(20 * 60_000);

describe('queue-mode benchmark at its quick size', () => {
	const context = benchContext(true, (line) => process.stdout.write(`[bench] ${line}\n`));
	afterAll(async () => await context.close());

	it('measures regular and queue mode on the same workload with no failed order', async () => {
		const output = await benchmarks.queue(context);
		process.stdout.write(`${formatTable([output])}\n`);
		const [figure] = output.figures;
		expect(figure.failed).toBe(0);
		expect(Number.isFinite(figure.ratio)).toBe(true);
		expect(figure.ratio).toBeGreaterThan(0);
		expect(typeof figure.meets).toBe('boolean');
		const raw = output.raw as { runs: Array<{ mode: string; orders: number }>; concurrency: number; workers: number };
		expect(raw.runs.map((run) => [run.mode, run.orders])).toEqual([
			['regular', 100],
			['queue', 100],
		]);
		expect(raw).toMatchObject({ workers: 2, concurrency: 10 });
	});
});
