/** Characters that end a run of ordinary field text. */
const SPECIAL = new Set([',', '"', '\r', '\n']);

/**
 * RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF
 * line ends; a UTF-8 byte-order mark is dropped. Returns rows as objects keyed by the header.
 */
export function parseCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	let fieldStarted = false;
	const input = text.replace(/^\uFEFF/, '');
	const endField = () => {
		record.push(field);
		field = '';
		fieldStarted = false;
	};
	const endRecord = () => {
		endField();
		if (!(record.length === 1 && record[0] === '')) records.push(record);
		record = [];
	};
	// Runs of ordinary characters and quoted contents are copied as slices, not one character at a time.
	for (let index = 0; index < input.length; ) {
		if (quoted) {
			// The closing quote is the first one not doubled; doubled quotes inside become one.
			let close = input.indexOf('"', index);
			while (close >= 0 && input[close + 1] === '"') close = input.indexOf('"', close + 2);
			if (close < 0) throw new Error('the CSV ends inside a quoted field');
			const content = input.slice(index, close);
			field += content.includes('""') ? content.split('""').join('"') : content;
			quoted = false;
			index = close + 1;
			continue;
		}
		const char = input[index];
		if (char === '"' && !fieldStarted) {
			quoted = true;
			fieldStarted = true;
			index++;
		} else if (char === ',') {
			endField();
			index++;
		} else if (char === '\r' && input[index + 1] === '\n') {
			endRecord();
			index += 2;
		} else if (char === '\n' || char === '\r') {
			endRecord();
			index++;
		} else {
			let end = index + 1;
			while (end < input.length && !SPECIAL.has(input[end])) end++;
			field += input.slice(index, end);
			fieldStarted = true;
			index = end;
		}
	}
	if (quoted) throw new Error('the CSV ends inside a quoted field');
	if (field !== '' || record.length > 0) endRecord();
	const [header = [], ...body] = records;
	const names = header.map((name) => name.trim());
	return {
		header: names,
		rows: body.map((values) => {
			const row: Record<string, string> = {};
			for (let column = 0; column < names.length; column++) row[names[column]] = values[column] ?? '';
			return row;
		}),
	};
}
