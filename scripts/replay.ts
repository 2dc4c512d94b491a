/**
 * `npm run replay`: retries the failed executions the error handler recorded in the data table
 * `shop_sync_failed_events` (status `failed`), through n8n's public API, as the editor's "Retry"
 * does (from the failed node, with the execution's original data), and marks each row `replayed`
 * or `replay_failed`. A retry that fails again is recorded by the error handler as a new row.
 *
 *   N8N_URL       n8n's address (default http://localhost:5678)
 *   N8N_API_KEY   an API key with execution:read/retry and data table row read/update scopes
 *                 (default: the key `npm start` made, .runtime/dev/n8n/shop-sync-api-key)
 *   --load-workflow        retry with the workflow as saved now (default: as it was when it failed)
 *   --execution=<id>       only this failed execution
 *   --dry-run              list what would be retried
 */
import axios, { type AxiosInstance } from 'axios';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { API_KEY_FILE } from './lib/n8nApiKey';
import { RUNTIME_DIR } from './lib/paths';

export const FAILED_EVENTS_TABLE = 'shop_sync_failed_events';

interface FailedEventRow {
	id: number;
	executionId: string;
	workflowName: string;
	failedNode: string;
	status: string;
}

export interface ReplayOutcome {
	executionId: string;
	workflowName: string;
	result: 'replayed' | 'replay_failed' | 'dry_run';
	replayExecutionId?: string;
	reason?: string;
}

/** n8n's public API refuses query values with reserved characters unless fully URL-encoded. */
export const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

const statusFilter = (column: string, value: string | number) => ({ type: 'and', filters: [{ columnName: column, condition: 'eq', value }] });

async function failedRows(api: AxiosInstance, tableId: string, executionId?: string): Promise<FailedEventRow[]> {
	const rows: FailedEventRow[] = [];
	let cursor: string | undefined;
	do {
		const filter = executionId
			? { type: 'and', filters: [statusFilter('status', 'failed').filters[0], statusFilter('executionId', executionId).filters[0]] }
			: statusFilter('status', 'failed');
		const response = await api.get<{ data: FailedEventRow[]; nextCursor?: string | null }>(`/data-tables/${tableId}/rows?${query({ filter: JSON.stringify(filter), limit: '100', ...(cursor ? { cursor } : {}) })}`);
		rows.push(...response.data.data);
		cursor = response.data.nextCursor ?? undefined;
	} while (cursor);
	return rows;
}

/** Error text of a failed API call, without request headers (they carry the key). */
function reasonOf(error: unknown): string {
	if (axios.isAxiosError(error)) {
		const body = error.response?.data as { message?: string } | undefined;
		return `HTTP ${error.response?.status ?? 'no answer'}: ${body?.message ?? error.message}`;
	}
	return (error as Error).message;
}

export async function replayFailedEvents(options: { baseUrl: string; apiKey: string; loadWorkflow?: boolean; executionId?: string; dryRun?: boolean; log?: (line: string) => void }): Promise<ReplayOutcome[]> {
	const log = options.log ?? (() => {});
	const api = axios.create({ baseURL: `${options.baseUrl.replace(/\/$/, '')}/api/v1`, headers: { 'X-N8N-API-KEY': options.apiKey }, timeout: 10 * 60_000 });
	let tables;
	try {
		tables = await api.get<{ data: Array<{ id: string; name: string }> }>(`/data-tables?${query({ filter: JSON.stringify({ name: FAILED_EVENTS_TABLE }) })}`);
	} catch (error) {
		throw new Error(`Listing data tables failed (${reasonOf(error)}). Check N8N_URL and N8N_API_KEY.`);
	}
	const table = tables.data.data.find((entry) => entry.name === FAILED_EVENTS_TABLE);
	if (!table) {
		log(`No data table "${FAILED_EVENTS_TABLE}": nothing has failed since the error handler was set up.`);
		return [];
	}
	const rows = await failedRows(api, table.id, options.executionId);
	log(`${rows.length} failed event(s) to replay.`);
	const outcomes: ReplayOutcome[] = [];
	for (const row of rows) {
		const label = `execution ${row.executionId} of "${row.workflowName}" (failed at ${row.failedNode})`;
		if (options.dryRun) {
			outcomes.push({ executionId: row.executionId, workflowName: row.workflowName, result: 'dry_run' });
			log(`would retry ${label}`);
			continue;
		}
		let outcome: ReplayOutcome;
		try {
			const retried = await api.post<{ id: string; status: string }>(`/executions/${row.executionId}/retry`, { loadWorkflow: options.loadWorkflow ?? false });
			outcome = retried.data.status === 'success'
				? { executionId: row.executionId, workflowName: row.workflowName, result: 'replayed', replayExecutionId: String(retried.data.id) }
				: { executionId: row.executionId, workflowName: row.workflowName, result: 'replay_failed', replayExecutionId: String(retried.data.id), reason: `the retry ended with status ${retried.data.status}` };
		} catch (error) {
			outcome = { executionId: row.executionId, workflowName: row.workflowName, result: 'replay_failed', reason: reasonOf(error) };
		}
		await api.patch(`/data-tables/${table.id}/rows/update`, {
			filter: statusFilter('id', row.id),
			data: { status: outcome.result, replayedAt: new Date().toISOString(), replayExecutionId: outcome.replayExecutionId ?? '', replayError: outcome.reason ?? '' },
		});
		log(`${outcome.result === 'replayed' ? 'replayed' : 'FAILED to replay'} ${label}${outcome.replayExecutionId ? ` → execution ${outcome.replayExecutionId}` : ''}${outcome.reason ? `: ${outcome.reason}` : ''}`);
		outcomes.push(outcome);
	}
	return outcomes;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const unknown = args.filter((arg) => !/^--(load-workflow|dry-run|execution=\S+)$/.test(arg));
	if (unknown.length) throw new Error(`Unknown argument(s): ${unknown.join(' ')}. Use --load-workflow, --dry-run, --execution=<id>.`);
	const keyFile = join(RUNTIME_DIR, 'dev', 'n8n', API_KEY_FILE);
	const apiKey = process.env.N8N_API_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '');
	if (!apiKey) throw new Error(`Set N8N_API_KEY (n8n › Settings › n8n API), or run npm start, which writes ${keyFile}.`);
	const outcomes = await replayFailedEvents({
		baseUrl: process.env.N8N_URL ?? 'http://localhost:5678',
		apiKey,
		loadWorkflow: args.includes('--load-workflow'),
		dryRun: args.includes('--dry-run'),
		executionId: args.find((arg) => arg.startsWith('--execution='))?.slice('--execution='.length),
		log: (line) => console.log(`[replay] ${line}`),
	});
	const failed = outcomes.filter((outcome) => outcome.result === 'replay_failed').length;
	console.log(`[replay] ${outcomes.length - failed} replayed or listed, ${failed} failed.`);
	process.exitCode = failed > 0 ? 1 : 0;
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(`[replay] ${error.message}`);
		process.exit(1);
	});
}
