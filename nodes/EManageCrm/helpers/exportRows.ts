import type { IDataObject } from 'n8n-workflow';

import { EXPORT_COLUMNS, RECEIPT_IDENTITY_COLUMNS } from '../transport/assumedContract';

export type ExportRow = Record<string, string>;

/** Drops repeated receipt rows (the export may list the same receipt twice), keeping the first. */
export function dedupeReceiptRows(rows: ExportRow[]): { rows: ExportRow[]; duplicates: number } {
	const seen = new Set<string>();
	const kept: ExportRow[] = [];
	for (const row of rows) {
		const key = JSON.stringify(RECEIPT_IDENTITY_COLUMNS.map((column) => (row[column] ?? '').trim()));
		if (seen.has(key)) continue;
		seen.add(key);
		kept.push(row);
	}
	return { rows: kept, duplicates: rows.length - kept.length };
}

const RECEIPT_COLUMNS = new Set<string>([
	EXPORT_COLUMNS.receiptStatus,
	EXPORT_COLUMNS.amountUsd,
	EXPORT_COLUMNS.amount,
	EXPORT_COLUMNS.receiptCreateDate,
	EXPORT_COLUMNS.transactionId,
]);

/** One item per order: the order's columns once, and its receipts (deduplicated) as a list. */
export function groupByOrder(rows: ExportRow[]): IDataObject[] {
	const orders = new Map<string, IDataObject & { receipts: IDataObject[] }>();
	for (const row of rows) {
		const id = row[EXPORT_COLUMNS.orderId] || row[EXPORT_COLUMNS.orderNumber] || '';
		let order = orders.get(id);
		if (!order) {
			order = { receipts: [] };
			for (const [column, value] of Object.entries(row)) if (!RECEIPT_COLUMNS.has(column)) order[column] = value;
			orders.set(id, order);
		}
		const receipt: IDataObject = {};
		for (const column of RECEIPT_COLUMNS) if (row[column] !== undefined) receipt[column] = row[column];
		order.receipts.push(receipt);
	}
	return [...orders.values()];
}
