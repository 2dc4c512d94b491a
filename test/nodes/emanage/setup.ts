import type { ICredentialDataDecryptedObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { eManageSimulator } from '../../../simulators/emanage';
import { SIM_CLIENT_ID, SIM_PASSWORD, SIM_USERNAME, SIM_WEB_KEY } from '../../../simulators/emanage/state';
import { singleNodeWorkflow } from '../../support/workflows';
import { useSimulator } from '../harness/simulators';

export const NODE = 'eManageCRM';
export const TRIGGER = 'eManageCRM Trigger';
export const CREDENTIAL = { eManageCrmApi: { id: 'shopSyncEManage', name: 'eManageCRM' } };

export function eManageWorkflow(parameters: INodeParameters, settings: Record<string, unknown> = {}): IWorkflowBase {
	const workflow = singleNodeWorkflow({
		id: 'testEManageOps',
		name: 'eManageCRM operation (node test)',
		nodeName: NODE,
		type: 'n8n-nodes-shop-sync.eManageCrm',
		parameters,
		credentials: CREDENTIAL,
	});
	Object.assign(workflow.nodes[1], settings);
	return workflow;
}

/** The trigger alone, as a published workflow would hold it. */
export function triggerWorkflow(parameters: INodeParameters): IWorkflowBase {
	return {
		id: 'testEManageTrigger',
		name: 'eManageCRM trigger (node test)',
		active: true,
		nodes: [{ id: 'trigger', name: TRIGGER, type: 'n8n-nodes-shop-sync.eManageCrmTrigger', typeVersion: 1, position: [0, 0], parameters, credentials: CREDENTIAL }],
		connections: {},
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}

export function useEManage() {
	const sim = useSimulator(eManageSimulator);
	const credentials = (overrides: ICredentialDataDecryptedObject = {}) => ({
		eManageCrmApi: {
			username: SIM_USERNAME,
			password: SIM_PASSWORD,
			apiBaseUrl: sim.server.url,
			webSalesBaseUrl: `${sim.server.url}/sales/api`,
			clientId: SIM_CLIENT_ID,
			defaultWebKey: SIM_WEB_KEY,
			settingsPageUrl: 'https://settings.example.test/sync',
			accessToken: '',
			...overrides,
		},
	});
	const control = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${sim.server.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
		return (await response.json()) as Record<string, unknown>;
	};
	return { sim, credentials, control };
}
