/**
 * `npm run bench [-- <name>…] [--quick] [--soak=<events>]`: runs the benchmarks (all, or the named ones) and prints
 * one table, every figure next to a baseline measured in the same run on the same machine.
 * Benchmarks never fail on a timing. The results are also written as JSON under bench-results/
 * (ignored by git), so two runs can be compared.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/paths';
import { BENCHMARK_ORDER, benchContext, benchmarks, DEFAULT_BENCHMARKS, formatTable, type BenchmarkOutput } from './suite';

// n8n-core keeps instance files under N8N_USER_FOLDER; keep them out of ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'shop-sync-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
	const unknown = names.filter((name) => !benchmarks[name]);
	if (unknown.length) throw new Error(`Unknown benchmark(s) ${unknown.join(', ')}. Known: ${BENCHMARK_ORDER.join(', ')}`);
	const selected = names.length ? BENCHMARK_ORDER.filter((name) => names.includes(name)) : DEFAULT_BENCHMARKS;
	const soak = process.argv.find((arg) => arg.startsWith('--soak='));
	const context = benchContext(quick, (line) => console.error(`  [n8n] ${line}`), soak ? Number(soak.slice('--soak='.length)) : undefined);
	const outputs: BenchmarkOutput[] = [];
	const started = new Date();
	try {
		for (const name of selected) {
			console.error(`Running ${name}${quick ? ' (--quick)' : ''}…`);
			const began = performance.now();
			const output = await benchmarks[name](context);
			outputs.push(output);
			// Printed as each finishes too, so a long run that is cut short still leaves its figures.
			console.error(`  ${name} done in ${((performance.now() - began) / 1000).toFixed(0)} s\n${formatTable([output])}`);
		}
	} finally {
		await context.close();
	}
	const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end), Node ${process.version}`;
	console.log(`\nBenchmarks ${started.toISOString()}${quick ? ' (--quick sizes: coverage, not figures)' : ''}\nMachine: ${machine}\n`);
	console.log(formatTable(outputs));
	const dir = join(ROOT, 'bench-results');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
	writeFileSync(file, JSON.stringify({ started: started.toISOString(), quick, machine, benchmarks: outputs }, null, 2));
	console.log(`\nJSON: ${file}`);
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
