/** datasets.get/insert and tables.get/insert/patch, as the Node client calls them. */
import type { Route, SimContext, SimRequest, SimResponse } from '../frame/types';
import { duckType, syncTables } from './engine';
import { bqError } from './responses';
import { type BigQueryState, datasetKey, type FieldSchema, type TableRecord, tableKey } from './state';
import { SqlError } from './translate';

const ID = /^[A-Za-z0-9_]{1,1024}$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,299}$/;
const TYPES = ['STRING', 'BYTES', 'INTEGER', 'INT64', 'FLOAT', 'FLOAT64', 'NUMERIC', 'BIGNUMERIC', 'BOOLEAN', 'BOOL', 'TIMESTAMP', 'DATE', 'TIME', 'DATETIME', 'GEOGRAPHY', 'JSON', 'RECORD', 'STRUCT'];
const CLUSTERABLE = ['STRING', 'INTEGER', 'INT64', 'NUMERIC', 'BIGNUMERIC', 'BOOLEAN', 'BOOL', 'TIMESTAMP', 'DATE', 'DATETIME', 'GEOGRAPHY'];

const now = () => String(Date.now());

function datasetResource(state: BigQueryState, projectId: string, datasetId: string) {
	const dataset = state.datasets[datasetKey(projectId, datasetId)];
	return {
		kind: 'bigquery#dataset',
		id: `${projectId}:${datasetId}`,
		datasetReference: { projectId, datasetId },
		location: dataset.location,
		creationTime: dataset.creationTime,
		lastModifiedTime: dataset.creationTime,
		...(dataset.description ? { description: dataset.description } : {}),
	};
}

function tableResource(table: TableRecord) {
	return {
		kind: 'bigquery#table',
		id: `${table.projectId}:${table.datasetId}.${table.tableId}`,
		tableReference: { projectId: table.projectId, datasetId: table.datasetId, tableId: table.tableId },
		type: table.type,
		creationTime: table.creationTime,
		lastModifiedTime: table.lastModifiedTime,
		...(table.schema ? { schema: table.schema } : {}),
		...(table.timePartitioning ? { timePartitioning: table.timePartitioning } : {}),
		...(table.clustering ? { clustering: table.clustering } : {}),
		...(table.view ? { view: { query: table.view.query, useLegacySql: false } } : {}),
		...(table.description ? { description: table.description } : {}),
		...(table.type === 'TABLE'
			? {
					numRows: '0', // committed storage; streamed rows are reported in streamingBuffer, as in BigQuery
					...(table.rowArrivals.length ? { streamingBuffer: { estimatedRows: String(table.rows.length), oldestEntryTime: String(Math.min(...table.rowArrivals.filter(Boolean), Date.now())) } } : {}),
				}
			: {}),
	};
}

export function datasetNotFound(projectId: string, datasetId: string): SimResponse {
	return bqError(404, `Not found: Dataset ${projectId}:${datasetId}`);
}

function getDataset(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const { projectId, datasetId } = req.params;
	if (!ctx.state.datasets[datasetKey(projectId, datasetId)]) return datasetNotFound(projectId, datasetId);
	return { status: 200, body: datasetResource(ctx.state, projectId, datasetId) };
}

function insertDataset(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const { projectId } = req.params;
	const body = (req.body ?? {}) as { datasetReference?: { datasetId?: string; projectId?: string }; location?: string; description?: string };
	const datasetId = body.datasetReference?.datasetId ?? '';
	if (!ID.test(datasetId)) return bqError(400, `Invalid dataset ID "${datasetId}". Dataset IDs must be alphanumeric (plus underscores) and must be at most 1024 characters long.`);
	const key = datasetKey(projectId, datasetId);
	if (ctx.state.datasets[key]) return bqError(409, `Already Exists: Dataset ${projectId}:${datasetId}`);
	ctx.state.datasets[key] = { projectId, datasetId, location: body.location ?? 'US', creationTime: now(), ...(body.description ? { description: body.description } : {}) };
	ctx.changed();
	return { status: 200, body: datasetResource(ctx.state, projectId, datasetId) };
}

