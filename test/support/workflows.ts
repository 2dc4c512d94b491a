import type { INodeCredentials, INodeParameters, IWorkflowBase } from 'n8n-workflow';

export interface SingleNodeWorkflow {
	id: string;
	name: string;
	nodeName: string;
	/** Full node type, e.g. n8n-nodes-shop-sync.manyChat. */
	type: string;
	parameters: INodeParameters;
	credentials?: INodeCredentials;
}

/** Start → one node, as the editor would save it. Used by node tests and benchmarks alike. */
export function singleNodeWorkflow(spec: SingleNodeWorkflow): IWorkflowBase {
	return {
		id: spec.id,
		name: spec.name,
		active: false,
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'node',
				name: spec.nodeName,
				type: spec.type,
				typeVersion: 1,
				position: [220, 0],
				parameters: spec.parameters,
				...(spec.credentials ? { credentials: spec.credentials } : {}),
			},
		],
		connections: { Start: { main: [[{ node: spec.nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}

export const MANYCHAT_CREDENTIAL: INodeCredentials = { manyChatApi: { id: 'shopSyncManyChat', name: 'ManyChat' } };

export const BIGQUERY_CREDENTIAL: INodeCredentials = { orderStoreBigQueryApi: { id: 'shopSyncBigQuery', name: 'BigQuery CRM' } };
