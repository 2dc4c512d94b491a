import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

export const PARSER = 'Parse Delivery Email';

/** Start → Delivery Email Parser, with the given parameters. */
export function parserWorkflow(parameters: INodeParameters, id = 'emailParserTest'): IWorkflowBase {
	return {
		id,
		name: 'Delivery Email Parser (node test)',
		active: false,
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'p', name: PARSER, type: 'n8n-nodes-shop-sync.deliveryEmailParser', typeVersion: 1, position: [220, 0], parameters },
		],
		connections: { Start: { main: [[{ node: PARSER, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as unknown as IWorkflowBase;
}