function schemaProblem(fields: unknown, path = ''): string | undefined {
	if (!Array.isArray(fields) || fields.length === 0) return `Schema${path ? ` of ${path}` : ''} has no fields.`;
	const seen = new Set<string>();
	for (const field of fields as FieldSchema[]) {
		const name = String(field?.name ?? '');
		const where = path ? `${path}.${name}` : name;
		if (!FIELD_NAME.test(name)) return `Invalid field name "${name}". Fields must contain only letters, numbers, and underscores, start with a letter or underscore, and be at most 300 characters long.`;
		if (seen.has(name.toLowerCase())) return `Field ${where} already exists in schema`;
		seen.add(name.toLowerCase());
		const type = String(field.type ?? '').toUpperCase();
		if (!TYPES.includes(type)) return `Invalid value for type: ${String(field.type)} is not a valid value`;
		field.type = type === 'STRUCT' ? 'RECORD' : type;
		if (field.mode !== undefined && !['NULLABLE', 'REQUIRED', 'REPEATED'].includes(field.mode)) return `Invalid value for mode: ${String(field.mode)} is not a valid value`;
		if (field.type === 'RECORD') {
			const nested = schemaProblem(field.fields, where);
			if (nested) return nested;
		}
	}
	return undefined;
}

function tablesProblem(body: Partial<TableRecord>, fields: FieldSchema[]): string | undefined {
	const partition = body.timePartitioning;
	if (partition) {
		if (!['DAY', 'HOUR', 'MONTH', 'YEAR'].includes(partition.type)) return `Invalid value for timePartitioning.type: ${partition.type}`;
		if (partition.field) {
			const column = fields.find((field) => field.name === partition.field);
			if (!column) return `The field specified for partitioning cannot be found in the schema: ${partition.field}`;
			if (!['TIMESTAMP', 'DATE', 'DATETIME'].includes(column.type) || column.mode === 'REPEATED') return `Partitioning field ${partition.field} must be a top-level TIMESTAMP, DATE or DATETIME field`;
		}
	}
	const clustering = body.clustering?.fields ?? [];
	if (clustering.length > 4) return 'Too many clustering fields: at most 4 are allowed';
	for (const name of clustering) {
		const column = fields.find((field) => field.name === name);
		if (!column) return `The field specified for clustering cannot be found in the schema: ${name}`;
		if (!CLUSTERABLE.includes(column.type) || column.mode === 'REPEATED') return `Field ${name} is of type ${column.type}${column.mode === 'REPEATED' ? ' (REPEATED)' : ''} which is not supported for clustering`;
	}
	return undefined;
}

function getTable(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const { projectId, datasetId, tableId } = req.params;
	if (!ctx.state.datasets[datasetKey(projectId, datasetId)]) return datasetNotFound(projectId, datasetId);
	const table = ctx.state.tables[tableKey(projectId, datasetId, tableId)];
	if (!table) return bqError(404, `Not found: Table ${projectId}:${datasetId}.${tableId}`);
	return { status: 200, body: tableResource(table) };
}

async function checkView(ctx: SimContext<BigQueryState>, key: string, previous: TableRecord | undefined): Promise<SimResponse | undefined> {
	try {
		await syncTables(ctx.state);
		return undefined;
	} catch (error) {
		if (previous) ctx.state.tables[key] = previous;
		else delete ctx.state.tables[key];
		const message = error instanceof SqlError || error instanceof Error ? error.message : String(error);
		return bqError(400, `Invalid view query: ${message}`, 'invalidQuery');
	}
}

