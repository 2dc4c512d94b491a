/**
 * Queries: jobs.query (POST …/queries), jobs.insert (POST …/jobs) for query jobs, jobs.get and
 * jobs.getQueryResults (GET …/queries/{jobId}) with maxResults/pageToken/startIndex paging.
 * Every query runs to completion at once (jobComplete: true). Results are kept in memory for
 * paging, per simulator state.
 */
import { randomUUID } from 'node:crypto';

import type { Route, SimContext, SimRequest, SimResponse } from '../frame/types';
import { type QueryParameter, type QueryResult, runQuery } from './engine';
import { bqError } from './responses';
import type { BigQueryState } from './state';
import { SqlError } from './translate';

interface StoredJob {
	projectId: string;
	jobId: string;
	location: string;
	query: string;
	result: QueryResult;
	created: number;
}

const jobsByState = new WeakMap<BigQueryState, Map<string, StoredJob>>();
const MAX_KEPT_JOBS = 200;
const MAX_PAGE_BYTES = 10 * 1024 * 1024;

function jobs(state: BigQueryState): Map<string, StoredJob> {
	let map = jobsByState.get(state);
	if (!map) jobsByState.set(state, (map = new Map()));
	return map;
}

interface QueryBody {
	query?: string;
	useLegacySql?: boolean;
	parameterMode?: string;
	queryParameters?: QueryParameter[];
	defaultDataset?: { projectId?: string; datasetId?: string };
	maxResults?: number;
	location?: string;
	dryRun?: boolean;
	formatOptions?: { useInt64Timestamp?: boolean };
	jobReference?: { jobId?: string; location?: string };
}

async function execute(ctx: SimContext<BigQueryState>, projectId: string, body: QueryBody, jobId: string): Promise<StoredJob | SimResponse> {
	if (typeof body.query !== 'string' || body.query.trim() === '') return bqError(400, 'Query text is required', 'invalid');
	if (body.useLegacySql === true) return bqError(400, 'The simulator runs Standard SQL only (useLegacySql: false).', 'invalidQuery');
	if (body.parameterMode && body.parameterMode.toUpperCase() !== 'NAMED') return bqError(400, 'The simulator supports named query parameters only (parameterMode NAMED).', 'invalidQuery');
	try {
		const result = await runQuery(ctx.state, {
			query: body.query,
			projectId: body.defaultDataset?.projectId ?? projectId,
			defaultDatasetId: body.defaultDataset?.datasetId,
			parameters: body.queryParameters,
		});
		if (result.statementType !== 'SELECT') ctx.changed();
		const job: StoredJob = { projectId, jobId, location: body.location ?? body.jobReference?.location ?? 'US', query: body.query, result, created: Date.now() };
		const map = jobs(ctx.state);
		map.set(jobId, job);
		if (map.size > MAX_KEPT_JOBS) map.delete(map.keys().next().value!);
		return job;
	} catch (error) {
		const message = error instanceof Error ? error.message.replace(/^[A-Za-z ]+ Error: /, '') : String(error);
		if (/^Not found: /.test(message)) return bqError(404, message, 'notFound');
		return bqError(400, error instanceof SqlError ? message : `Query error: ${message}`, 'invalidQuery');
	}
}

function schemaOf(job: StoredJob) {
	return job.result.statementType === 'SELECT' ? { schema: { fields: job.result.fields } } : {};
}

/** One page of results; the page token is the next row offset. */
function page(job: StoredJob, maxResults: number | undefined, offset: number, defaultRows: number, useInt64Timestamp: boolean) {
	const { result } = job;
	const limit = maxResults !== undefined && maxResults >= 0 ? maxResults : defaultRows;
	const rows: unknown[] = [];
	let bytes = 0;
	let index = offset;
	while (index < result.rows.length && rows.length < limit) {
		const rest = result.toRest!(result.rows[index], { useInt64Timestamp });
		bytes += JSON.stringify(rest).length;
		if (rows.length > 0 && bytes > MAX_PAGE_BYTES) break;
		rows.push(rest);
		index++;
	}
	return {
		totalRows: String(result.rows.length),
		...(rows.length ? { rows } : {}),
		...(index < result.rows.length ? { pageToken: String(index) } : {}),
	};
}

function jobReference(job: StoredJob) {
	return { projectId: job.projectId, jobId: job.jobId, location: job.location };
}

function queryResponse(job: StoredJob, maxResults: number | undefined, defaultRows: number, useInt64Timestamp: boolean) {
	const isSelect = job.result.statementType === 'SELECT';
	return {
		kind: 'bigquery#queryResponse',
		jobReference: jobReference(job),
		jobComplete: true,
		cacheHit: false,
		totalBytesProcessed: '0',
		...schemaOf(job),
		...(isSelect ? page(job, maxResults, 0, defaultRows, useInt64Timestamp) : { totalRows: '0', numDmlAffectedRows: String(job.result.dmlAffectedRows ?? 0) }),
	};
}

