/**
 * The SQL engine behind the BigQuery simulator: an in-memory DuckDB database per simulator state.
 * The state (JSON: datasets, tables, streamed rows) is the source of truth and survives restarts;
 * DuckDB is a cache rebuilt from it on demand (after a reset or a reload) and kept in step as rows
 * arrive. Each BigQuery dataset is a DuckDB schema named "project.dataset".
 */
import {
	DuckDBDateValue,
	DuckDBDecimalValue,
	type DuckDBConnection,
	DuckDBInstance,
	DuckDBListValue,
	DuckDBStructValue,
	DuckDBTimestampTZValue,
	DuckDBTimestampValue,
	type DuckDBType,
	DuckDBTypeId,
	type DuckDBValue,
	VARCHAR,
} from '@duckdb/node-api';

import type { BigQueryState, FieldSchema, TableRecord } from './state';
import { SqlError, statementKind, translate } from './translate';

// ---------------------------------------------------------------------------------------------
// BigQuery types ↔ DuckDB types

const SCALARS: Record<string, string> = {
	STRING: 'VARCHAR',
	BYTES: 'BLOB',
	INTEGER: 'BIGINT',
	INT64: 'BIGINT',
	FLOAT: 'DOUBLE',
	FLOAT64: 'DOUBLE',
	NUMERIC: 'DECIMAL(38,9)',
	// BIGNUMERIC has 76 digits; DuckDB stops at 38. Stored as NUMERIC here (documented).
	BIGNUMERIC: 'DECIMAL(38,9)',
	BOOLEAN: 'BOOLEAN',
	BOOL: 'BOOLEAN',
	TIMESTAMP: 'TIMESTAMPTZ',
	DATE: 'DATE',
	TIME: 'TIME',
	DATETIME: 'TIMESTAMP',
	JSON: 'JSON',
	GEOGRAPHY: 'VARCHAR',
};

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function isRecord(field: FieldSchema): boolean {
	return field.type === 'RECORD' || field.type === 'STRUCT';
}

/** DuckDB column type for a BigQuery field. */
export function duckType(field: FieldSchema): string {
	const base = isRecord(field)
		? `STRUCT(${(field.fields ?? []).map((child) => `${quoteIdent(child.name)} ${duckType(child)}`).join(', ')})`
		: SCALARS[field.type];
	if (!base) throw new SqlError(`Unsupported field type ${field.type} for field ${field.name}`);
	return field.mode === 'REPEATED' ? `${base}[]` : base;
}

/** from_json structure for a field. */
function structure(field: FieldSchema): unknown {
	const base = isRecord(field) ? Object.fromEntries((field.fields ?? []).map((child) => [child.name, structure(child)])) : SCALARS[field.type] === 'JSON' ? 'JSON' : SCALARS[field.type];
	return field.mode === 'REPEATED' ? [base] : base;
}

const scalarFromParameterType = (type: string): string => {
	const mapped = SCALARS[type];
	if (!mapped) throw new SqlError(`Unsupported query parameter type: ${type}`);
	return mapped;
};

export interface ParameterType {
	type: string;
	arrayType?: ParameterType;
	structTypes?: Array<{ name?: string; type: ParameterType }>;
}

export interface ParameterValue {
	value?: string | null;
	arrayValues?: ParameterValue[];
	structValues?: Record<string, ParameterValue>;
}

export interface QueryParameter {
	name?: string;
	parameterType: ParameterType;
	parameterValue?: ParameterValue;
}

function parameterStructure(type: ParameterType): unknown {
	if (type.type === 'ARRAY') return [parameterStructure(type.arrayType ?? { type: 'STRING' })];
	if (type.type === 'STRUCT') return Object.fromEntries((type.structTypes ?? []).map((entry, index) => [entry.name ?? `_field_${index + 1}`, parameterStructure(entry.type)]));
	return scalarFromParameterType(type.type);
}

function parameterJson(type: ParameterType, value: ParameterValue | undefined): unknown {
	if (!value) return null;
	if (type.type === 'ARRAY') return (value.arrayValues ?? []).map((entry) => parameterJson(type.arrayType ?? { type: 'STRING' }, entry));
	if (type.type === 'STRUCT') {
		if (!value.structValues) return null;
		return Object.fromEntries((type.structTypes ?? []).map((entry, index) => {
			const name = entry.name ?? `_field_${index + 1}`;
			return [name, parameterJson(entry.type, value.structValues?.[name])];
		}));
	}
	return value.value ?? null;
}

// ---------------------------------------------------------------------------------------------
// DuckDB results → BigQuery REST

export interface ResultField {
	name: string;
	type: string;
	mode: 'NULLABLE' | 'REPEATED';
	fields?: ResultField[];
}

