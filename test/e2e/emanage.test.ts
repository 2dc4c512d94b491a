/**
 * The eManageCRM Trigger in the real n8n 2.41.0, installed from the package tarball, polling the
 * eManageCRM simulator over real HTTP: publishing catches up from the start date, a new order
 * placed afterwards starts one execution at the next poll (n8n polls at most once a minute), and
 * after an n8n restart nothing is reported twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { freePort } from '../../scripts/lib/freePort';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'e2eEManageOrders';

describe('eManageCRM Trigger in n8n 2.41.0', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance | undefined;
	let port: number;
	const launch = async () =>
		await N8nInstance.launch({
			userFolder,
			port,
			workflowDirs: [join(__dirname, 'emanage-workflows')],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			log: (line) => process.stdout.write(`[e2e emanage] ${line}\n`),
		});
	const until = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const value = await check();
			if (value !== undefined) return value;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`Timed out waiting until ${what}`);
	};
	/** Order IDs each finished execution received, oldest execution first. */
	const received = async (): Promise<number[][]> => {
		const list = (await n8n!.executions(WORKFLOW)).filter((execution) => execution.status !== 'running' && execution.status !== 'new');
		const batches: number[][] = [];
		for (const { id } of [...list].sort((a, b) => Number(a.id) - Number(b.id))) {
			const execution = await n8n!.execution(id);
			const items = execution.data.resultData.runData.Received?.[0]?.data?.main?.[0] ?? [];
			batches.push(items.map((item) => Number(item.json.orderId)));
		}
		return batches;
	};
	const placeOrder = async () => {
		const response = await fetch(`${simulators.emanage.url}/__sim/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'e2e@example.com' }) });
		return Number(((await response.json()) as { orderId: number }).orderId);
	};

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-emanage-'));
		simulators = await startSimulators({ names: ['emanage'] });
		port = await freePort();
		n8n = await launch();
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		rmSync(userFolder, { recursive: true, force: true });
	});

	it('lists the eManageCRM and CTRwow nodes under the package prefix', async () => {
		expect(await n8n!.packageNodeTypes()).toEqual(expect.arrayContaining(['n8n-nodes-shop-sync.eManageCrm', 'n8n-nodes-shop-sync.eManageCrmTrigger', 'n8n-nodes-shop-sync.ctrwow']));
	});

	it('catches up on publication, then polls a new order once, also across a restart', async () => {
		// n8n polls once when it publishes the workflow: the orders since the start date (the test order left out).
		const first = await until('the catch-up execution', async () => ((await received()).length >= 1 ? await received() : undefined), 120_000);
		expect(first).toEqual([[1, 2]]);

		const orderId = await placeOrder();
		const second = await until('the new order is polled', async () => {
			const batches = await received();
			return batches.length >= 2 ? batches : undefined;
		}, 150_000);
		expect(second).toEqual([[1, 2], [orderId]]);

		// Restart: the activation poll and the next scheduled one report nothing already seen.
		await n8n!.stop();
		n8n = await launch();
		const afterRestart = await placeOrder();
		const third = await until('the order placed after the restart is polled', async () => {
			const batches = await received();
			return batches.length >= 3 ? batches : undefined;
		}, 150_000);
		expect(third).toEqual([[1, 2], [orderId], [afterRestart]]);
		// After the restart n8n polled from the stored mark, not from the start date again.
		const polls = simulators.emanage.requests.filter((entry) => entry.path.startsWith('/order/'));
		expect(polls.length).toBeGreaterThanOrEqual(3);
		expect(polls[0].query.StartDate).toBe('2026-03-01 00:00:00');
		expect(polls[polls.length - 1].query.StartDate).not.toBe('2026-03-01 00:00:00');
	});
});
