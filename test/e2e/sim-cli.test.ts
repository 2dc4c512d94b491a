/** `npm run sim -- …`, run as a person runs it, against a live simulator. */
import { SimulatorServer } from '../../simulators/frame/server';
import { manyChatSimulator } from '../../simulators/manychat';
import { SIMULATOR_API_KEY } from '../../simulators/manychat/state';
import { simCli } from '../support/simCli';

// Each step starts a Node process; on a loaded 2-core machine one can take seconds (the 5 s default failed in CI once).
jest.setTimeout(60_000);

describe('simulator CLI', () => {
	const server = new SimulatorServer(manyChatSimulator);
	let url: string;
	beforeAll(async () => {
		url = await server.start();
	});
	afterAll(async () => await server.stop());

	it('lists the simulators with their default URLs', async () => {
		const { code, stdout } = await simCli(['list']);
		expect(code).toBe(0);
		expect(stdout).toContain('manychat\thttp://127.0.0.1:4101');
	});

	it('prints state, sets and clears faults, shows masked requests and resets', async () => {
		const state = await simCli(['state', 'manychat', '--url', url]);
		expect(JSON.parse(state.stdout)).toEqual(server.state);

		const set = await simCli(['faults', 'manychat', '{"statusRates": {"503": 1}}', '--url', url]);
		expect(set.code).toBe(0);
		const refused = await fetch(`${url}/fb/page/getInfo`, { headers: { authorization: `Bearer ${SIMULATOR_API_KEY}` } });
		expect(refused.status).toBe(503);

		const requests = JSON.parse((await simCli(['requests', 'manychat', '--url', url])).stdout) as Array<Record<string, unknown>>;
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ path: '/fb/page/getInfo', status: 503, outcome: 'fault', headers: { authorization: 'Bearer ***' } });

		await simCli(['faults', 'manychat', '--clear', '--url', url]);
		const served = await fetch(`${url}/fb/page/getInfo`, { headers: { authorization: `Bearer ${SIMULATOR_API_KEY}` } });
		expect(served.status).toBe(200);

		expect((await simCli(['reset', 'manychat', '--url', url])).code).toBe(0);
		expect(server.requests).toHaveLength(0);
	});

	it('explains a bad fault setting and exits non-zero', async () => {
		const { code, stderr } = await simCli(['faults', 'manychat', '{"statusRates": {"503": 2}}', '--url', url]);
		expect(code).toBe(1);
		expect(stderr).toContain('statusRates.503 must be between 0 and 1');
	});

	it('names the known simulators when given an unknown one', async () => {
		const { code, stderr } = await simCli(['state', 'nosuch']);
		expect(code).toBe(1);
		expect(stderr).toContain('Name a simulator: manychat');
	});

	it('says how to start a simulator when none is running', async () => {
		const { code, stderr } = await simCli(['state', 'manychat', '--url', 'http://127.0.0.1:9']);
		expect(code).toBe(1);
		expect(stderr).toContain('No simulator answers at http://127.0.0.1:9');
	});
});
