import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';

import { cleanText } from './normalize';

/** A table as rows of cleaned cell texts; `header` is the first row made of <th> (or the first row). */
export interface TableRows {
	header: string[];
	rows: string[][];
}

const normalizeLabel = (text: string) => cleanText(text).replace(/[:：]\s*$/, '').toLowerCase();

const BLOCK = /^(p|div|tr|li|h[1-6]|table|tbody|thead)$/i;

/** Text of a subtree with line breaks at <br> and block elements, in one walk. */
function linesOf(node: Node, out: string[] = ['']): string[] {
	if (node.nodeType === NodeType.TEXT_NODE) {
		out[out.length - 1] += node.text;
		return out;
	}
	const tag = (node as HTMLElement).tagName ?? '';
	if (/^br$/i.test(tag)) {
		out.push('');
		return out;
	}
	const block = BLOCK.test(tag);
	if (block) out.push('');
	for (const child of node.childNodes) linesOf(child, out);
	if (block) out.push('');
	return out;
}

/** Cell text with <br> turned into ", " (addresses are often split over lines). */
function cellText(cell: HTMLElement): string {
	return linesOf(cell).map(cleanText).filter(Boolean).join(', ');
}

const cellsOf = (row: HTMLElement) =>
	row.childNodes.filter((node): node is HTMLElement => node.nodeType === NodeType.ELEMENT_NODE && /^(td|th)$/i.test((node as HTMLElement).tagName));

/**
 * Read-only view of an email's HTML: parsed once, never rendered or executed (scripts and styles
 * are dropped as text).
 */
export class EmailDocument {
	private readonly root: HTMLElement;

	private cachedLines?: string[];

	private cachedText?: string;

	private cachedTables?: TableRows[];

	/** First value of every two-cell "label | value" table row, by normalized label. */
	private cachedLabelRows?: Map<string, string>;

	constructor(html: string) {
		this.root = parse(html, {
			comment: false,
			blockTextElements: { script: false, style: false, noscript: false, pre: true },
		});
	}

	/** The visible text, one line per block element or <br>. */
	get lines(): string[] {
		this.cachedLines ??= linesOf(this.root).map(cleanText).filter(Boolean);
		return this.cachedLines;
	}

	get text(): string {
		this.cachedText ??= this.lines.join('\n');
		return this.cachedText;
	}

	/** Value next to a label: the next cell of a table row, else the rest of a text line. */
	labelValue(label: string): string | undefined {
		const wanted = normalizeLabel(label);
		const fromRow = this.labelRows.get(wanted);
		if (fromRow) return fromRow;
		for (const line of this.lines) {
			const colon = line.search(/[:：]/);
			if (colon > 0 && normalizeLabel(line.slice(0, colon)) === wanted) {
				const value = cleanText(line.slice(colon + 1));
				if (value) return value;
			}
		}
		return undefined;
	}

	private get labelRows(): Map<string, string> {
		if (!this.cachedLabelRows) {
			this.cachedLabelRows = new Map();
			for (const row of this.root.querySelectorAll('tr')) {
				const cells = cellsOf(row);
				if (cells.length < 2) continue;
				// Label cells are short; skipping long ones avoids normalizing item rows' text.
				const labelText = cells[0].text;
				if (labelText.length > 200) continue;
				const key = normalizeLabel(labelText);
				if (key && !this.cachedLabelRows.has(key)) {
					const value = cellText(cells[1]);
					if (value) this.cachedLabelRows.set(key, value);
				}
			}
		}
		return this.cachedLabelRows;
	}

	/** Text of the first element matching a CSS selector. */
	selectorText(selector: string): string | undefined {
		const element = this.root.querySelector(selector);
		if (!element) return undefined;
		const value = cellText(element);
		return value || undefined;
	}

	get tables(): TableRows[] {
		this.cachedTables ??= this.root.querySelectorAll('table').map((table) => {
			// Only this table's own rows, not those of tables nested inside it.
			const rows = table.querySelectorAll('tr').filter((row) => row.closest('table') === table);
			const cells = rows.map(cellsOf);
			const headerIndex = cells.findIndex((rowCells) => rowCells.length > 0 && rowCells.every((cell) => cell.tagName.toLowerCase() === 'th'));
			const headerAt = headerIndex >= 0 ? headerIndex : 0;
			return {
				header: (cells[headerAt] ?? []).map((cell) => cleanText(cell.text)),
				rows: cells.slice(headerAt + 1).map((rowCells) => rowCells.map(cellText)),
			};
		});
		return this.cachedTables;
	}
}
