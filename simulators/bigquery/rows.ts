/**
 * Row checks for tabledata.insertAll, with BigQuery's per-row error shapes: unknown fields
 * ("no such field"), missing REQUIRED fields, values that do not convert to the column's type,
 * arrays for non-repeated fields. Accepted rows are stored in one canonical JSON form (money and
 * integers as strings, timestamps as ISO 8601 UTC) so the SQL engine reads them alike.
 */
import type { FieldSchema } from './state';

export interface RowError {
	reason: string;
	location: string;
	debugInfo: string;
	message: string;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function invalid(location: string, message: string): RowError {
	return { reason: 'invalid', location, debugInfo: '', message };
}

function numericText(value: unknown, location: string, big: boolean): string | RowError {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || !NUMERIC.test(text) || /e/i.test(text)) return invalid(location, `Invalid ${big ? 'BIGNUMERIC' : 'NUMERIC'} value: ${String(value)}`);
	const [whole, fraction = ''] = text.replace(/^[+-]/, '').split('.');
	if (fraction.length > 9 || whole.replace(/^0+/, '').length > 29) return invalid(location, `Invalid ${big ? 'BIGNUMERIC' : 'NUMERIC'} value: ${String(value)}`);
	return text.replace(/^\+/, '');
}

function timestampText(value: unknown, location: string): string | RowError {
	let date: Date | undefined;
	if (typeof value === 'number' && Number.isFinite(value)) date = new Date(value * 1000); // seconds since the epoch
	else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		const normalized = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T').replace(/ UTC$/, 'Z');
		if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(normalized)) date = new Date(normalized);
	}
	if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
		return invalid(location, `Couldn't convert value to timestamp: Could not parse '${String(value)}' as a timestamp. Required format is YYYY-MM-DD HH:MM[:SS[.SSSSSS]]`);
	}
	// Microseconds survive (BigQuery keeps six digits; a JS Date only three).
	const micros = typeof value === 'string' ? /:\d{2}\.(\d{4,6})/.exec(value)?.[1] : undefined;
	return micros ? date.toISOString().replace(/\.\d{3}Z$/, `.${micros.padEnd(6, '0')}Z`) : date.toISOString();
}

function convertScalar(field: FieldSchema, value: unknown, location: string): unknown {
	switch (field.type) {
		case 'STRING':
		case 'GEOGRAPHY':
			if (typeof value === 'string') return value;
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			return invalid(location, `This field: ${location} is not a record.`);
		case 'BYTES':
			return typeof value === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? value : invalid(location, `Could not decode base64 string to bytes. Field: ${field.name}; Value: ${String(value)}`);
		case 'INTEGER':
		case 'INT64': {
			const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
			if (!/^[+-]?\d+$/.test(text) || BigInt(text) > 9223372036854775807n || BigInt(text) < -9223372036854775808n) {
				return invalid(location, `Cannot convert value to integer (bad value): ${String(value)}`);
			}
			return BigInt(text).toString();
		}
		case 'FLOAT':
		case 'FLOAT64': {
			const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
			return Number.isNaN(number) && value !== 'NaN' ? invalid(location, `Cannot convert value to floating point (bad value): ${String(value)}`) : number;
		}
		case 'NUMERIC':
		case 'BIGNUMERIC':
			return numericText(value, location, field.type === 'BIGNUMERIC');
		case 'BOOLEAN':
		case 'BOOL':
			if (typeof value === 'boolean') return value;
			if (typeof value === 'string' && /^(true|false|1|0)$/i.test(value.trim())) return /^(true|1)$/i.test(value.trim());
			return invalid(location, `Cannot convert value to boolean: ${String(value)}`);
		case 'TIMESTAMP':
			return timestampText(value, location);
		case 'DATE':
			return typeof value === 'string' && DATE.test(value.trim()) && !Number.isNaN(Date.parse(value.trim())) ? value.trim() : invalid(location, `Couldn't convert value to date: ${String(value)}`);
		case 'DATETIME':
		case 'TIME':
			return typeof value === 'string' ? value : invalid(location, `Couldn't convert value to ${field.type.toLowerCase()}: ${String(value)}`);
		case 'JSON':
			if (typeof value !== 'string') return JSON.stringify(value);
			try {
				JSON.parse(value);
				return value;
			} catch {
				return invalid(location, `Invalid JSON value for field ${field.name}: ${value.slice(0, 100)}`);
			}
		default:
			return invalid(location, `Unsupported field type ${field.type}`);
	}
}

const isRecordField = (field: FieldSchema) => field.type === 'RECORD' || field.type === 'STRUCT';

function convertRecord(fields: FieldSchema[], value: unknown, location: string, ignoreUnknown: boolean, errors: RowError[]): Record<string, unknown> | undefined {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		errors.push(invalid(location, `This field: ${location} is not a record.`));
		return undefined;
	}
	const record = value as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	const known = new Map(fields.map((field) => [field.name.toLowerCase(), field]));
	for (const key of Object.keys(record)) {
		if (!known.has(key.toLowerCase()) && !ignoreUnknown) errors.push(invalid(location ? `${location}.${key}` : key, `no such field: ${key}.`));
	}
	for (const field of fields) {
		const entryKey = Object.keys(record).find((key) => key.toLowerCase() === field.name.toLowerCase());
		const entry = entryKey === undefined ? undefined : record[entryKey];
		const where = location ? `${location}.${field.name}` : field.name;
		if (entry === undefined || entry === null) {
			if (field.mode === 'REQUIRED') errors.push(invalid(where, `Missing required field: ${where}.`));
			out[field.name] = field.mode === 'REPEATED' ? [] : null;
			continue;
		}
		if (field.mode === 'REPEATED') {
			if (!Array.isArray(entry)) {
				errors.push(invalid(where, `Expected array for repeated field: ${where}.`));
				continue;
			}
			out[field.name] = entry.map((item, index) => {
				const itemWhere = `${where}[${index}]`;
				if (item === null) {
					errors.push(invalid(itemWhere, `Null value in repeated field: ${where}.`));
					return null;
				}
				return convertOne(field, item, itemWhere, ignoreUnknown, errors);
			});
			continue;
		}
		if (Array.isArray(entry)) {
			errors.push(invalid(where, `Array specified for non-repeated field: ${where}.`));
			continue;
		}
		out[field.name] = convertOne(field, entry, where, ignoreUnknown, errors);
	}
	return out;
}

function convertOne(field: FieldSchema, value: unknown, where: string, ignoreUnknown: boolean, errors: RowError[]): unknown {
	if (isRecordField(field)) return convertRecord(field.fields ?? [], value, where, ignoreUnknown, errors);
	const converted = convertScalar(field, value, where);
	if (converted && typeof converted === 'object' && 'reason' in (converted as RowError)) {
		errors.push(converted as RowError);
		return null;
	}
	return converted;
}

/** Checks one insertAll row against the table schema: the canonical row, or its errors. */
export function checkRow(fields: FieldSchema[], json: unknown, ignoreUnknownValues: boolean): { row?: Record<string, unknown>; errors: RowError[] } {
	const errors: RowError[] = [];
	const row = convertRecord(fields, json, '', ignoreUnknownValues, errors);
	return errors.length ? { errors } : { row, errors };
}
