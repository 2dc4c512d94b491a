import type { SimulatorDefinition } from '../frame/types';
import { authenticate, tokenGrant } from './auth';
import { insertAllRoutes } from './insertAll';
import { jobRoutes } from './jobs';
import { resourceRoutes } from './resources';
import { bqError } from './responses';
import { type BigQueryState, initialBigQueryState } from './state';

/**
 * Google BigQuery simulator: REST v2 as @google-cloud/bigquery calls it (datasets, tables,
 * tabledata.insertAll, jobs.query / jobs.insert / getQueryResults), SQL run by DuckDB after a
 * BigQuery → DuckDB translation (translate.ts), and Google's JWT-bearer token grant at POST /token.
 * Contract notes: contracts/bigquery/README.md.
 */
export const bigQuerySimulator: SimulatorDefinition<BigQueryState> = {
	name: 'bigquery',
	defaultPort: 4104,
	initialState: initialBigQueryState,
	routes: [{ method: 'POST', path: '/token', handler: tokenGrant }, ...resourceRoutes, ...insertAllRoutes, ...jobRoutes],
	authenticate,
	throttled: (retryAfterSeconds) => ({ ...bqError(429, 'Exceeded rate limits: too many api requests per user per method for this user_method.', 'rateLimitExceeded'), headers: { 'retry-after': String(retryAfterSeconds) } }),
	errorResponse: (status, message) => bqError(status, message),
	notFound: (req) => bqError(404, `Not found: URL ${req.method} ${req.path}`),
};
