/**
 * `npm run bench`: prints every benchmark figure. Benchmarks never fail on a timing; they print
 * the figure next to its reference so a person can judge it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core keeps instance files under N8N_USER_FOLDER; keep them out of ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'shop-sync-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

async function main(): Promise<void> {
	const { manyChatThroughput } = await import('./manychatThroughput');
	console.log('ManyChat throughput (simulator enforces the documented per-endpoint limits)');
	for (const result of await manyChatThroughput()) {
		console.log(
			[
				`  ${result.name}`,
				`    items ${result.items}, failed ${result.failed}, throttled by the simulator ${result.throttledBySimulator}`,
				`    wall ${result.seconds.toFixed(1)} s, achieved ${result.rate.toFixed(2)}/s vs limit ${result.limit}/s of ${result.bindingEndpoint}`,
				`    ratio achieved/limit ${(result.rate / result.limit).toFixed(3)} (target ≥ 0.90)`,
			].join('\n'),
		);
	}
}

main().catch((error: Error) => {
	console.error(error);
	process.exit(1);
});
