/**
 * Custom and bot field rules shared by the page and subscriber routes: lookup by ID or by name
 * (names are not case sensitive, per the spec), value typing per field type, and the 20-field
 * batches of setCustomFields / setBotFields.
 */
import { invalid, unknown } from './responses';
import type { FieldType, FieldValue, ManyChatCustomField } from './state';
import { Input } from './validation';

export const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'datetime', 'boolean'];
export const MAX_FIELDS_PER_BATCH = 20;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;

export function fieldById<F extends ManyChatCustomField>(fields: F[], id: number, kind: string, label = 'field_id'): F {
	const field = fields.find((candidate) => candidate.id === id);
	if (!field) throw unknown(label, `no ${kind} with ID ${id} on this page`);
	return field;
}

export function fieldByName<F extends ManyChatCustomField>(fields: F[], name: string, kind: string, label = 'field_name'): F {
	const wanted = name.trim().toLowerCase();
	const field = fields.find((candidate) => candidate.name.toLowerCase() === wanted);
	if (!field) throw unknown(label, `no ${kind} named "${name}" on this page`);
	return field;
}

export function fieldType(input: Input, name = 'type'): FieldType {
	const type = input.string(name);
	if (!FIELD_TYPES.includes(type as FieldType)) {
		throw invalid(`${input.label(name)} must be one of: ${FIELD_TYPES.join(', ')}`);
	}
	return type as FieldType;
}

function isValidDate(text: string): boolean {
	return !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text));
}

/** Checks `value` against the field's type, as the spec's examples show each type. */
export function fieldValue(field: ManyChatCustomField, value: unknown, label: string): FieldValue {
	if (value === undefined || value === null) throw invalid(`${label} is required`);
	const expected: Record<FieldType, string> = {
		text: 'a string such as "text"',
		number: 'a number such as 123 or 1.23',
		boolean: 'true or false (JSON booleans)',
		date: 'a date such as "2018-07-18"',
		datetime: 'a date and time such as "2018-07-02T00:00:00+00:00"',
	};
	const ok =
		(field.type === 'text' && typeof value === 'string') ||
		(field.type === 'number' && typeof value === 'number' && Number.isFinite(value)) ||
		(field.type === 'boolean' && typeof value === 'boolean') ||
		(field.type === 'date' && typeof value === 'string' && DATE.test(value) && isValidDate(value)) ||
		(field.type === 'datetime' && typeof value === 'string' && DATETIME.test(value) && isValidDate(value));
	if (!ok) throw invalid(`${label}: "${field.name}" is a ${field.type} field, so the value must be ${expected[field.type]}`);
	return value as FieldValue;
}

/**
 * `fields: [{field_id | field_name, field_value}]`, at most 20. The spec's schema marks both
 * field_id and field_name required while its text says "field_id OR field_name": either is
 * accepted, and when both are given they must name the same field. Every item is checked before
 * anything is written, so a bad item changes nothing.
 */
export function fieldBatch<F extends ManyChatCustomField>(
	input: Input,
	fields: F[],
	kind: string,
): Array<{ field: F; value: FieldValue }> {
	const items = input.raw('fields');
	if (!Array.isArray(items) || items.length === 0) throw invalid('fields must be a non-empty list of {field_id or field_name, field_value}');
	if (items.length > MAX_FIELDS_PER_BATCH) {
		throw invalid(`fields: at most ${MAX_FIELDS_PER_BATCH} fields per request, got ${items.length}`);
	}
	return items.map((item, index) => {
		const entry = Input.item(item, `fields[${index}]`);
		const byId = entry.has('field_id') ? fieldById(fields, entry.int('field_id'), kind, entry.label('field_id')) : undefined;
		const byName = entry.has('field_name') ? fieldByName(fields, entry.string('field_name'), kind, entry.label('field_name')) : undefined;
		const field = byId ?? byName;
		if (!field) throw invalid(`${entry.label('field_id')} or ${entry.label('field_name')} is required`);
		if (byId && byName && byId !== byName) {
			throw invalid(`${entry.label('field_id')} and ${entry.label('field_name')} name different fields`);
		}
		return { field, value: fieldValue(field, entry.raw('field_value'), entry.label('field_value')) };
	});
}
