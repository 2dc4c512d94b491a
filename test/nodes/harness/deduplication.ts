import { DataDeduplicationService } from 'n8n-core';
import type { DeduplicationItemTypes, DeduplicationScope, ICheckProcessedContextData, IDataDeduplicator } from 'n8n-workflow';

/**
 * n8n keeps "already processed" records in its database; the harness keeps them in memory, per
 * workflow and node, with the same entries semantics.
 */
class InMemoryDeduplicator implements IDataDeduplicator {
	readonly seen = new Map<string, Set<string>>();

	private bucket(scope: DeduplicationScope, context: ICheckProcessedContextData): Set<string> {
		const key = `${context.workflow.id}|${scope === 'node' ? (context.node?.name ?? '') : ''}`;
		let bucket = this.seen.get(key);
		if (!bucket) this.seen.set(key, (bucket = new Set()));
		return bucket;
	}

	async checkProcessedAndRecord(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData) {
		const bucket = this.bucket(scope, context);
		const result = { new: [] as DeduplicationItemTypes[], processed: [] as DeduplicationItemTypes[] };
		for (const item of items) {
			const key = String(item);
			(bucket.has(key) ? result.processed : result.new).push(item);
			bucket.add(key);
		}
		return result;
	}

	async removeProcessed(items: DeduplicationItemTypes[], scope: DeduplicationScope, context: ICheckProcessedContextData) {
		const bucket = this.bucket(scope, context);
		for (const item of items) bucket.delete(String(item));
	}

	async clearAllProcessedItems(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		this.bucket(scope, context).clear();
	}

	async getProcessedDataCount(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		return this.bucket(scope, context).size;
	}
}

export const harnessDeduplicator = new InMemoryDeduplicator();

let initialized = false;
export async function ensureDeduplication(): Promise<void> {
	if (initialized) return;
	initialized = true;
	await DataDeduplicationService.init(harnessDeduplicator);
}
