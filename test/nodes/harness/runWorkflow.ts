import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INodeExecutionData,
	type INodeListSearchResult,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { readFileSync } from 'node:fs';

import { HarnessCredentialsHelper } from './credentialsHelper';
import { ensureDeduplication } from './deduplication';
import { loadPackage } from './nodeTypes';

export interface RunOptions {
	/** Decrypted credential data by credential type. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items the start node emits. */
	input?: IDataObject[];
	/** Binary data for the first input item, by property name (base64 `data`, as n8n stores it). */
	binary?: Record<string, { data: string; mimeType: string; fileName?: string }>;
	/** Overrides applied to node parameters by node name (e.g. to flip settings per test). */
	nodeSettings?: Record<string, Partial<IWorkflowBase['nodes'][number]>>;
}

export interface RunResult {
	run: IRun;
	credentialsHelper: HarnessCredentialsHelper;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node stopped with, if any. */
	error(nodeName: string): (Error & { description?: string; context?: IDataObject; httpCode?: string }) | undefined;
}

export function readWorkflow(file: string): IWorkflowBase {
	return JSON.parse(readFileSync(file, 'utf8')) as IWorkflowBase;
}

/** The engine's view of a workflow: nodes loaded from dist/, credentials, additional data. */
export async function prepare(workflowData: IWorkflowBase, options: RunOptions) {
	await ensureDeduplication();
	const { nodeTypes, credentialTypes } = await loadPackage();
	const nodes = workflowData.nodes.map((node) => ({ ...node, ...options.nodeSettings?.[node.name] }));
	const workflow = new Workflow({
		id: workflowData.id ?? 'test',
		name: workflowData.name,
		nodes,
		connections: workflowData.connections,
		nodeTypes,
		settings: workflowData.settings,
		active: false,
	});
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, options.credentials ?? {});
	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', workflowData);
	const additionalData = {
		hooks,
		credentialsHelper,
		executionId: 'harness-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formBaseUrl: 'http://localhost/form',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		formTestBaseUrl: 'http://localhost/form-test',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		mcpBaseUrl: 'http://localhost/mcp',
		mcpTestBaseUrl: 'http://localhost/mcp-test',
		variables: {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the node test harness');
		},
		startRunnerTask: async () => {
			throw new Error('Task runners (Code node) are not supported by the node test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, hooks, additionalData, credentialsHelper, nodeTypes };
}

/**
 * Runs a workflow JSON through n8n-core's real execution engine (WorkflowExecute), with this
 * package's built nodes loaded by n8n-core's PackageDirectoryLoader. HTTP goes out for real, so
 * the credentials should point at a simulator on loopback.
 */
export async function runWorkflow(workflowData: IWorkflowBase, options: RunOptions = {}): Promise<RunResult> {
	const { workflow, hooks, additionalData, credentialsHelper } = await prepare(workflowData, options);
	let resolveRun!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

	const startNode = workflow.getStartNode();
	if (!startNode) throw new Error(`${workflowData.name}: no start node`);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: {
						main: [
							(options.input ?? [{}]).map((json, index) => ({
								json,
								...(index === 0 && options.binary ? { binary: options.binary } : {}),
							})),
						],
					},
					source: null,
				},
			],
		},
	});

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;

	return {
		run,
		credentialsHelper,
		output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		error: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.error as ReturnType<RunResult['error']>,
	};
}

/**
 * Calls a node's list-search method (what a resource locator's "From List" mode shows) through
 * n8n-core's real LoadOptionsContext, as the editor does.
 */
export async function listSearch(
	workflowData: IWorkflowBase,
	nodeName: string,
	method: string,
	filter?: string,
	options: RunOptions = {},
): Promise<INodeListSearchResult> {
	const { workflow, additionalData, nodeTypes } = await prepare(workflowData, options);
	const node = workflow.getNode(nodeName);
	if (!node) throw new Error(`No node "${nodeName}"`);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${node.type} has no list search method "${method}"`);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await search.call(context, filter);
}
