import { join } from 'node:path';

import { resetSharedLimiters } from '../../../nodes/shared/transport/rateLimiter';
import { manyChatSimulator } from '../../../simulators/manychat';
import { SIMULATOR_API_KEY } from '../../../simulators/manychat/state';
import { readWorkflow, runWorkflow } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulators';

const workflow = readWorkflow(join(__dirname, 'page-get-info.workflow.json'));

// 300 paced requests take at least 3.3 s by design; on a loaded machine more. Not a timing check.
jest.setTimeout(60_000);
const NODE = 'Get Page Info';

describe('ManyChat client-side rate limit (simulator enforces the documented 100 requests/s)', () => {
	const sim = useSimulator(manyChatSimulator);
	beforeEach(() => resetSharedLimiters());

	it('holds across the items of one execution and across concurrent executions', async () => {
		const itemsPerExecution = 150;
		const input = Array.from({ length: itemsPerExecution }, (_, n) => ({ n }));
		const credentials = { manyChatApi: { apiKey: SIMULATOR_API_KEY, baseUrl: sim.server.url } };

		const runs = await Promise.all([
			runWorkflow(workflow, { credentials, input }),
			runWorkflow(workflow, { credentials, input }),
		]);

		for (const result of runs) {
			expect(result.run.status).toBe('success');
			expect(result.output(NODE)).toHaveLength(itemsPerExecution);
		}
		const requests = sim.server.requests;
		expect(requests).toHaveLength(2 * itemsPerExecution);
		// Had either execution ignored the other, the simulator would have answered 429 here.
		expect(requests.filter((request) => request.outcome === 'throttled')).toEqual([]);
	});

	it('is needed: without it, the same load trips the limit', async () => {
		// Control experiment with the same simulator, bypassing the node: 300 requests at once.
		const attempts = await Promise.all(
			Array.from({ length: 300 }, async () =>
				(await fetch(`${sim.server.url}/fb/page/getInfo`, { headers: { authorization: `Bearer ${SIMULATOR_API_KEY}` } })).status,
			),
		);
		expect(attempts.filter((status) => status === 429).length).toBeGreaterThan(0);
	});
});
