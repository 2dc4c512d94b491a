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
	// Only large integers change; everything between them is copied in one slice.
	const parts: string[] = [];
	let copied = 0;
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (char === '"') {
			index = endOfString(text, index);
			continue;
		}
		if (char === '-' || isDigit(text, index)) {
			const number = numberToken(text, index);
			// Up to 15 characters, an integer is always safe: no need to convert it.
			if (number.integer && number.end - index > 15 && !Number.isSafeInteger(Number(text.slice(index, number.end)))) {
				parts.push(text.slice(copied, index), `"${text.slice(index, number.end)}"`);
				copied = number.end;
			}
			index = number.end;
			continue;
		}
		index++;
	}
	parts.push(text.slice(copied));
	return JSON.parse(parts.join(''));
}

const isDigit = (text: string, index: number) => text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57;

/**
 * The JSON number starting at `start` (-?digits, then .digits and e±digits if present), scanned by
 * hand: a regex per number made a response of many numbers slow. A lone "-" is one character.
 */
function numberToken(text: string, start: number): { end: number; integer: boolean } {
	let index = text[start] === '-' ? start + 1 : start;
	const digits = index;
	while (isDigit(text, index)) index++;
	if (index === digits) return { end: start + 1, integer: false };
	let integer = true;
	if (text[index] === '.' && isDigit(text, index + 1)) {
		integer = false;
		index += 2;
		while (isDigit(text, index)) index++;
	}
	if (text[index] === 'e' || text[index] === 'E') {
		let exponent = index + 1;
		if (text[exponent] === '+' || text[exponent] === '-') exponent++;
		if (isDigit(text, exponent)) {
			integer = false;
			while (isDigit(text, exponent)) exponent++;
			index = exponent;
		}
	}
	return { end: index, integer };
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
