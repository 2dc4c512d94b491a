import { join } from 'node:path';

import { resetSharedLimiters } from '../../../nodes/shared/transport/rateLimiter';
import { freePort } from '../../../scripts/lib/freePort';
import { SIMULATOR_API_KEY } from '../../../simulators/manychat/state';
import { readWorkflow, runWorkflow } from '../harness/runWorkflow';

const workflow = readWorkflow(join(__dirname, 'page-get-info.workflow.json'));

describe('ManyChat node when the service cannot be reached', () => {
	beforeEach(() => resetSharedLimiters());

	it('retries a refused connection, then names the base URL to check, without the key', async () => {
		const closedPort = await freePort();
		const result = await runWorkflow(workflow, {
			credentials: { manyChatApi: { apiKey: SIMULATOR_API_KEY, baseUrl: `http://127.0.0.1:${closedPort}` } },
		});

		const error = result.error('Get Page Info');
		expect(error?.message).toBe(
			`ManyChat: could not reach http://127.0.0.1:${closedPort}/fb/page/getInfo: the connection was refused (4 attempts)`,
		);
		expect(error?.description).toBe(
			'Check the base URL in the "ManyChat API" credential and that the service is reachable from n8n (network error ECONNREFUSED).',
		);
		expect(JSON.stringify(result.run.data)).not.toContain('SIMULATORKEY');
	});
});
