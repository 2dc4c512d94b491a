import { SimulatorServer } from '../../../simulators/frame/server';
import type { SimulatorDefinition } from '../../../simulators/frame/types';

/**
 * Starts a simulator on a free loopback port for the enclosing describe block and stops it after.
 * Records, request log and faults are reset before each test.
 */
export function useSimulator<S>(definition: SimulatorDefinition<S>): { readonly server: SimulatorServer<S> } {
	const handle = { server: new SimulatorServer<S>(definition) };
	beforeAll(async () => {
		await handle.server.start();
	});
	beforeEach(() => handle.server.reset());
	afterAll(async () => {
		await handle.server.stop();
	});
	return handle;
}
