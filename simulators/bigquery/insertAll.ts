/**
 * tabledata.insertAll: BigQuery's documented request limits (10 MB per HTTP request, 50,000 rows),
 * per-row schema errors, `skipInvalidRows` (without it one bad row stops the whole request: the
 * others come back as "stopped"), `ignoreUnknownValues`, and best-effort `insertId` dedupe within a
 * window (one minute by default).
 */
import type { Route, SimContext, SimRequest, SimResponse } from '../frame/types';
import { datasetNotFound } from './resources';
import { bqError } from './responses';
import { checkRow, type RowError } from './rows';
import { type BigQueryState, datasetKey, tableKey } from './state';

export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS_PER_REQUEST = 50_000;

interface InsertAllBody {
	rows?: Array<{ insertId?: string; json?: unknown }>;
	skipInvalidRows?: boolean;
	ignoreUnknownValues?: boolean;
	templateSuffix?: string;
}

function insertAll(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const { projectId, datasetId, tableId } = req.params;
	if (req.rawBody.length > MAX_REQUEST_BYTES) {
		return bqError(413, `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`, 'invalid');
	}
	if (!ctx.state.datasets[datasetKey(projectId, datasetId)]) return datasetNotFound(projectId, datasetId);
	const table = ctx.state.tables[tableKey(projectId, datasetId, tableId)];
	if (!table) return bqError(404, `Not found: Table ${projectId}:${datasetId}.${tableId}`);
	if (table.type === 'VIEW') return bqError(400, `Cannot add rows to a view: ${projectId}:${datasetId}.${tableId}`);
	const body = (req.body ?? {}) as InsertAllBody;
	if (body.templateSuffix) return bqError(400, 'templateSuffix is not supported by the simulator');
	const rows = Array.isArray(body.rows) ? body.rows : [];
	if (rows.length === 0) return bqError(400, 'No rows present in the request.');
	if (rows.length > MAX_ROWS_PER_REQUEST) return bqError(400, `too many rows present in the request, limit: ${MAX_ROWS_PER_REQUEST} row count: ${rows.length}.`);

	const fields = table.schema?.fields ?? [];
	const checked = rows.map((entry) => checkRow(fields, entry?.json, body.ignoreUnknownValues === true));
	const insertErrors: Array<{ index: number; errors: RowError[] }> = [];
	checked.forEach((result, index) => {
		if (result.errors.length) insertErrors.push({ index, errors: result.errors });
	});
	if (insertErrors.length > 0 && body.skipInvalidRows !== true) {
		// Nothing is written; every valid row is reported as stopped.
		const stopped = checked.flatMap((result, index) => (result.errors.length ? [] : [{ index, errors: [{ reason: 'stopped', location: '', debugInfo: '', message: '' }] }]));
		return { status: 200, body: { kind: 'bigquery#tableDataInsertAllResponse', insertErrors: [...insertErrors, ...stopped].sort((a, b) => a.index - b.index) } };
	}

	const now = Date.now();
	for (const [id, at] of Object.entries(table.insertIds)) if (now - at > ctx.state.settings.dedupeWindowMs) delete table.insertIds[id];
	checked.forEach((result, index) => {
		if (!result.row) return;
		const insertId = rows[index].insertId;
		if (insertId) {
			if (table.insertIds[insertId] !== undefined) return; // a duplicate within the window: dropped silently
			table.insertIds[insertId] = now;
		}
		table.rows.push(result.row);
		table.rowArrivals.push(now);
	});
	ctx.changed();
	return { status: 200, body: { kind: 'bigquery#tableDataInsertAllResponse', ...(insertErrors.length ? { insertErrors } : {}) } };
}

export const insertAllRoutes: Array<Route<BigQueryState>> = [
	{ method: 'POST', path: '/bigquery/v2/projects/:projectId/datasets/:datasetId/tables/:tableId/insertAll', handler: insertAll },
];
