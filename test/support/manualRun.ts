import type { N8nInstance } from '../../scripts/lib/n8nInstance';
import { until } from './until';

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/**
 * Runs a workflow from one of its triggers the way the editor's "Execute workflow" button does
 * (`POST /rest/workflows/:id/run`), and waits until that execution has finished. Used for
 * schedule-triggered flows, whose schedule a test cannot wait for.
 */
export async function runFromTrigger(n8n: N8nInstance, workflowId: string, triggerName: string, timeoutMs = 600_000): Promise<{ id: string; status: string }> {
	const started = await n8n.rest<{ data: { executionId: string } }>('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
	if (started.status !== 200) throw new Error(`Running ${workflowId} from "${triggerName}" answered HTTP ${started.status}: ${JSON.stringify(started.data)}`);
	const id = started.data.data.executionId;
	let status = '';
	await until(`execution ${id} of ${workflowId} has finished`, async () => {
		const response = await n8n.rest<{ data: { status: string } }>('GET', `/rest/executions/${id}`);
		status = response.status === 200 ? response.data.data.status : '';
		return FINISHED.includes(status);
	}, timeoutMs, 500);
	return { id, status };
}
