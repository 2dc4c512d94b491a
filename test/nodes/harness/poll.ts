import { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IWorkflowBase, WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentialsHelper';
import { prepare, type RunOptions } from './runWorkflow';

export interface PollOptions extends RunOptions {
	/**
	 * The node's static data as n8n stores it between polls. It is passed through JSON, so a later
	 * poll with the returned `staticData` behaves like one after an n8n restart.
	 */
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
}

export interface PollResult {
	/** Items of the first output, or null when the poll found nothing. */
	items: INodeExecutionData[] | null;
	/** The static data after the poll, as n8n would save it. */
	staticData: IDataObject;
	credentialsHelper: HarnessCredentialsHelper;
}

/**
 * Runs one poll of a polling trigger through n8n-core's real PollContext (what n8n's
 * ActiveWorkflows uses), with the node's static data restored from `staticData`.
 */
export async function runPoll(workflowData: IWorkflowBase, nodeName: string, options: PollOptions = {}): Promise<PollResult> {
	const { workflow, additionalData, credentialsHelper, nodeTypes } = await prepare(workflowData, options);
	const node = workflow.getNode(nodeName);
	if (!node) throw new Error(`No node "${nodeName}"`);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!nodeType.poll) throw new Error(`${node.type} is not a polling trigger`);
	const staticData = JSON.parse(JSON.stringify(options.staticData ?? {})) as IDataObject;
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'trigger',
		options.activation ?? 'activate',
		() => {},
		() => {},
		async () => {},
		async (poll) => await poll(),
		() => staticData,
	);
	const result = await nodeType.poll.call(context);
	return { items: result?.[0] ?? null, staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject, credentialsHelper };
}
