/**
 * Streams rows with tabledata.insertAll in as few requests as the limits allow: at most 500 rows
 * (BigQuery's recommended maximum) and at most 8 MiB of row JSON per request (the hard limit is
 * 10 MB per HTTP request). Every row carries a stable insertId. With skipInvalidRows the valid rows
 * land and each rejected row comes back with its reasons, mapped here to its insertId.
 */
import type { Store } from '../transport/client';
import { withDeadline } from '../transport/deadline';

export const MAX_ROWS_PER_REQUEST = 500;
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export interface RowToInsert {
	insertId: string;
	json: Record<string, unknown>;
}

export interface RowFailure {
	insertId: string;
	errors: Array<{ reason: string; location: string; message: string }>;
}

/** Splits rows into requests; a row alone over the byte limit is reported, not sent. */
export function batches(rows: RowToInsert[]): { batches: RowToInsert[][]; tooLarge: RowToInsert[] } {
	const result: RowToInsert[][] = [];
	const tooLarge: RowToInsert[] = [];
	let current: RowToInsert[] = [];
	let bytes = 0;
	for (const row of rows) {
		const size = Buffer.byteLength(JSON.stringify(row)) + 1;
		if (size > MAX_REQUEST_BYTES - 1024) {
			tooLarge.push(row);
			continue;
		}
		if (current.length >= MAX_ROWS_PER_REQUEST || bytes + size > MAX_REQUEST_BYTES - 1024) {
			result.push(current);
			current = [];
			bytes = 0;
		}
		current.push(row);
		bytes += size;
	}
	if (current.length) result.push(current);
	return { batches: result, tooLarge };
}

interface PartialFailure {
	name?: string;
	/** The insertAll response: the client's own error list drops each error's location (the column). */
	response?: { insertErrors?: Array<{ index?: number; errors?: Array<{ reason?: string; location?: string; message?: string }> }> };
}

/** Inserts every row; returns the rows BigQuery rejected, with their reasons. Other errors throw. */
export async function insertRows(store: Store, table: string, rows: RowToInsert[]): Promise<{ failures: RowFailure[]; requests: number }> {
	const failures: RowFailure[] = [];
	const plan = batches(rows);
	for (const row of plan.tooLarge) {
		failures.push({ insertId: row.insertId, errors: [{ reason: 'tooLarge', location: '', message: `the row is larger than ${MAX_REQUEST_BYTES} bytes of JSON` }] });
	}
	const target = store.bq.dataset(store.dataset).table(table);
	for (const batch of plan.batches) {
		let partial: PartialFailure | undefined;
		try {
			await withDeadline(`an insert of ${batch.length} row(s)`, async () => await target.insert(batch, { raw: true, skipInvalidRows: true, ignoreUnknownValues: false, partialRetries: 0 }));
		} catch (error) {
			partial = error as PartialFailure;
		}
		if (partial) {
			// Anything but row-level errors (HTTP errors, a missing table) is the caller's to report.
			if (partial.name !== 'PartialFailureError' || !Array.isArray(partial.response?.insertErrors)) throw partial;
			for (const entry of partial.response.insertErrors) {
				const row = batch[entry.index ?? -1];
				if (!row) continue;
				failures.push({
					insertId: row.insertId,
					errors: (entry.errors ?? []).map((reason) => ({ reason: reason.reason ?? 'invalid', location: reason.location ?? '', message: reason.message ?? '' })),
				});
			}
		}
	}
	return { failures, requests: plan.batches.length };
}