function resultField(name: string, type: DuckDBType): ResultField {
	if (type.typeId === DuckDBTypeId.LIST || type.typeId === DuckDBTypeId.ARRAY) {
		return { ...resultField(name, (type as unknown as { valueType: DuckDBType }).valueType), mode: 'REPEATED' };
	}
	if (type.typeId === DuckDBTypeId.STRUCT) {
		const struct = type as unknown as { entryNames: readonly string[]; entryTypes: readonly DuckDBType[] };
		return { name, type: 'RECORD', mode: 'NULLABLE', fields: struct.entryNames.map((entry, index) => resultField(entry, struct.entryTypes[index])) };
	}
	const byId: Partial<Record<DuckDBTypeId, string>> = {
		[DuckDBTypeId.BOOLEAN]: 'BOOLEAN',
		[DuckDBTypeId.TINYINT]: 'INTEGER',
		[DuckDBTypeId.SMALLINT]: 'INTEGER',
		[DuckDBTypeId.INTEGER]: 'INTEGER',
		[DuckDBTypeId.BIGINT]: 'INTEGER',
		[DuckDBTypeId.HUGEINT]: 'INTEGER',
		[DuckDBTypeId.UTINYINT]: 'INTEGER',
		[DuckDBTypeId.USMALLINT]: 'INTEGER',
		[DuckDBTypeId.UINTEGER]: 'INTEGER',
		[DuckDBTypeId.UBIGINT]: 'INTEGER',
		[DuckDBTypeId.FLOAT]: 'FLOAT',
		[DuckDBTypeId.DOUBLE]: 'FLOAT',
		[DuckDBTypeId.DECIMAL]: 'NUMERIC',
		[DuckDBTypeId.VARCHAR]: type.alias === 'JSON' ? 'JSON' : 'STRING',
		[DuckDBTypeId.BLOB]: 'BYTES',
		[DuckDBTypeId.TIMESTAMP_TZ]: 'TIMESTAMP',
		[DuckDBTypeId.TIMESTAMP]: 'DATETIME',
		[DuckDBTypeId.DATE]: 'DATE',
		[DuckDBTypeId.TIME]: 'TIME',
		[DuckDBTypeId.SQLNULL]: 'INTEGER',
	};
	const bqType = byId[type.typeId];
	if (!bqType) throw new SqlError(`The simulator cannot return a column of DuckDB type ${type.toString()} (${name})`);
	return { name, type: bqType, mode: 'NULLABLE' };
}

/** NUMERIC as BigQuery writes it: no trailing zeros, no trailing dot. */
export function canonicalDecimal(text: string): string {
	if (!text.includes('.')) return text;
	return text.replace(/0+$/, '').replace(/\.$/, '');
}

const pad = (value: number | bigint, width = 2) => String(value).padStart(width, '0');

function microsToIso(micros: bigint): string {
	const millis = Number(micros / 1000n);
	const date = new Date(millis);
	const fraction = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
	return `${date.toISOString().slice(0, 19)}${fraction ? `.${pad(fraction, 6)}` : ''}Z`;
}

export interface TimestampFormat {
	useInt64Timestamp: boolean;
}

type RestCell = { v: unknown };

function restValue(value: DuckDBValue, field: ResultField, format: TimestampFormat): unknown {
	if (value === null || value === undefined) return null;
	if (value instanceof DuckDBListValue) {
		const single = { ...field, mode: 'NULLABLE' as const };
		return value.items.map((item) => ({ v: restValue(item, single, format) }));
	}
	if (value instanceof DuckDBStructValue) {
		return { f: (field.fields ?? []).map((child) => ({ v: restValue(value.entries[child.name], child, format) })) };
	}
	if (value instanceof DuckDBDecimalValue) return canonicalDecimal(value.toString());
	if (value instanceof DuckDBTimestampTZValue) {
		return format.useInt64Timestamp ? value.micros.toString() : String(Number(value.micros) / 1e6);
	}
	if (value instanceof DuckDBTimestampValue) return microsToIso(value.micros).replace(/Z$/, '');
	if (value instanceof DuckDBDateValue) return value.toString();
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'bigint' || typeof value === 'number') return String(value);
	if (typeof value === 'string') return value;
	return String(value);
}

