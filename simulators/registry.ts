import { join } from 'node:path';

import { bigQuerySimulator } from './bigquery';
import { SimulatorServer } from './frame/server';
import type { SimulatorDefinition } from './frame/types';
import { cegidSimulator } from './cegid';
import { ctrwowSimulator } from './ctrwow';
import { eManageSimulator } from './emanage';
import { gmailSimulator } from './gmail';
import { manyChatSimulator } from './manychat';
import { shopifySimulator } from './shopify';

/** Every simulator, by the name the CLI and the runtime use. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each simulator has its own state type
export const simulatorDefinitions: Record<string, SimulatorDefinition<any>> = {
	[manyChatSimulator.name]: manyChatSimulator,
	[shopifySimulator.name]: shopifySimulator,
	[cegidSimulator.name]: cegidSimulator,
	[bigQuerySimulator.name]: bigQuerySimulator,
	[eManageSimulator.name]: eManageSimulator,
	[ctrwowSimulator.name]: ctrwowSimulator,
	[gmailSimulator.name]: gmailSimulator,
};

export type RunningSimulators = Record<string, SimulatorServer<unknown>>;

export interface StartSimulatorsOptions {
	names?: string[];
	/** Use each simulator's default port (npm start) instead of a free one (tests). */
	defaultPorts?: boolean;
	/** Folder for state files; state is kept in memory only when absent. */
	stateDir?: string;
}

export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
	const names = options.names ?? Object.keys(simulatorDefinitions);
	const running: RunningSimulators = {};
	try {
		for (const name of names) {
			const definition = simulatorDefinitions[name];
			if (!definition) {
				throw new Error(`Unknown simulator "${name}". Known: ${Object.keys(simulatorDefinitions).join(', ')}`);
			}
			const server = new SimulatorServer<unknown>(definition);
			const port = options.defaultPorts ? definition.defaultPort : 0;
			await server
				.start({ port, stateFile: options.stateDir ? join(options.stateDir, `${name}.json`) : undefined })
				.catch((error: NodeJS.ErrnoException) => {
					if (error.code !== 'EADDRINUSE') throw error;
					throw new Error(`Port ${port} for the ${name} simulator is taken. Is another "npm start" or "npm run sim -- serve" running?`);
				});
			running[name] = server;
		}
	} catch (error) {
		await stopSimulators(running);
		throw error;
	}
	return running;
}

export async function stopSimulators(running: RunningSimulators): Promise<void> {
	await Promise.all(Object.values(running).map(async (server) => await server.stop()));
}

export function simulatorUrls(running: RunningSimulators): Record<string, string> {
	return Object.fromEntries(Object.entries(running).map(([name, server]) => [name, server.url]));
}
