/**
 * `npm run reliability [-- <scenario>…] [--quick] [--keep]`: runs the reliability and security
 * scenarios (all, or the named ones, in this order) on one real n8n with the shipped workflows and
 * the vendor simulators, prints one table of figures, and writes it as JSON under
 * reliability-results/ (ignored by git). Exits 1 when any "lost", "duplicated", "crashed",
 * "leaked" (or other must-be-zero) figure is not zero. `--quick` is the size `npm test` runs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/paths';
import { ReliabilityEnvironment } from './environment';
import { broken, formatResults, type ScenarioResult } from './report';
import { SCENARIO_ORDER, scenarios } from './scenarios';

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
	const unknown = names.filter((name) => !(name in scenarios));
	if (unknown.length) throw new Error(`Unknown scenario(s) ${unknown.join(', ')}. Known: ${SCENARIO_ORDER.join(', ')}`);
	const selected = names.length ? SCENARIO_ORDER.filter((name) => names.includes(name)) : SCENARIO_ORDER;
	const started = new Date();
	const log = (line: string) => console.error(`  ${line}`);
	console.error('Starting the simulators and n8n with the shipped workflows…');
	const env = await ReliabilityEnvironment.launch(log);
	const results: ScenarioResult[] = [];
	try {
		for (const name of selected) {
			console.error(`Running ${name}${quick ? ' (--quick)' : ''}…`);
			const result = await scenarios[name as keyof typeof scenarios](env, quick);
			results.push(result);
			// Printed as each finishes, so a long run cut short still leaves its figures.
			console.error(formatResults([result]));
		}
	} finally {
		await env.stop(process.argv.includes('--keep'));
	}
	const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
	console.log(`\nReliability ${started.toISOString()}${quick ? ' (--quick sizes)' : ''}\nMachine: ${machine}\n`);
	console.log(formatResults(results));
	const dir = join(ROOT, 'reliability-results');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
	writeFileSync(file, JSON.stringify({ started: started.toISOString(), quick, machine, results }, null, 2));
	console.log(`\nJSON: ${file}`);
	const failures = broken(results);
	if (failures.length) {
		console.log(`\nPromises broken:\n${failures.map((line) => `- ${line}`).join('\n')}`);
		process.exitCode = 1;
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
