import type { N8nInstance } from './n8nInstance';

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/**
 * Runs a workflow from one of its triggers the way the editor's "Execute workflow" button does
 * (`POST /rest/workflows/:id/run`), and waits until that execution has finished. Used for
 * schedule-triggered flows, whose schedule a test cannot wait for, and by `npm start` for the
 * one-off "Set Up CRM Tables (Once)" run an admin would click.
 */
export async function runFromTrigger(n8n: N8nInstance, workflowId: string, triggerName: string, timeoutMs = 600_000): Promise<{ id: string; status: string }> {
	const started = await n8n.rest<{ data: { executionId: string } }>('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
	if (started.status !== 200) throw new Error(`Running ${workflowId} from "${triggerName}" answered HTTP ${started.status}: ${JSON.stringify(started.data)}`);
	const id = started.data.data.executionId;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await n8n.rest<{ data: { status: string } }>('GET', `/rest/executions/${id}`);
		const status = response.status === 200 ? response.data.data.status : '';
		if (FINISHED.includes(status)) return { id, status };
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`Execution ${id} of ${workflowId} did not finish within ${timeoutMs / 1000} s`);
}

/**
 * What an admin does once before publishing order intake: run its "Set Up CRM Tables (Once)"
 * (BigQuery dataset, tables and view; the n8n data table of sent notifications). Throws unless it
 * succeeded.
 */
export async function setUpCrmTables(n8n: N8nInstance): Promise<void> {
	const setup = await runFromTrigger(n8n, 'shopSyncOrderIntake', 'Set Up CRM Tables (Once)');
	if (setup.status !== 'success') throw new Error(`"Set Up CRM Tables (Once)" of order intake ended ${setup.status} (execution ${setup.id})`);
}