/** A stored value as plain JSON (for the state file): numbers as strings where BigQuery does. */
function plainValue(value: DuckDBValue): unknown {
	if (value === null || value === undefined) return null;
	if (value instanceof DuckDBListValue) return value.items.map(plainValue);
	if (value instanceof DuckDBStructValue) return Object.fromEntries(Object.entries(value.entries).map(([key, entry]) => [key, plainValue(entry)]));
	if (value instanceof DuckDBDecimalValue) return canonicalDecimal(value.toString());
	if (value instanceof DuckDBTimestampTZValue) return microsToIso(value.micros);
	if (value instanceof DuckDBTimestampValue) return microsToIso(value.micros).replace(/Z$/, '');
	if (value instanceof DuckDBDateValue) return value.toString();
	if (typeof value === 'bigint') return value.toString();
	return typeof value === 'object' ? String(value) : value;
}

// ---------------------------------------------------------------------------------------------
// The engine

interface Loaded {
	/** Schema/view signature the DuckDB object was created from. */
	signature: string;
	rows: number;
}

class Engine {
	private readonly loaded = new Map<string, Loaded>();

	private chain: Promise<unknown> = Promise.resolve();

	constructor(private readonly connection: DuckDBConnection) {}

	/** Runs `task` after every earlier task: one statement at a time, like one BigQuery slot. */
	async exclusive<T>(task: () => Promise<T>): Promise<T> {
		const run = this.chain.then(task, task);
		this.chain = run.catch(() => undefined);
		return await run;
	}

	async sync(state: BigQueryState): Promise<void> {
		for (const [key, table] of Object.entries(state.tables)) {
			const signature = JSON.stringify([table.type, table.schema, table.view]);
			const known = this.loaded.get(key);
			const name = `${quoteIdent(`${table.projectId}.${table.datasetId}`)}.${quoteIdent(table.tableId)}`;
			if (!known || known.signature !== signature) {
				await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(`${table.projectId}.${table.datasetId}`)}`);
				if (table.type === 'VIEW') {
					const sql = translate(table.view!.query, { projectId: table.projectId, isTable: (p, d, t) => Boolean(state.tables[`${p}.${d}.${t}`]), parameter: () => {
						throw new SqlError('Views cannot use query parameters');
					} });
					await this.connection.run(`CREATE OR REPLACE VIEW ${name} AS ${sql}`);
				} else {
					const columns = (table.schema?.fields ?? []).map((field) => `${quoteIdent(field.name)} ${duckType(field)}`);
					await this.connection.run(`DROP TABLE IF EXISTS ${name}`);
					await this.connection.run(`CREATE TABLE ${name} (${columns.join(', ')})`);
				}
				this.loaded.set(key, { signature, rows: 0 });
			}
			const entry = this.loaded.get(key)!;
			if (table.type === 'TABLE' && entry.rows < table.rows.length) {
				// insertAll appends to table.rows outside the exclusive chain: rows that arrive while this
				// insert awaits must stay counted as not loaded, or later queries would never see them.
				const upTo = table.rows.length;
				await this.insertRows(name, table, table.rows.slice(entry.rows, upTo));
				entry.rows = upTo;
			}
		}
	}

	private async insertRows(name: string, table: TableRecord, rows: Array<Record<string, unknown>>): Promise<void> {
		const fields = table.schema?.fields ?? [];
		if (fields.length === 0 || rows.length === 0) return;
		const shape = JSON.stringify([Object.fromEntries(fields.map((field) => [field.name, structure(field)]))]);
		const columns = fields.map((field) => quoteIdent(field.name)).join(', ');
		const selected = fields.map((field) => `r.${quoteIdent(field.name)}`).join(', ');
		await this.connection.run(`INSERT INTO ${name} (${columns}) SELECT ${selected} FROM (SELECT unnest(from_json($rows, $shape)) AS r)`, { rows: JSON.stringify(rows), shape }, { rows: VARCHAR, shape: VARCHAR });
	}

	async query(state: BigQueryState, request: QueryRequest): Promise<QueryResult> {
		await this.sync(state);
		const parameters = new Map<string, QueryParameter>();
		for (const parameter of request.parameters ?? []) {
			if (!parameter.name) throw new SqlError('Positional query parameters are not supported by the simulator; name every parameter');
			parameters.set(parameter.name.toLowerCase(), parameter);
		}
		const used = new Map<string, string | null>();
		const referenced: string[] = [];
		const sql = translate(request.query, {
			projectId: request.projectId,
			defaultDatasetId: request.defaultDatasetId,
			isTable: (project, dataset, table) => {
				const known = Boolean(state.tables[`${project}.${dataset}.${table}`]);
				if (known) referenced.push(`${project}.${dataset}.${table}`);
				return known;
			},
			parameter: (name) => {
				const parameter = parameters.get(name.toLowerCase());
				if (!parameter) throw new SqlError(`Query parameter '${name}' not found`);
				const binding = `p_${name.toLowerCase()}`;
				const { parameterType, parameterValue } = parameter;
				if (parameterType.type === 'ARRAY' || parameterType.type === 'STRUCT') {
					used.set(binding, JSON.stringify(parameterJson(parameterType, parameterValue)));
					return `from_json($${binding}, '${JSON.stringify(parameterStructure(parameterType)).replace(/'/g, "''")}')`;
				}
				const value = parameterValue?.value;
				used.set(binding, value === undefined || value === null ? null : String(value));
				return `CAST($${binding} AS ${scalarFromParameterType(parameterType.type)})`;
			},
		});
		const kind = statementKind(request.query);
		if (['CREATE', 'DROP', 'ALTER', 'TRUNCATE'].includes(kind)) {
			throw new SqlError(`${kind} statements are not supported by the simulator: create datasets, tables and views through the REST API (datasets.insert, tables.insert)`);
		}
		const dml = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(kind);
		const target = dml ? referenced[0] : undefined;
		if (target && kind !== 'INSERT') {
			const table = state.tables[target];
			const buffered = table.rowArrivals.some((arrival) => Date.now() - arrival < state.settings.streamingBufferMs);
			if (buffered) {
				const [project, dataset, tableId] = target.split('.');
				throw new SqlError(`${kind === 'MERGE' ? 'UPDATE or DELETE' : kind} statement over table ${project}.${dataset}.${tableId} would affect rows in the streaming buffer, which is not supported`);
			}
		}
		if (target && state.tables[target].type === 'VIEW') throw new SqlError(`Cannot modify a view: ${target}`);
		const values = Object.fromEntries(used);
		const types = Object.fromEntries([...used.keys()].map((key) => [key, VARCHAR]));
		const reader = await this.connection.runAndReadAll(sql, values, types);
		if (dml && target) {
			const affected = reader.rowsChanged;
			await this.resync(state, target, kind);
			return { fields: [], rows: [], dmlAffectedRows: affected, statementType: kind };
		}
		let anonymous = 0;
		const names = reader.columnNames().map((name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `f${anonymous++}_`));
		const fields = reader.columnTypes().map((type, index) => resultField(names[index], type));
		const rows = reader.getRows();
		return {
			fields,
			rows: rows.map((row) => row),
			statementType: 'SELECT',
			toRest: (row, format) => ({ f: row.map((value, index): RestCell => ({ v: restValue(value, fields[index], format) })) }),
		};
	}

	/** After DML, the state takes the table's rows back from DuckDB. */
	private async resync(state: BigQueryState, key: string, kind: string): Promise<void> {
		const table = state.tables[key];
		const reader = await this.connection.runAndReadAll(`SELECT * FROM ${quoteIdent(`${table.projectId}.${table.datasetId}`)}.${quoteIdent(table.tableId)}`);
		const names = reader.columnNames();
		const rows = reader.getRows().map((row) => Object.fromEntries(row.map((value, index) => [names[index], plainValue(value)])));
		const arrivals = kind === 'INSERT' ? [...table.rowArrivals, ...new Array<number>(Math.max(0, rows.length - table.rowArrivals.length)).fill(0)] : rows.map(() => 0);
		table.rows = rows;
		table.rowArrivals = arrivals.slice(0, rows.length);
		this.loaded.set(key, { signature: this.loaded.get(key)!.signature, rows: rows.length });
	}
}

