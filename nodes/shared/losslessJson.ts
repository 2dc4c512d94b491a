/**
 * JSON for APIs whose integer IDs exceed JavaScript's safe range (ManyChat subscriber IDs):
 * parsing keeps such integers as strings of their exact digits, and serializing writes
 * `largeInteger('…')` values back as bare JSON numbers.
 */

/** Marks a digit string to be written as a JSON number. */
export class LargeInteger {
	constructor(readonly digits: string) {
		if (!/^-?\d+$/.test(digits)) throw new TypeError(`"${digits}" is not an integer`);
	}

	toJSON(): string {
		return `${SENTINEL}${this.digits}${SENTINEL}`;
	}
}

const SENTINEL = '\u0001int\u0001';

export function largeInteger(value: string | number): LargeInteger {
	return new LargeInteger(String(value).trim());
}

export function stringifyLossless(value: unknown): string {
	return JSON.stringify(value).replace(/"\\u0001int\\u0001(-?\d+)\\u0001int\\u0001"/g, '$1');
}

/**
 * JSON.parse, except that integers outside JavaScript's safe range (±2^53 − 1) become strings of
 * their exact digits. Only number tokens outside strings are touched.
 */
export function parseLossless(text: string): unknown {
	let out = '';
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (char === '"') {
			const end = endOfString(text, index);
			out += text.slice(index, end);
			index = end;
			continue;
		}
		if (char === '-' || (char >= '0' && char <= '9')) {
			const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
			const token = match ? match[0] : char;
			const isLargeInteger = !match?.[1] && !match?.[2] && !Number.isSafeInteger(Number(token));
			out += isLargeInteger ? `"${token}"` : token;
			index += token.length;
			continue;
		}
		out += char;
		index++;
	}
	return JSON.parse(out);
}

/** Index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
	let index = start + 1;
	while (index < text.length) {
		if (text[index] === '\\') index += 2;
		else if (text[index] === '"') return index + 1;
		else index++;
	}
	return text.length;
}
