import type { ICredentialDataDecryptedObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { cegidSimulator } from '../../../simulators/cegid';
import { SIM_DATABASE, SIM_PASSWORD, SIM_USER } from '../../../simulators/cegid/state';
import { singleNodeWorkflow } from '../../support/workflows';
import { useSimulator } from '../harness/simulators';

export const NODE = 'CEGID';
export type Flavour = 'rest' | 'soap';

/** Start → CEGID node with the given parameters, as an editor would save it. */
export function cegidWorkflow(parameters: INodeParameters, settings: Record<string, unknown> = {}): IWorkflowBase {
	const workflow = singleNodeWorkflow({
		id: 'testCegidOps',
		name: 'CEGID operation (node test)',
		nodeName: NODE,
		type: 'n8n-nodes-shop-sync.cegid',
		parameters: { resource: 'customer', ...parameters },
		credentials: { cegidApi: { id: 'shopSyncCegid', name: 'CEGID' } },
	});
	Object.assign(workflow.nodes[1], settings);
	return workflow;
}

/** The CEGID simulator for a describe block, and credentials for one flavour pointing at it. */
export function useCegid() {
	const sim = useSimulator(cegidSimulator);
	const credentials = (flavour: Flavour, overrides: ICredentialDataDecryptedObject = {}) => ({
		cegidApi: {
			deployment: 'cloud',
			tenant: '90000000',
			cloudEnvironment: 'production',
			databaseId: SIM_DATABASE,
			authentication: 'basic',
			username: SIM_USER,
			password: SIM_PASSWORD,
			apiFlavour: flavour,
			baseUrl: `${sim.server.url}/Y2`,
			tokenUrl: `${sim.server.url}/p/as/connect/token`,
			clientId: 'CegidRetailResourceFlowClient',
			accessToken: '',
			...overrides,
		},
	});
	return { sim, credentials };
}
