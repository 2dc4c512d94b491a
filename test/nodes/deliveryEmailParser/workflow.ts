import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { singleNodeWorkflow } from '../../support/workflows';

export const PARSER = 'Parse Delivery Email';

/** Start → Delivery Email Parser, with the given parameters. */
export function parserWorkflow(parameters: INodeParameters, id = 'emailParserTest'): IWorkflowBase {
	return singleNodeWorkflow({ id, name: 'Delivery Email Parser (node test)', nodeName: PARSER, type: 'n8n-nodes-shop-sync.deliveryEmailParser', parameters });
}
