/**
 * Reads request parameters (JSON body or query) and refuses with ManyChat's "Validation error"
 * envelope, naming the field, at the first problem.
 */
import type { SimRequest } from '../frame/types';
import { invalid } from './responses';

type Values = Record<string, unknown>;

const DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;

export class Input {
	private constructor(
		private readonly values: Values,
		/** Prefix for messages about nested items, e.g. "fields[2]." */
		private readonly prefix = '',
	) {}

	static body(req: SimRequest): Input {
		const body = req.body;
		if (body === null || typeof body !== 'object' || Array.isArray(body)) {
			throw invalid('The request body must be a JSON object');
		}
		return new Input(body as Values);
	}

	static query(req: SimRequest): Input {
		return new Input(req.query);
	}

	static item(value: unknown, label: string): Input {
		if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(`${label} must be an object`);
		return new Input(value as Values, `${label}.`);
	}

	label(name: string): string {
		return `${this.prefix}${name}`;
	}

	/** Present and not null. */
	has(name: string): boolean {
		return this.values[name] !== undefined && this.values[name] !== null;
	}

	raw(name: string): unknown {
		return this.values[name];
	}

	string(name: string): string {
		const value = this.optionalString(name);
		if (value === undefined || value.trim() === '') throw invalid(`${this.label(name)} is required`);
		return value;
	}

	/** undefined when absent, null or empty. */
	optionalString(name: string): string | undefined {
		const value = this.values[name];
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'string') throw invalid(`${this.label(name)} must be a string`);
		return value;
	}

	optionalBoolean(name: string): boolean | undefined {
		const value = this.values[name];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'boolean') throw invalid(`${this.label(name)} must be true or false`);
		return value;
	}

	/**
	 * An integer ID kept as exact digits. Accepts a JSON number, the string the lossless parser makes
	 * of a number beyond 2^53, a numeric string, and query text.
	 */
	id(name: string, { signed = false } = {}): string {
		const value = this.values[name];
		if (value === undefined || value === null || value === '') throw invalid(`${this.label(name)} is required`);
		const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
		if (typeof text !== 'string' || !(signed ? SIGNED_DIGITS : DIGITS).test(text)) {
			throw invalid(`${this.label(name)} must be an integer`);
		}
		return text;
	}

	/** A small integer ID (tag, field): always within the safe range. */
	int(name: string): number {
		const text = this.id(name);
		const value = Number(text);
		if (!Number.isSafeInteger(value)) throw invalid(`${this.label(name)} is out of range`);
		return value;
	}
}
