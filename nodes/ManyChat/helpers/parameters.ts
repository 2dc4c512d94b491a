import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { LargeInteger, largeInteger } from '../../shared/losslessJson';

/**
 * A subscriber ID from a node parameter. IDs stay text end to end (some exceed JavaScript's safe
 * integer range) and are written to ManyChat as JSON integers, as its API expects.
 */
export function subscriberIdParameter(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	field = 'Subscriber ID',
): LargeInteger {
	const text = String(value ?? '').trim();
	if (!/^\d+$/.test(text)) {
		throw parameterError(
			this.getNode(),
			field,
			text === '' ? 'is empty' : `"${text}" is not a ManyChat subscriber ID`,
			'Enter the numeric subscriber ID shown in ManyChat (Contacts → the contact → ID), or map it from a previous node.',
			itemIndex,
		);
	}
	return largeInteger(text);
}

/** Splits "1, 2\n3" or an array into clean subscriber ID strings. */
export function subscriberIdList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * Form inputs arrive as text, but ManyChat wants typed field values: "true"/"false" become booleans
 * and canonical numbers become numbers. Leading-zero strings ("007", phone-like) stay text.
 */
export function coerceFieldValue(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (trimmed === 'true') return true;
	if (trimmed === 'false') return false;
	if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(trimmed)) return Number(trimmed);
	return value;
}
