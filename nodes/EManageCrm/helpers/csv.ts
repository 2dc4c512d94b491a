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
	for (let index = 0; index < input.length; index++) {
		const char = input[index];
		if (quoted) {
			if (char === '"') {
				if (input[index + 1] === '"') {
					field += '"';
					index++;
				} else {
					quoted = false;
				}
			} else {
				field += char;
			}
			continue;
		}
		if (char === '"' && !fieldStarted) {
			quoted = true;
			fieldStarted = true;
		} else if (char === ',') {
			endField();
		} else if (char === '\r' && input[index + 1] === '\n') {
			endRecord();
			index++;
		} else if (char === '\n' || char === '\r') {
			endRecord();
		} else {
			field += char;
			fieldStarted = true;
		}
	}
	if (quoted) throw new Error('the CSV ends inside a quoted field');
	if (field !== '' || record.length > 0) endRecord();
	const [header = [], ...body] = records;
	const names = header.map((name) => name.trim());
	return {
		header: names,
		rows: body.map((values) => Object.fromEntries(names.map((name, column) => [name, values[column] ?? '']))),
	};
}
