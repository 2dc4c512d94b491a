import { BigQuery, type BigQueryOptions, type Query } from '@google-cloud/bigquery';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../../shared/errors';
import { CredentialProblem, type ServiceAccount } from './account';
import { DeadlineExceeded, withDeadline, type DeadlineOptions } from './deadline';
import { accessToken, forgetToken, TokenRefused } from './token';

export interface Store {
	bq: BigQuery;
	account: ServiceAccount;
	/** Dataset for this node run (node setting or the credential's default). */
	dataset: string;
}

/**
 * A BigQuery client for the account. Authentication is ours (transport/token.ts), handed to the
 * client as a minimal auth client: the library's own token flow always posts to Google's token
 * URL, which the simulator cannot stand in for.
 */
export async function openStore(account: ServiceAccount, dataset: string): Promise<Store> {
	return { bq: await client(account), account, dataset };
}

async function client(account: ServiceAccount): Promise<BigQuery> {
	const token = await accessToken(account);
	const authClient = { getRequestHeaders: async () => new Headers({ authorization: `Bearer ${token}` }) };
	const options: BigQueryOptions = {
		projectId: account.projectId,
		location: account.location,
		authClient: authClient as unknown as BigQueryOptions['authClient'],
		retryOptions: { autoRetry: true, maxRetries: 3 },
		...(account.apiEndpoint ? { apiEndpoint: account.apiEndpoint } : {}),
	};
	return new BigQuery(options);
}

/**
 * Runs `task` against the store; when BigQuery refuses the cached access token (401), fetches a
 * new one and runs it once more. Safe for writes: every streamed row carries its insertId.
 */
export async function withStore<T>(store: Store, task: (store: Store) => Promise<T>): Promise<T> {
	let failure: unknown;
	try {
		return await task(store);
	} catch (error) {
		failure = error;
	}
	if (Number((failure as ClientError)?.code) !== 401) throw failure;
	forgetToken(store.account);
	store.bq = await client(store.account);
	return await task(store);
}

export const tablePath = (store: Store, table: string) => `\`${store.account.projectId}.${store.dataset}.${table}\``;

/** A BigQuery parameter type, as the client's `types` option takes it. */
export type ParamType = string | ParamType[] | { [field: string]: ParamType };

export interface TypedParams {
	params: Record<string, unknown>;
	types: Record<string, ParamType>;
}

/** The client sends TIMESTAMP, DATE, DATETIME and TIME values only when wrapped in its own classes. */
function clientValues(typed: TypedParams): Record<string, unknown> {
	const wrap: Record<string, (value: string) => unknown> = {
		TIMESTAMP: (value) => BigQuery.timestamp(value),
		DATE: (value) => BigQuery.date(value),
		DATETIME: (value) => BigQuery.datetime(value),
		TIME: (value) => BigQuery.time(value),
	};
	return Object.fromEntries(
		Object.entries(typed.params).map(([name, value]) => {
			const type = typed.types[name];
			return [name, typeof value === 'string' && typeof type === 'string' && wrap[type] ? wrap[type](value) : value];
		}),
	);
}

/**
 * Runs a query with named, typed parameters and returns plain rows (see plainValue). Each call has
 * a deadline (transport/deadline.ts); `deadline` overrides it (the user's own SQL may run long and
 * is not repeated).
 */
export async function query(store: Store, sql: string, typed: TypedParams, deadline: DeadlineOptions = {}): Promise<IDataObject[]> {
	const request: Query = {
		query: sql,
		params: clientValues(typed),
		types: typed.types as Query['types'],
		location: store.account.location,
		useLegacySql: false,
	};
	const [rows] = await withDeadline('a query', async () => await store.bq.query(request), deadline);
	return (rows as IDataObject[]).map((row) => plainValue(row) as IDataObject);
}

/** Client values → JSON: NUMERIC (Big) as decimal strings, dates and timestamps as ISO text. */
export function plainValue(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (Array.isArray(value)) return value.map(plainValue);
	if (typeof value !== 'object') return value;
	if (Buffer.isBuffer(value)) return value.toString('base64');
	const constructorName = (value as object).constructor?.name;
	if (constructorName === 'Big') return (value as { toFixed(): string }).toFixed();
	if (['BigQueryTimestamp', 'BigQueryDate', 'BigQueryDatetime', 'BigQueryTime', 'BigQueryInt', 'Geography'].includes(constructorName)) {
		return (value as { value: unknown }).value;
	}
	return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, plainValue(entry)]));
}

interface ClientError {
	code?: number | string;
	message?: string;
	errors?: Array<{ message?: string; reason?: string; location?: string }>;
	response?: { statusCode?: number };
}

/** Turns whatever the client or the token exchange threw into a NodeApiError without secrets. */
export function storeError(node: INode, error: unknown, account: ServiceAccount | undefined, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const secrets = account ? [account.privateKey, account.privateKey.trim()] : [];
	if (error instanceof CredentialProblem) {
		return new NodeOperationError(node, `BigQuery credential: ${error.message}`, { itemIndex, description: 'Open the Order Store credential and fix it.' });
	}
	if (error instanceof TokenRefused) {
		return new NodeApiError(node, { message: error.message } as JsonObject, {
			message: redactSecrets(`BigQuery: ${error.message}`, secrets),
			description: 'Check the service account key (is it deleted or disabled in Google Cloud?) and, for the simulator, the Token URL of the credential.',
			httpCode: String(error.status),
			itemIndex,
		});
	}
	if (error instanceof DeadlineExceeded) {
		return new NodeApiError(node, { message: error.message } as JsonObject, {
			message: `BigQuery: ${error.message}`,
			description: 'BigQuery or the network to it is not answering. Run the execution again later (the error workflow keeps it for npm run replay); saved orders are not stored twice.',
			itemIndex,
		});
	}
	const failure = (error ?? {}) as ClientError;
	const status = Number(failure.code ?? failure.response?.statusCode) || undefined;
	const reasons = (failure.errors ?? []).map((entry) => [entry.reason, entry.location].filter(Boolean).join(' at ')).filter(Boolean);
	const message = redactSecrets(`BigQuery: ${failure.message ?? String(error)}`, secrets);
	const description =
		status === 401
			? 'The access token was refused: check the service account key in the credential.'
			: status === 403
				? 'The service account lacks a permission: give it BigQuery Data Editor and BigQuery Job User on the project.'
				: status === 404
					? 'The dataset, table or view does not exist: run Setup → Ensure Schema once, or check the dataset name.'
					: reasons.length
						? `BigQuery reported: ${reasons.join('; ')}`
						: 'See the message; check the SQL, the dataset and the parameters.';
	return new NodeApiError(node, { message } as JsonObject, { message, description: redactSecrets(description, secrets), ...(status ? { httpCode: String(status) } : {}), itemIndex });
}