export interface QueryRequest {
	query: string;
	projectId: string;
	defaultDatasetId?: string;
	parameters?: QueryParameter[];
}

export interface QueryResult {
	fields: ResultField[];
	rows: DuckDBValue[][];
	statementType: string;
	dmlAffectedRows?: number;
	toRest?: (row: DuckDBValue[], format: TimestampFormat) => { f: RestCell[] };
}

const engines = new WeakMap<BigQueryState, Promise<Engine>>();

/** The DuckDB engine for this state object (a reset or reloaded state gets a fresh one). */
export async function engineFor(state: BigQueryState): Promise<Engine> {
	let engine = engines.get(state);
	if (!engine) {
		engine = (async () => {
			const instance = await DuckDBInstance.create(':memory:');
			const connection = await instance.connect();
			await connection.run(`SET TimeZone = 'UTC'`);
			return new Engine(connection);
		})();
		engines.set(state, engine);
	}
	return await engine;
}

export async function runQuery(state: BigQueryState, request: QueryRequest): Promise<QueryResult> {
	const engine = await engineFor(state);
	return await engine.exclusive(async () => await engine.query(state, request));
}

/** Creates the DuckDB side of a new table or view now, so a broken view fails at creation as in BigQuery. */
export async function syncTables(state: BigQueryState): Promise<void> {
	const engine = await engineFor(state);
	await engine.exclusive(async () => await engine.sync(state));
}
