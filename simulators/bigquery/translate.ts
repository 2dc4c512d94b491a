/**
 * BigQuery Standard SQL → DuckDB SQL, for the statements the Order Store node and its view issue
 * (and ordinary SELECTs written the same way). This is a lexer plus token rewrites, not an SQL
 * interpreter: DuckDB parses, plans and runs the result. What is rewritten:
 * - backticked `project.dataset.table` (and `dataset.table` with the request's project) → "project.dataset"."table";
 * - named parameters `@name` → a typed DuckDB parameter (CAST($name AS …) or from_json($name, …));
 * - "double-quoted" and 'single-quoted' strings with backslash escapes → DuckDB '…' literals;
 * - `x IN UNNEST(arr)` → `x IN (SELECT UNNEST(arr))`; `FROM … , UNNEST(arr) AS i` → a subquery whose column is i;
 * - `STRUCT(a AS x, b)` → struct_pack(x := a, b := b); `arr[OFFSET(n)]` / `[SAFE_OFFSET(n)]` / `[ORDINAL(n)]` → 1-based index;
 * - `* EXCEPT (…)` → `* EXCLUDE (…)`; `SAFE_CAST` → TRY_CAST; `GENERATE_ARRAY` → generate_series; `CURRENT_TIMESTAMP()` → current_timestamp;
 * - type names after AS in CAST: INT64, FLOAT64, NUMERIC, BIGNUMERIC, BOOL, STRING, BYTES.
 * QUALIFY, window functions, ARRAY(subquery), DATE(), ARRAY_LENGTH and most functions are the same in both.
 */

export type TokenKind = 'word' | 'quoted' | 'backtick' | 'string' | 'number' | 'param' | 'op' | 'space';

export interface Token {
	kind: TokenKind;
	text: string;
	/** Decoded value for strings, backticked names and parameters. */
	value?: string;
}

