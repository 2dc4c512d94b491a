/**
 * `npm start`: the whole local system. Simulators on their default ports (state kept under
 * .runtime/dev/simulators), n8n 2.41.0 on http://localhost:5678 with this package installed,
 * simulator credentials, and every workflow in workflows/ imported and published.
 * Ctrl-C stops everything it started.
 */
import { join } from 'node:path';

import { type GoogleProxy, startGoogleProxy } from '../simulators/gmail/proxy';
import { simulatorUrls, startSimulators, stopSimulators } from '../simulators/registry';
import { simulatorCredentials } from './lib/devCredentials';
import { runFromTrigger } from './lib/manualRun';
import { DEV_OWNER, N8nInstance } from './lib/n8nInstance';
import { RUNTIME_DIR } from './lib/paths';

async function main(): Promise<void> {
	const started = Date.now();
	const devDir = join(RUNTIME_DIR, 'dev');
	const port = Number(process.env.N8N_PORT ?? 5678);
	const log = (line: string) => console.log(`[shop-sync] ${line}`);

	const simulators = await startSimulators({ defaultPorts: true, stateDir: join(devDir, 'simulators') });
	const urls = simulatorUrls(simulators);
	for (const [name, url] of Object.entries(urls)) log(`Simulator ${name}: ${url} (control: ${url}/__sim/state)`);
	// n8n's Gmail nodes call fixed Google URLs: this proxy (development wiring only) sends them to the
	// Gmail simulator, and n8n trusts its throw-away CA. Everything else it refuses.
	let googleProxy: GoogleProxy | undefined;
	if (urls.gmail) {
		googleProxy = await startGoogleProxy({ target: urls.gmail, caDir: join(devDir, 'google-proxy') });
		log(`Google APIs (Gmail) for n8n: intercepted by ${googleProxy.url} → ${urls.gmail}`);
	}

	let n8n: N8nInstance | undefined;
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the simulators…');
		await n8n?.stop();
		await googleProxy?.stop();
		await stopSimulators(simulators);
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		n8n = await N8nInstance.launch({
			userFolder: join(devDir, 'n8n'),
			port,
			credentials: simulatorCredentials(urls),
			env: googleProxy?.env,
			log,
		});
	} catch (error) {
		console.error(`[shop-sync] ${(error as Error).message}`);
		await shutdown(1);
		return;
	}

	// What an admin does once before the CRM workflows can save anything (the tables are created
	// only where missing, so a later start changes nothing).
	const setup = await runFromTrigger(n8n, 'shopSyncOrderIntake', 'Set Up CRM Tables (Once)').catch((error: Error) => ({ id: '', status: error.message }));
	log(setup.status === 'success' ? 'CRM tables in the BigQuery simulator are ready.' : `"Set Up CRM Tables (Once)" did not succeed (${setup.status}); run it in the order-intake workflow.`);

	const nodeTypes = await n8n.packageNodeTypes();
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(
		[
			'',
			`n8n ${n8n.host.version} is ready after ${seconds} s`,
			`  URL:      ${n8n.baseUrl}`,
			`  Login:    ${DEV_OWNER.email} / ${DEV_OWNER.password}`,
			`  Nodes:    ${nodeTypes.join(', ') || '(none loaded!)'}`,
			`  Workflows imported and published: ${n8n.workflows.length}`,
			`  n8n log:  ${n8n.logFile}`,
			'Press Ctrl-C to stop everything.',
			'',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	console.error(`[shop-sync] ${error.message}`);
	process.exit(1);
});
