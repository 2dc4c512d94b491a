import { SIMULATOR_CLIENT_EMAIL, SIMULATOR_PROJECT_ID, SIMULATOR_PUBLIC_KEY } from './testServiceAccount';

/** A BigQuery table field, as tables.insert takes it and tables.get returns it. */
export interface FieldSchema {
	name: string;
	type: string;
	mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
	fields?: FieldSchema[];
	description?: string;
}

export interface DatasetRecord {
	projectId: string;
	datasetId: string;
	location: string;
	creationTime: string;
	description?: string;
}

export interface TableRecord {
	projectId: string;
	datasetId: string;
	tableId: string;
	type: 'TABLE' | 'VIEW';
	schema?: { fields: FieldSchema[] };
	timePartitioning?: { type: string; field?: string; expirationMs?: string };
	clustering?: { fields: string[] };
	view?: { query: string; useLegacySql?: boolean };
	description?: string;
	creationTime: string;
	lastModifiedTime: string;
	/** Rows as they were streamed (the `json` of each accepted insertAll row), oldest first. */
	rows: Array<Record<string, unknown>>;
	/** When each row arrived (ms), parallel to rows: the streaming buffer, for the DML rule. */
	rowArrivals: number[];
	/** insertId → arrival (ms), pruned to the dedupe window. */
	insertIds: Record<string, number>;
}

export interface BigQueryState {
	/** client_email → public key and project, for the JWT-bearer token grant. */
	serviceAccounts: Record<string, { projectId: string; publicKeyPem: string }>;
	/** Access tokens handed out: token → account and expiry (ms). */
	tokens: Record<string, { clientEmail: string; expiresAt: number }>;
	datasets: Record<string, DatasetRecord>;
	/** By `project.dataset.table`, in creation order. */
	tables: Record<string, TableRecord>;
	settings: {
		/** insertId dedupe window (BigQuery: "at least one minute", best effort). */
		dedupeWindowMs: number;
		/** How long streamed rows stay in the streaming buffer, where DML cannot touch them. */
		streamingBufferMs: number;
		/** Rows per page when a query or getQueryResults request gives no maxResults. */
		defaultPageRows: number;
		/** Whether API calls need a bearer token from POST /token. */
		requireAuth: boolean;
	};
}

export const datasetKey = (projectId: string, datasetId: string) => `${projectId}.${datasetId}`;
export const tableKey = (projectId: string, datasetId: string, tableId: string) => `${projectId}.${datasetId}.${tableId}`;

export function initialBigQueryState(): BigQueryState {
	return {
		serviceAccounts: { [SIMULATOR_CLIENT_EMAIL]: { projectId: SIMULATOR_PROJECT_ID, publicKeyPem: SIMULATOR_PUBLIC_KEY } },
		tokens: {},
		datasets: {},
		tables: {},
		settings: { dedupeWindowMs: 60_000, streamingBufferMs: 30 * 60_000, defaultPageRows: 10_000, requireAuth: true },
	};
}