export class SqlError extends Error {
	constructor(
		message: string,
		readonly location?: string,
	) {
		super(message);
	}
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?' };

function readQuoted(sql: string, start: number, quote: string, raw: boolean): { value: string; end: number } {
	const triple = sql.startsWith(quote.repeat(3), start);
	const delimiter = triple ? quote.repeat(3) : quote;
	let index = start + delimiter.length;
	let value = '';
	while (index < sql.length) {
		if (sql.startsWith(delimiter, index)) return { value, end: index + delimiter.length };
		const char = sql[index];
		if (!triple && (char === '\n' || char === '\r') && quote !== '`') break;
		if (char === '\\' && !raw) {
			const next = sql[index + 1];
			if (next === undefined) break;
			if (SIMPLE_ESCAPES[next] !== undefined) {
				value += SIMPLE_ESCAPES[next];
				index += 2;
				continue;
			}
			const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(sql.slice(index + 1));
			if (hex) {
				value += String.fromCodePoint(parseInt(hex[1] ?? hex[2] ?? hex[3], 16));
				index += 1 + hex[0].length;
				continue;
			}
			throw new SqlError(`Illegal escape sequence: \\${next}`);
		}
		value += char;
		index += 1;
	}
	throw new SqlError(`Unclosed ${quote === '`' ? 'identifier' : 'string'} literal at [${start}]`);
}

export function tokenize(sql: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < sql.length) {
		const rest = sql.slice(index);
		const char = sql[index];
		let match: RegExpExecArray | null;
		if ((match = /^(?:\s+|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest))) {
			tokens.push({ kind: 'space', text: ' ' });
			index += match[0].length;
			continue;
		}
		const prefix = /^([rRbB]{1,2})(['"])/.exec(rest);
		if (prefix || char === "'" || char === '"') {
			const raw = prefix ? /r/i.test(prefix[1]) : false;
			if (prefix && /b/i.test(prefix[1])) throw new SqlError('BYTES literals are not supported by the simulator');
			const start = index + (prefix ? prefix[1].length : 0);
			const { value, end } = readQuoted(sql, start, sql[start], raw);
			tokens.push({ kind: 'string', text: sql.slice(index, end), value });
			index = end;
			continue;
		}
		if (char === '`') {
			const { value, end } = readQuoted(sql, index, '`', false);
			tokens.push({ kind: 'backtick', text: sql.slice(index, end), value });
			index = end;
			continue;
		}
		if ((match = /^@@?[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
			if (match[0].startsWith('@@')) throw new SqlError(`System variables (${match[0]}) are not supported by the simulator`);
			tokens.push({ kind: 'param', text: match[0], value: match[0].slice(1) });
			index += match[0].length;
			continue;
		}
		if ((match = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(rest))) {
			tokens.push({ kind: 'number', text: match[0] });
			index += match[0].length;
			continue;
		}
		if ((match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
			tokens.push({ kind: 'word', text: match[0] });
			index += match[0].length;
			continue;
		}
		if (char === '?') throw new SqlError('Positional query parameters are not supported by the simulator; use named parameters (@name)');
		if ((match = /^(?:<=|>=|<>|!=|\|\||<<|>>|=>)/.exec(rest))) {
			tokens.push({ kind: 'op', text: match[0] });
			index += match[0].length;
			continue;
		}
		tokens.push({ kind: 'op', text: char });
		index += 1;
	}
	return tokens;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** A query parameter as the translated SQL binds it. */
export interface BoundParameter {
	/** DuckDB expression replacing `@name`. */
	expression: string;
}

export interface TranslateContext {
	/** Project of the request (used for `dataset.table`). */
	projectId: string;
	/** `defaultDataset` of the query, if any. */
	defaultDatasetId?: string;
	/** Whether `project.dataset.table` names a known table or view. */
	isTable(projectId: string, datasetId: string, tableId: string): boolean;
	/** DuckDB expression for parameter `name`, or throws when it was not given. */
	parameter(name: string): string;
}

const TYPE_NAMES: Record<string, string> = {
	INT64: 'BIGINT',
	INTEGER: 'BIGINT',
	FLOAT64: 'DOUBLE',
	NUMERIC: 'DECIMAL(38,9)',
	BIGNUMERIC: 'DECIMAL(38,9)',
	BOOL: 'BOOLEAN',
	STRING: 'VARCHAR',
	BYTES: 'BLOB',
};

/** Reserved in DuckDB but ordinary names in BigQuery (e.g. a column called `unique`): quoted as identifiers. */
const DUCKDB_ONLY_RESERVED = new Set(['analyse', 'analyze', 'asymmetric', 'both', 'check', 'column', 'constraint', 'deferrable', 'describe', 'do', 'foreign', 'initially', 'lambda', 'leading', 'placing', 'primary', 'references', 'returning', 'show', 'summarize', 'symmetric', 'table', 'trailing', 'unique', 'variadic']);

const upper = (token: Token | undefined) => (token && token.kind === 'word' ? token.text.toUpperCase() : '');

/** Index of the matching ")" / "]" for the opener at `open` (non-space tokens). */
function closing(tokens: Token[], open: number): number {
	const pairs: Record<string, string> = { '(': ')', '[': ']' };
	const opener = tokens[open].text;
	let depth = 0;
	for (let index = open; index < tokens.length; index++) {
		if (tokens[index].kind !== 'op') continue;
		if (tokens[index].text === opener) depth++;
		else if (tokens[index].text === pairs[opener] && --depth === 0) return index;
	}
	throw new SqlError(`Syntax error: unclosed "${opener}"`);
}

/** Splits tokens [from, to) at top-level commas. */
function splitArgs(tokens: Token[], from: number, to: number): Token[][] {
	const args: Token[][] = [[]];
	let depth = 0;
	for (let index = from; index < to; index++) {
		const token = tokens[index];
		if (token.kind === 'op' && (token.text === '(' || token.text === '[')) depth++;
		if (token.kind === 'op' && (token.text === ')' || token.text === ']')) depth--;
		if (depth === 0 && token.kind === 'op' && token.text === ',') args.push([]);
		else args[args.length - 1].push(token);
	}
	return args.filter((arg) => arg.length > 0);
}

export function translate(sql: string, context: TranslateContext): string {
	const tokens = tokenize(sql).filter((token) => token.kind !== 'space');
	return render(tokens, context);
}

function render(tokens: Token[], context: TranslateContext): string {
	const out: string[] = [];
	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index];
		const next = tokens[index + 1];
		const word = upper(token);

		// Table paths: `a.b.c`, `a`.`b`.`c`, `b.c` (backticked somewhere).
		const previous = upper(tokens[index - 1]);
		if (token.kind === 'backtick' || (token.kind === 'word' && (next?.text === '.' || ((previous === 'FROM' || previous === 'JOIN') && next?.text !== '(')))) {
			const parts: string[] = [];
			let cursor = index;
			let backticked = false;
			for (;;) {
				const part = tokens[cursor];
				if (part?.kind === 'backtick') {
					backticked = true;
					parts.push(...part.value!.split('.'));
				} else if (part?.kind === 'word') parts.push(part.text);
				else break;
				if (tokens[cursor + 1]?.text === '.' && ['word', 'backtick'].includes(tokens[cursor + 2]?.kind ?? '')) cursor += 2;
				else break;
			}
			const table =
				parts.length === 3 && context.isTable(parts[0], parts[1], parts[2])
					? parts
					: parts.length === 2 && context.isTable(context.projectId, parts[0], parts[1])
						? [context.projectId, parts[0], parts[1]]
						: parts.length === 1 && context.defaultDatasetId && context.isTable(context.projectId, context.defaultDatasetId, parts[0])
							? [context.projectId, context.defaultDatasetId, parts[0]]
							: undefined;
			if (table) {
				out.push(`${quoteIdent(`${table[0]}.${table[1]}`)}.${quoteIdent(table[2])}`);
				index = cursor;
				continue;
			}
			if (backticked || parts.length > 1) {
				if (backticked && parts.length === 3) throw new SqlError(`Not found: Table ${parts[0]}:${parts[1]}.${parts[2]} was not found`);
				out.push(parts.map(quoteIdent).join('.'));
				index = cursor;
				continue;
			}
		}

		if (token.kind === 'string') {
			out.push(quoteString(token.value!));
			continue;
		}
		if (token.kind === 'param') {
			out.push(context.parameter(token.value!));
			continue;
		}
		// x IN UNNEST(arr)
		if (word === 'IN' && upper(next) === 'UNNEST' && tokens[index + 2]?.text === '(') {
			const end = closing(tokens, index + 2);
			out.push(`IN (SELECT UNNEST(${render(tokens.slice(index + 3, end), context)}))`);
			index = end;
			continue;
		}
		// FROM/JOIN/, UNNEST(arr) [AS] alias [WITH OFFSET [AS] off]
		if (word === 'UNNEST' && next?.text === '(' && ['FROM', 'JOIN', ','].includes(upper(tokens[index - 1]) || tokens[index - 1]?.text)) {
			const end = closing(tokens, index + 1);
			let cursor = end + 1;
			if (upper(tokens[cursor]) === 'AS') cursor++;
			const aliasToken = tokens[cursor];
			const isAlias = aliasToken && (aliasToken.kind === 'backtick' || (aliasToken.kind === 'word' && !['WITH', 'WHERE', 'ON', 'JOIN', 'LEFT', 'CROSS', 'INNER', 'GROUP', 'ORDER', 'LIMIT', 'QUALIFY'].includes(upper(aliasToken))));
			const alias = isAlias ? (aliasToken.value ?? aliasToken.text) : 'f0_';
			const inner = render(tokens.slice(index + 2, end), context);
			let offsetAlias: string | undefined;
			let after = isAlias ? cursor + 1 : end + 1;
			if (upper(tokens[after]) === 'WITH' && upper(tokens[after + 1]) === 'OFFSET') {
				after += 2;
				if (upper(tokens[after]) === 'AS') after++;
				offsetAlias = tokens[after]?.value ?? tokens[after]?.text ?? 'offset';
				after++;
			}
			out.push(
				offsetAlias
					? `(SELECT unnest(${inner}) AS ${quoteIdent(alias)}, generate_subscripts(${inner}, 1) - 1 AS ${quoteIdent(offsetAlias)}) AS ${quoteIdent(`${alias}__unnest`)}`
					: `(SELECT unnest(${inner}) AS ${quoteIdent(alias)}) AS ${quoteIdent(`${alias}__unnest`)}`,
			);
			index = after - 1;
			continue;
		}
		// STRUCT(a AS x, b)
		if (word === 'STRUCT' && next?.text === '(') {
			const end = closing(tokens, index + 1);
			const fields = splitArgs(tokens, index + 2, end).map((arg, position) => {
				const asAt = arg.map((entry) => upper(entry)).lastIndexOf('AS');
				const expression = render(asAt > 0 ? arg.slice(0, asAt) : arg, context);
				const last = arg[arg.length - 1];
				const name = asAt > 0 ? (arg[asAt + 1].value ?? arg[asAt + 1].text) : arg.length === 1 && last.kind === 'word' ? last.text : arg.length === 3 && arg[1].text === '.' ? arg[2].text : `_field_${position + 1}`;
				return `${quoteIdent(name)} := ${expression}`;
			});
			out.push(`struct_pack(${fields.join(', ')})`);
			index = end;
			continue;
		}
		// arr[OFFSET(n)]
		if (token.text === '[' && ['OFFSET', 'SAFE_OFFSET', 'ORDINAL', 'SAFE_ORDINAL'].includes(upper(next)) && tokens[index + 2]?.text === '(') {
			const end = closing(tokens, index + 2);
			const expression = render(tokens.slice(index + 3, end), context);
			out.push(upper(next).endsWith('OFFSET') ? `[(${expression}) + 1]` : `[${expression}]`);
			index = end + 1; // skip "]"
			continue;
		}
		if (token.text === '*' && upper(next) === 'EXCEPT' && tokens[index + 2]?.text === '(') {
			out.push('* EXCLUDE');
			index++;
			continue;
		}
		if (word === 'GENERATE_ARRAY' && next?.text === '(') {
			out.push('generate_series');
			continue;
		}
		if (word === 'SAFE_CAST') {
			out.push('TRY_CAST');
			continue;
		}
		if ((word === 'CURRENT_TIMESTAMP' || word === 'CURRENT_DATE') && next?.text === '(' && tokens[index + 2]?.text === ')') {
			out.push(word.toLowerCase());
			index += 2;
			continue;
		}
		if (TYPE_NAMES[word] && upper(tokens[index - 1]) === 'AS' && next?.text !== '(') {
			out.push(TYPE_NAMES[word]);
			continue;
		}
		if (token.kind === 'backtick' || (token.kind === 'word' && DUCKDB_ONLY_RESERVED.has(token.text.toLowerCase()) && next?.text !== '(')) {
			out.push(quoteIdent(token.value ?? token.text));
			continue;
		}
		out.push(token.text);
	}
	return out.join(' ');
}

/** The first keyword of a statement (SELECT, WITH, INSERT, UPDATE, DELETE, MERGE, CREATE, …). */
export function statementKind(sql: string): string {
	const first = tokenize(sql).find((token) => token.kind !== 'space' && token.text !== '(');
	return first?.kind === 'word' ? first.text.toUpperCase() : '';
}
