import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Collapses whitespace (\s includes no-break spaces) and trims. Entities are decoded by the HTML
 * reader. Single spaces are left alone, not replaced by themselves: far less work on long text.
 */
export function cleanText(text: string): string {
	return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

const CURRENCY_MARKERS: Array<[RegExp, string]> = [
	[/\$|\bUSD\b/i, 'USD'],
	[/€|\bEUR\b/i, 'EUR'],
	[/£|\bGBP\b/i, 'GBP'],
	// `\b` does not work next to Cyrillic letters, so "р." is recognised after a digit or space.
	[/₽|руб|[\d\s]р\.?(?![а-яё])|\bRUB\b/i, 'RUB'],
];

export interface Money {
	amount: string;
	currency: string | null;
}

/**
 * "$1,250.00" → 1250.00 USD; "1 250,00 ₽" → 1250.00 RUB; "€84,90" → 84.90 EUR. A comma followed by
 * exactly two final digits is a decimal comma; other commas, spaces and dots are grouping.
 */
export function parseMoney(text: string): Money | undefined {
	const currency = CURRENCY_MARKERS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
	const number = /-?\d[\d\s\u00a0\u202f.,']*/.exec(text)?.[0].replace(/[\s\u00a0\u202f']/g, '').replace(/[.,]$/, '');
	if (!number) return undefined;
	let normalized: string;
	const decimal = /^(.*)[.,](\d{1,2})$/.exec(number);
	if (decimal) {
		normalized = `${decimal[1].replace(/[.,]/g, '')}.${decimal[2]}`;
	} else {
		normalized = number.replace(/[.,]/g, '');
	}
	const value = Number(normalized);
	if (!Number.isFinite(value)) return undefined;
	return { amount: value.toFixed(2), currency };
}

/** "2", "2 шт.", "x2" → 2. */
export function parseQuantity(text: string): number | undefined {
	const match = /\d+/.exec(text);
	return match ? Number(match[0]) : undefined;
}

/** E.164 when the number is valid for the template's country; undefined when it cannot be read. */
export function toE164(text: string, defaultCountry: string): string | undefined {
	if (!/\d/.test(text)) return undefined;
	// Russian domestic notation starts with a trunk "8"; libphonenumber reads it with country RU.
	const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
	return parsed?.isValid() ? parsed.number : undefined;
}

/** Characters that end an address in free text (what the parser splits a cell on). */
const ADDRESS_BREAK = /[\s<>"',;:]+/;

/**
 * The address part of "Name <a@b.c>" or a bare address, lower case: the first run of address
 * characters holding an "@" with a dot somewhere after it. Split first, then checked with indexOf:
 * linear in the cell's length (the single regex this replaces rescanned the rest of the text from
 * every position, 3 s for a 40 KB cell).
 */
export function emailAddress(text: string): string | undefined {
	for (const run of text.split(ADDRESS_BREAK)) {
		const at = run.indexOf('@', 1);
		const dot = run.lastIndexOf('.', run.length - 2);
		if (at > 0 && dot > at + 1) return run.toLowerCase();
	}
	return undefined;
}
