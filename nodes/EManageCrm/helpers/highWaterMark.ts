import { createHash } from 'node:crypto';

/**
 * No-duplicate bookkeeping for a polling trigger: the latest change time seen (the high-water
 * mark) plus the IDs already emitted at exactly that time. The next poll asks again from the mark
 * (inclusive, so records changed in the same second are not lost) and skips those IDs. Both live
 * in the workflow's static data, which n8n saves after each poll, so a restart resumes there.
 */
export interface Watermark {
	/** ISO time of the latest change emitted (or the start point). */
	since: string;
	/** IDs emitted whose change time equals `since`. */
	boundaryIds: string[];
}

/** The boundary set stays small; beyond this many records changed in one instant, the oldest IDs drop. */
export const MAX_BOUNDARY_IDS = 1000;

export interface Change<T> {
	record: T;
	key: string;
	changedAt: number;
}

/** A short fingerprint of a record, so a second change within the same second is still seen. */
export function fingerprint(record: unknown): string {
	return createHash('sha1').update(JSON.stringify(record)).digest('base64url').slice(0, 12);
}

/**
 * The records not emitted yet (oldest first), and the watermark to store after emitting them.
 * `keyOf` should include a version (e.g. ID + fingerprint) when one record can change twice in
 * the same second.
 */
export function selectNew<T>(records: T[], watermark: Watermark, keyOf: (record: T) => string, changedAtOf: (record: T) => number): { fresh: Array<Change<T>>; next: Watermark } {
	const since = Date.parse(watermark.since);
	const seenAtBoundary = new Set(watermark.boundaryIds);
	const fresh: Array<Change<T>> = [];
	const emitted = new Set<string>();
	for (const record of records) {
		const changedAt = changedAtOf(record);
		const key = keyOf(record);
		if (!Number.isFinite(changedAt) || key === '') continue;
		if (changedAt < since) continue;
		if (changedAt === since && seenAtBoundary.has(key)) continue;
		// The same change listed twice (page overlap) is emitted once.
		const identity = `${key}@${changedAt}`;
		if (emitted.has(identity)) continue;
		emitted.add(identity);
		fresh.push({ record, key, changedAt });
	}
	fresh.sort((a, b) => a.changedAt - b.changedAt || a.key.localeCompare(b.key));
	if (fresh.length === 0) return { fresh, next: watermark };
	const latest = fresh[fresh.length - 1].changedAt;
	const atLatest = fresh.filter((change) => change.changedAt === latest).map((change) => change.key);
	const boundaryIds = latest === since ? [...watermark.boundaryIds, ...atLatest] : atLatest;
	return {
		fresh,
		next: { since: new Date(latest).toISOString(), boundaryIds: [...new Set(boundaryIds)].slice(-MAX_BOUNDARY_IDS) },
	};
}