async function jobsQuery(req: SimRequest, ctx: SimContext<BigQueryState>): Promise<SimResponse> {
	const body = (req.body ?? {}) as QueryBody;
	if (body.dryRun) return bqError(400, 'dryRun is not supported by the simulator');
	const outcome = await execute(ctx, req.params.projectId, body, `job_${randomUUID().replace(/-/g, '')}`);
	if ('status' in outcome) return outcome;
	return { status: 200, body: queryResponse(outcome, body.maxResults, ctx.state.settings.defaultPageRows, body.formatOptions?.useInt64Timestamp === true) };
}

function jobResource(job: StoredJob) {
	return {
		kind: 'bigquery#job',
		id: `${job.projectId}:${job.location}.${job.jobId}`,
		jobReference: jobReference(job),
		configuration: { query: { query: job.query, useLegacySql: false }, jobType: 'QUERY' },
		status: { state: 'DONE' },
		statistics: {
			creationTime: String(job.created),
			startTime: String(job.created),
			endTime: String(job.created),
			query: { statementType: job.result.statementType, totalBytesProcessed: '0', ...(job.result.dmlAffectedRows !== undefined ? { numDmlAffectedRows: String(job.result.dmlAffectedRows) } : {}) },
		},
	};
}

async function jobsInsert(req: SimRequest, ctx: SimContext<BigQueryState>): Promise<SimResponse> {
	const body = (req.body ?? {}) as { configuration?: { query?: QueryBody; dryRun?: boolean }; jobReference?: { jobId?: string; location?: string } };
	const query = body.configuration?.query;
	if (!query) return bqError(400, 'The simulator runs query jobs only (configuration.query).');
	if (body.configuration?.dryRun) return bqError(400, 'dryRun is not supported by the simulator');
	const jobId = body.jobReference?.jobId ?? `job_${randomUUID().replace(/-/g, '')}`;
	if (jobs(ctx.state).has(jobId)) return bqError(409, `Already Exists: Job ${req.params.projectId}:${body.jobReference?.location ?? 'US'}.${jobId}`);
	const outcome = await execute(ctx, req.params.projectId, { ...query, location: body.jobReference?.location }, jobId);
	if ('status' in outcome) return outcome;
	return { status: 200, body: jobResource(outcome) };
}

function findJob(req: SimRequest, ctx: SimContext<BigQueryState>): StoredJob | SimResponse {
	const job = jobs(ctx.state).get(req.params.jobId);
	if (!job || job.projectId !== req.params.projectId) return bqError(404, `Not found: Job ${req.params.projectId}:${req.query.location ?? 'US'}.${req.params.jobId}`);
	return job;
}

function jobsGet(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const job = findJob(req, ctx);
	return 'status' in job ? job : { status: 200, body: jobResource(job) };
}

function getQueryResults(req: SimRequest, ctx: SimContext<BigQueryState>): SimResponse {
	const job = findJob(req, ctx);
	if ('status' in job) return job;
	const maxResults = req.query.maxResults !== undefined ? Number(req.query.maxResults) : undefined;
	const offset = req.query.pageToken !== undefined ? Number(req.query.pageToken) : Number(req.query.startIndex ?? 0);
	if (!Number.isInteger(offset) || offset < 0) return bqError(400, `Invalid page token: ${req.query.pageToken}`);
	const useInt64Timestamp = req.query['formatOptions.useInt64Timestamp'] === 'true';
	const isSelect = job.result.statementType === 'SELECT';
	return {
		status: 200,
		body: {
			kind: 'bigquery#getQueryResultsResponse',
			jobReference: jobReference(job),
			jobComplete: true,
			cacheHit: false,
			totalBytesProcessed: '0',
			...schemaOf(job),
			...(isSelect ? page(job, maxResults, offset, ctx.state.settings.defaultPageRows, useInt64Timestamp) : { totalRows: '0', numDmlAffectedRows: String(job.result.dmlAffectedRows ?? 0) }),
		},
	};
}

const base = '/bigquery/v2/projects/:projectId';

export const jobRoutes: Array<Route<BigQueryState>> = [
	{ method: 'POST', path: `${base}/queries`, handler: jobsQuery },
	{ method: 'GET', path: `${base}/queries/:jobId`, handler: getQueryResults },
	{ method: 'POST', path: `${base}/jobs`, handler: jobsInsert },
	{ method: 'GET', path: `${base}/jobs/:jobId`, handler: jobsGet },
];
