/**
 * 1 MB values shaped to make a careless parser slow: the patterns that send a backtracking
 * regular expression into quadratic (or worse) time on the fields our parsers read (item lines,
 * amounts, email addresses, phone numbers, labels), plus plain bulk and many lines.
 */
export const HOSTILE_BYTES = 1024 * 1024;

const fill = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.ceil((HOSTILE_BYTES - prefix.length - suffix.length) / unit.length)).slice(0, HOSTILE_BYTES - prefix.length - suffix.length) + suffix;

export interface HostileShape {
	name: string;
	make(): string;
}

export const HOSTILE_SHAPES: HostileShape[] = [
	// "2 x Title @ 24.50" without the "@": a lazy title group retried at every position.
	{ name: 'item line without a price', make: () => fill('a ', '1 x ') },
	{ name: 'item line of spaces before "@"', make: () => fill(' ', '1 x a', '@') },
	{ name: 'amount of digits and commas', make: () => fill('1,', '', 'x') },
	{ name: 'email address bait', make: () => fill('a.', 'a@', '@') },
	{ name: 'phone of digits', make: () => fill('1', '+') },
	{ name: 'label line of colons', make: () => fill(':') },
	{ name: '100,000 short item lines', make: () => fill('1 x a @ 1\n') },
	{ name: 'plain text', make: () => fill('x') },
];
