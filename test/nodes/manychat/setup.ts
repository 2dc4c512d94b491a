import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { resetSharedLimiters } from '../../../nodes/shared/transport/rateLimiter';
import { manyChatSimulator } from '../../../simulators/manychat';
import { SIMULATOR_API_KEY } from '../../../simulators/manychat/state';
import { manyChatContractProblems } from '../../support/manychatContract';
import { MANYCHAT_CREDENTIAL, singleNodeWorkflow } from '../../support/workflows';
import { useSimulator } from '../harness/simulators';

export const NODE = 'ManyChat';

/** Start → ManyChat node with the given parameters, as an editor would save it. */
export function manyChatWorkflow(parameters: INodeParameters, { credentials = true } = {}): IWorkflowBase {
	return singleNodeWorkflow({
		id: 'testManyChatOps',
		name: 'ManyChat operation (node test)',
		nodeName: NODE,
		type: 'n8n-nodes-shop-sync.manyChat',
		parameters,
		credentials: credentials ? MANYCHAT_CREDENTIAL : undefined,
	});
}

/**
 * The ManyChat simulator for a describe block. After every test, each request the node sent must
 * conform to ManyChat's OpenAPI description (contracts/manychat), so the node cannot drift from it.
 */
export function useManyChat() {
	const sim = useSimulator(manyChatSimulator);
	beforeEach(() => resetSharedLimiters());
	afterEach(() => {
		const problems = sim.server.requests.flatMap((request) =>
			manyChatContractProblems({ method: request.method, path: request.path, query: request.query, body: request.body }),
		);
		expect(problems).toEqual([]);
	});
	return {
		sim,
		credentials: () => ({ manyChatApi: { apiKey: SIMULATOR_API_KEY, baseUrl: sim.server.url } }),
	};
}
