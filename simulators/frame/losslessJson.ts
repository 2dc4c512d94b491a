/**
 * JSON.parse that keeps big integers exact. Vendors such as ManyChat send IDs as JSON integers
 * beyond 2^53; plain JSON.parse silently rounds them, so a simulator would store the wrong record.
 *
 * Every integer literal with more than MAX_SAFE_DIGITS digits becomes a string of its exact digits
 * (sign kept). Shorter integers, decimals and exponent forms stay numbers. Digits inside JSON
 * strings are never touched. Invalid JSON throws, as JSON.parse does.
 */

/** 15 digits always fit a double exactly; 16 may not (2^53 has 16). */
const MAX_SAFE_DIGITS = 15;

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Returns `text` with long integer literals outside strings wrapped in quotes. */
function quoteBigIntegers(text: string): string {
	let out = '';
	let copiedUpTo = 0;
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (char === '"') {
			// Skip the whole string, honouring backslash escapes, so its digits stay as they are.
			i++;
			while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
			i++;
			continue;
		}
		if (char === '-' || (char >= '0' && char <= '9')) {
			NUMBER.lastIndex = i;
			const match = NUMBER.exec(text);
			if (!match) {
				i++;
				continue;
			}
			const literal = match[0];
			const isInteger = match[1] === undefined && match[2] === undefined;
			const digits = literal.replace('-', '').length;
			if (isInteger && digits > MAX_SAFE_DIGITS) {
				out += `${text.slice(copiedUpTo, i)}"${literal}"`;
				copiedUpTo = i + literal.length;
			}
			i += literal.length;
			continue;
		}
		i++;
	}
	return out + text.slice(copiedUpTo);
}

export function parseLossless(text: string): unknown {
	return JSON.parse(quoteBigIntegers(text));
}