async function insertTable(req: SimRequest, ctx: SimContext<BigQueryState>): Promise<SimResponse> {
	const { projectId, datasetId } = req.params;
	if (!ctx.state.datasets[datasetKey(projectId, datasetId)]) return datasetNotFound(projectId, datasetId);
	const body = (req.body ?? {}) as Partial<TableRecord> & { tableReference?: { tableId?: string } };
	const tableId = body.tableReference?.tableId ?? '';
	if (!ID.test(tableId)) return bqError(400, `Invalid table ID "${tableId}".`);
	const key = tableKey(projectId, datasetId, tableId);
	if (ctx.state.tables[key]) return bqError(409, `Already Exists: Table ${projectId}:${datasetId}.${tableId}`);
	const isView = Boolean(body.view?.query);
	if (!isView) {
		const problem = schemaProblem(body.schema?.fields) ?? tablesProblem(body, body.schema?.fields ?? []);
		if (problem) return bqError(400, problem);
		for (const field of body.schema!.fields) duckType(field);
	}
	if (isView && body.view?.useLegacySql === true) return bqError(400, 'The simulator runs Standard SQL views only (useLegacySql: false).');
	const stamp = now();
	ctx.state.tables[key] = {
		projectId,
		datasetId,
		tableId,
		type: isView ? 'VIEW' : 'TABLE',
		...(isView ? { view: { query: body.view!.query, useLegacySql: false } } : { schema: { fields: body.schema!.fields } }),
		...(body.timePartitioning && !isView ? { timePartitioning: body.timePartitioning } : {}),
		...(body.clustering && !isView ? { clustering: body.clustering } : {}),
		...(body.description ? { description: body.description } : {}),
		creationTime: stamp,
		lastModifiedTime: stamp,
		rows: [],
		rowArrivals: [],
		insertIds: {},
	};
	if (isView) {
		const refused = await checkView(ctx, key, undefined);
		if (refused) return refused;
	}
	ctx.changed();
	return { status: 200, body: tableResource(ctx.state.tables[key]) };
}

/** tables.patch: a view's query, the description, or new NULLABLE columns (as BigQuery allows). */
async function patchTable(req: SimRequest, ctx: SimContext<BigQueryState>): Promise<SimResponse> {
	const { projectId, datasetId, tableId } = req.params;
	const key = tableKey(projectId, datasetId, tableId);
	const table = ctx.state.tables[key];
	if (!table) return bqError(404, `Not found: Table ${projectId}:${datasetId}.${tableId}`);
	const previous = structuredClone(table);
	const body = (req.body ?? {}) as Partial<TableRecord>;
	if (body.view?.query !== undefined) {
		if (table.type !== 'VIEW') return bqError(400, `${tableId} is not a view`);
		table.view = { query: body.view.query, useLegacySql: false };
	}
	if (body.schema?.fields) {
		if (table.type !== 'TABLE') return bqError(400, 'A view has no schema to patch');
		const problem = schemaProblem(body.schema.fields);
		if (problem) return bqError(400, problem);
		const byName = new Map(body.schema.fields.map((field) => [field.name, field]));
		for (const field of table.schema!.fields) {
			if (!byName.has(field.name)) return bqError(400, `Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Cannot add fields (field: ${field.name}) — a column is missing.`);
		}
		for (const field of body.schema.fields) {
			const old = table.schema!.fields.find((entry) => entry.name === field.name);
			if (!old && field.mode === 'REQUIRED') return bqError(400, `Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Cannot add required fields to an existing schema. (field: ${field.name})`);
			if (old && (old.type !== field.type || (old.mode ?? 'NULLABLE') !== (field.mode ?? 'NULLABLE'))) return bqError(400, `Provided Schema does not match Table ${projectId}:${datasetId}.${tableId}. Field ${field.name} has changed type or mode.`);
		}
		table.schema = { fields: body.schema.fields };
		// Old rows get NULL in the new columns when DuckDB reloads them.
	}
	if (body.description !== undefined) table.description = body.description;
	table.lastModifiedTime = now();
	const refused = await checkView(ctx, key, previous);
	if (refused) return refused;
	ctx.changed();
	return { status: 200, body: tableResource(table) };
}

const base = '/bigquery/v2/projects/:projectId';

export const resourceRoutes: Array<Route<BigQueryState>> = [
	{ method: 'GET', path: `${base}/datasets/:datasetId`, handler: getDataset },
	{ method: 'POST', path: `${base}/datasets`, handler: insertDataset },
	{ method: 'GET', path: `${base}/datasets/:datasetId/tables/:tableId`, handler: getTable },
	{ method: 'POST', path: `${base}/datasets/:datasetId/tables`, handler: insertTable },
	{ method: 'PATCH', path: `${base}/datasets/:datasetId/tables/:tableId`, handler: patchTable },
];
