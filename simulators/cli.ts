/**
 * `npm run sim -- <command>`: drive the simulators by hand, the same way tests do.
 *
 *   serve [name…] [--state-dir DIR]     run simulators in the foreground (default: all)
 *   list                                simulators and their default URLs
 *   state <name>                        print a simulator's records
 *   requests <name> [--since N]         print the requests it received (secrets masked)
 *   reset <name>                        restore its seed records, clear log and faults
 *   faults <name> [JSON] [--clear]      show, set or clear fault injection
 *   send <event> [options]              send an event into n8n (see "send --help")
 *
 * Commands other than serve talk to a running simulator: --url overrides its default URL.
 */
import axios from 'axios';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { RUNTIME_DIR } from '../scripts/lib/paths';
import { eventSenders } from './events';
import { simulatorDefinitions, simulatorUrls, startSimulators, stopSimulators } from './registry';

const USAGE = `Usage: npm run sim -- <serve|list|state|requests|reset|faults|send> …
  serve [name…] [--state-dir DIR]   run simulators (default: all) on their default ports
  list                              list simulators and default URLs
  state <name> [--url URL]          print a simulator's records
  requests <name> [--since N]       print received requests, secrets masked
  reset <name>                      restore seed records, clear log and faults
  faults <name> [JSON] [--clear]    show, set or clear faults, e.g. '{"statusRates":{"500":0.2}}'
  send <event> [options]            send an event into n8n; events: ${Object.keys(eventSenders).join(', ')}`;

function simulatorUrl(name: string | undefined, override: unknown): string {
	if (typeof override === 'string') return override.replace(/\/+$/, '');
	const definition = name ? simulatorDefinitions[name] : undefined;
	if (!definition) {
		throw new Error(`Name a simulator: ${Object.keys(simulatorDefinitions).join(', ')}\n${USAGE}`);
	}
	return `http://127.0.0.1:${definition.defaultPort}`;
}

async function control(method: 'GET' | 'POST' | 'DELETE', url: string, data?: unknown): Promise<unknown> {
	try {
		const response = await axios.request({ method, url, data, timeout: 10_000, validateStatus: () => true });
		if (response.status >= 400) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(response.data)}`);
		return response.data;
	} catch (error) {
		if ((error as { code?: string }).code === 'ECONNREFUSED') {
			throw new Error(`No simulator answers at ${url}. Start it with "npm start" or "npm run sim -- serve".`);
		}
		throw error;
	}
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

async function main(argv: string[]): Promise<void> {
	const { positionals, values } = parseArgs({
		args: argv,
		allowPositionals: true,
		strict: false,
		options: {
			url: { type: 'string' },
			since: { type: 'string' },
			clear: { type: 'boolean' },
			'state-dir': { type: 'string' },
			file: { type: 'string' },
			header: { type: 'string', multiple: true },
			help: { type: 'boolean' },
		},
	});
	const [command, name, extra] = positionals;

	switch (command) {
		case 'serve': {
			const names = positionals.slice(1);
			const stateDir = typeof values['state-dir'] === 'string' ? values['state-dir'] : join(RUNTIME_DIR, 'dev', 'simulators');
			const running = await startSimulators({ names: names.length ? names : undefined, defaultPorts: true, stateDir });
			for (const [simulator, url] of Object.entries(simulatorUrls(running))) console.log(`${simulator}: ${url}`);
			console.log('Press Ctrl-C to stop.');
			const stop = () => void stopSimulators(running).then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
			return;
		}
		case 'list':
			for (const definition of Object.values(simulatorDefinitions)) {
				console.log(`${definition.name}\thttp://127.0.0.1:${definition.defaultPort}`);
			}
			return;
		case 'state':
			print(await control('GET', `${simulatorUrl(name, values.url)}/__sim/state`));
			return;
		case 'requests':
			print(await control('GET', `${simulatorUrl(name, values.url)}/__sim/requests?since=${Number(values.since ?? 0)}`));
			return;
		case 'reset':
			print(await control('POST', `${simulatorUrl(name, values.url)}/__sim/reset`));
			return;
		case 'faults': {
			const url = `${simulatorUrl(name, values.url)}/__sim/faults`;
			if (values.clear) print(await control('DELETE', url));
			else if (extra) print(await control('POST', url, JSON.parse(extra)));
			else print(await control('GET', url));
			return;
		}
		case 'send': {
			const sender = name ? eventSenders[name] : undefined;
			if (!sender || values.help) {
				console.log(Object.entries(eventSenders).map(([event, s]) => `${event}: ${s.description}\n  ${s.usage}`).join('\n'));
				if (!sender) process.exitCode = values.help ? 0 : 1;
				return;
			}
			const result = await sender.send(values);
			console.log(`HTTP ${result.status}`);
			print(result.body);
			if (result.status >= 400) process.exitCode = 1;
			return;
		}
		default:
			console.log(USAGE);
			if (command !== undefined && command !== 'help') process.exitCode = 1;
	}
}

main(process.argv.slice(2)).catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
