/**
 * The real thing: n8n 2.41.0 with this package installed from its npm tarball, simulator
 * credentials and workflows imported with n8n's CLI and published, and real HTTP all the way.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { node24Binary, nodeMajor } from '../../scripts/lib/node24';
import { ROOT } from '../../scripts/lib/paths';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import { SIMULATOR_API_KEY, SIMULATOR_PAGE_ID } from '../../simulators/manychat/state';
import { simCli } from '../support/simCli';

jest.setTimeout(20 * 60_000); // the first run installs n8n

describe('n8n 2.41.0 with n8n-nodes-shop-sync installed', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance | undefined;

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-'));
		simulators = await startSimulators();
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(ROOT, 'workflows'), join(__dirname, 'workflows')],
			publish: ['e2eMcPageProbe', 'e2eCegidClose', 'e2eCegidUpsert'],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			log: (line) => process.stdout.write(`[e2e] ${line}\n`),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		rmSync(userFolder, { recursive: true, force: true });
	});

	it('runs n8n on the very Node binary the tests run on (Node 24)', () => {
		expect(nodeMajor()).toBeGreaterThanOrEqual(24);
		expect(node24Binary()).toBe(process.execPath);
	});

	it("lists this package's node types, under the package's own prefix", async () => {
		const types = await n8n!.packageNodeTypes();
		expect(types).toEqual(expect.arrayContaining(['n8n-nodes-shop-sync.manyChat', 'n8n-nodes-shop-sync.manyChatTool']));
	});

	it('runs a published workflow, triggered with `npm run sim -- send webhook`, against the simulator', async () => {
		const sent = await simCli(['send', 'webhook', '--url', `${n8n!.baseUrl}/webhook/e2e-manychat-page`, '--file', join(__dirname, 'payloads', 'ping.json')]);

		expect(sent.code).toBe(0);
		expect(sent.stdout).toMatch(/^HTTP 200\n/);
		expect(JSON.parse(sent.stdout.replace(/^HTTP 200\n/, ''))).toMatchObject({ id: SIMULATOR_PAGE_ID, name: 'Shop Sync Demo Store' });
		const calls = simulators.manychat.requests.filter((request) => request.path === '/fb/page/getInfo');
		expect(calls).toHaveLength(1);
		expect(calls[0].headers.authorization).toBe('Bearer ***');
		expect(calls[0].headers['user-agent']).toBe('n8n');
	});

	it('records a failing service call as a failed execution carrying our error message', async () => {
		simulators.manychat.setFaults({ failNext: [{ status: 404 }] });
		const response = await axios.post(`${n8n!.baseUrl}/webhook/e2e-manychat-page`, {}, { validateStatus: () => true });

		expect(response.status).toBe(500);
		const failed = (await n8n!.executions('e2eMcPageProbe')).filter((execution) => execution.status === 'error');
		expect(failed).toHaveLength(1);
		const { data } = await n8n!.execution(failed[0].id);
		const error = data.resultData.runData['Get Page Info'][0].error;
		expect(error?.message).toBe('ManyChat: HTTP 404: Injected fault');
		expect(error?.description).toContain('Check the ID or reference you entered');
		expect(JSON.stringify(data)).not.toContain('SIMULATORKEY');
	});

	it("tests a ManyChat credential the way the editor's Test button does", async () => {
		const test = async (apiKey: string) =>
			await n8n!.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
				credentials: { id: '', name: 'ManyChat check', type: 'manyChatApi', data: { apiKey, baseUrl: simulators.manychat.url } },
			});

		const good = await test(SIMULATOR_API_KEY);
		expect(good.status).toBe(200);
		expect(good.data.data.status).toBe('OK');

		const bad = await test('1234567890123456:NOTTHEKEY0000000000000000000000');
		expect(bad.data.data.status).toBe('Error');
		expect(bad.data.data.message).not.toContain('NOTTHEKEY');
		expect(simulators.manychat.requests.at(-1)).toMatchObject({ path: '/fb/page/getInfo', status: 401 });
	});

	it('stops n8n and every process it started', async () => {
		const pid = n8n!.pid!;
		expect(processGroupAlive(pid)).toBe(true);
		await n8n!.stop();
		expect(processGroupAlive(pid)).toBe(false);
	});
});

function processGroupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}
