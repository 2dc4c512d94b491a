/**
 * The part of Shopify's search syntax the nodes send: `field:value`, `field:"quoted value"`,
 * comparisons (`updated_at:>"2026-01-01T00:00:00Z"`), a trailing `*` for a prefix, `AND`
 * between terms, `OR` between alternatives (binding looser than AND; no parentheses), and bare
 * words matched against the record's text.
 */

export interface Term {
	field?: string;
	op: ':' | '>' | '>=' | '<' | '<=';
	value: string;
	prefix: boolean;
	/** The term starts a new alternative: an unquoted `OR` came before it. */
	orBefore?: true;
}

export function parseSearch(query: string | null | undefined): Term[] {
	const terms: Term[] = [];
	const source = (query ?? '').trim();
	let index = 0;
	let quoted = false;
	let orPending = false;
	const push = (term: Term) => {
		terms.push(orPending && terms.length > 0 ? { ...term, orBefore: true } : term);
		orPending = false;
	};
	const readValue = (): string => {
		const quote = source[index];
		quoted = quote === '"' || quote === "'";
		if (quoted) {
			index++;
			let value = '';
			while (index < source.length && source[index] !== quote) {
				if (source[index] === '\\' && index + 1 < source.length) index++;
				value += source[index++];
			}
			index++;
			return value;
		}
		const start = index;
		while (index < source.length && !/\s/.test(source[index])) index++;
		return source.slice(start, index);
	};
	while (index < source.length) {
		while (/\s/.test(source[index] ?? '')) index++;
		if (index >= source.length) break;
		const rest = source.slice(index);
		const field = /^([a-z_]+):(>=|<=|>|<)?/i.exec(rest);
		if (field) {
			index += field[0].length;
			const raw = readValue();
			const prefix = !quoted && raw.endsWith('*');
			push({ field: field[1].toLowerCase(), op: (field[2] as Term['op']) ?? ':', value: prefix ? raw.slice(0, -1) : raw, prefix });
			continue;
		}
		const word = readValue();
		if ((word === 'AND' && !quoted) || word === '') continue;
		if (word === 'OR' && !quoted) {
			orPending = true;
			continue;
		}
		const prefix = word.endsWith('*');
		push({ op: ':', value: prefix ? word.slice(0, -1) : word, prefix });
	}
	return terms;
}

export type FieldValues = Record<string, string | string[] | null | undefined>;

function matchesOne(actual: string, term: Term, words: boolean): boolean {
	const a = actual.toLowerCase();
	const v = term.value.toLowerCase();
	switch (term.op) {
		case '>':
			return actual > term.value;
		case '>=':
			return actual >= term.value;
		case '<':
			return actual < term.value;
		case '<=':
			return actual <= term.value;
		default:
			if (term.prefix) return words ? a.split(/\s+/).some((word) => word.startsWith(v)) || a.startsWith(v) : a.startsWith(v);
			return words ? a === v || a.split(/\s+/).includes(v) || a.includes(v) : a === v;
	}
}

/** `fields` maps search field names to values; `text` lists what bare words search. */
export function matches(terms: Term[], fields: FieldValues, text: string[]): boolean {
	const alternatives: Term[][] = [[]];
	for (const term of terms) {
		if (term.orBefore) alternatives.push([]);
		alternatives[alternatives.length - 1].push(term);
	}
	return alternatives.some((alternative) => allMatch(alternative, fields, text));
}

function allMatch(terms: Term[], fields: FieldValues, text: string[]): boolean {
	return terms.every((term) => {
		if (term.field === undefined) return text.some((value) => matchesOne(value, { ...term, op: ':' }, true));
		if (!(term.field in fields)) return false;
		const value = fields[term.field];
		const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
		const wordField = ['title', 'name', 'first_name', 'last_name', 'vendor'].includes(term.field);
		return values.some((entry) => matchesOne(entry, term, wordField));
	});
}
