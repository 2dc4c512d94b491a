import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { deepCopy, NodeOperationError } from 'n8n-workflow';

import type { NormalizedOrder } from '../../../shared/order';
import { FormOrderProblem, formOrderToNormalized } from '../../../shared/formOrder';
import { ShopifyPayloadProblem, shopifyOrderToNormalized } from '../../../shared/shopifyOrder';
import { insertRows, type RowToInsert } from '../../helpers/insert';
import { versionsCompared } from '../../helpers/conflict';
import { checkOrder, contentHash, orderRow, versionId } from '../../helpers/orderRows';
import { ORDERS_TABLE } from '../../helpers/schema';
import { settle, storeFor } from '../../helpers/store';
import { query, type Store, storeError, tablePath, withStore } from '../../transport/client';
import { findOrders } from './find.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		displayOptions: { show: { resource: ['order'], operation: ['save'] } },
		options: [
			{ name: 'Normalized Order', value: 'normalized', description: 'An order in the shared order shape (Delivery Email Parser output, the README)' },
			{ name: 'Order Form Submission', value: 'form', description: 'An n8n Form Trigger submission with the fields Customer Name, Phone, Email, Delivery Address, Items, Delivery Method, Payment Method (the README)' },
			{ name: 'Shopify Orders/create Webhook', value: 'shopify', description: 'The Shopify Admin Trigger output, a Webhook node output (headers and body), or the bare webhook body' },
		],
		default: 'normalized',
	},
	{
		displayName: 'Order Field',
		name: 'orderField',
		type: 'string',
		default: '',
		placeholder: 'order',
		description: 'Dot path of the field holding the order; empty for the whole item',
		displayOptions: { show: { resource: ['order'], operation: ['save'], input: ['normalized'] } },
	},
	{
		displayName: 'Form Name',
		name: 'formName',
		type: 'string',
		default: 'Order form',
		description: 'Names the source of these orders (the service in the order key)',
		displayOptions: { show: { resource: ['order'], operation: ['save'], input: ['form'] } },
	},
	{
		displayName: 'Shop Domain',
		name: 'shopDomain',
		type: 'string',
		default: '={{ $json.shopDomain ?? $json.headers?.["x-shopify-shop-domain"] ?? "" }}',
		placeholder: 'my-shop.myshopify.com',
		description: 'The myshopify.com domain of the store (the X-Shopify-Shop-Domain header)',
		displayOptions: { show: { resource: ['order'], operation: ['save'], input: ['shopify'] } },
	},
];

const readPath = (value: unknown, path: string): unknown =>
	path
		.split('.')
		.filter(Boolean)
		.reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);

type Outcome = 'created' | 'updated' | 'unchanged' | 'conflict';

/**
 * Only the delivery service can change an order it announced, and an email cannot prove it is the
 * same service again: a different email about a stored order number goes to a person instead.
 */
const mayChangeStoredOrder = (order: NormalizedOrder) => order.source !== 'email';

interface Candidate {
	itemIndex: number;
	order: NormalizedOrder;
	hash: string;
	versionId: string;
}

/** Every stored content hash per order key among `keys` (one query per 10,000 keys). */
async function storedVersions(store: Store, keys: string[]): Promise<Map<string, Set<string>>> {
	const stored = new Map<string, Set<string>>();
	for (let start = 0; start < keys.length; start += 10_000) {
		const rows = await query(
			store,
			`SELECT order_key, content_hash FROM ${tablePath(store, ORDERS_TABLE)} WHERE order_key IN UNNEST(@keys) GROUP BY order_key, content_hash`,
			{ params: { keys: keys.slice(start, start + 10_000) }, types: { keys: ['STRING'] } },
		);
		for (const row of rows) {
			const key = String(row.order_key);
			if (!stored.has(key)) stored.set(key, new Set());
			stored.get(key)!.add(String(row.content_hash));
		}
	}
	return stored;
}

/**
 * Saves every input item's order in one go: one query for what is already stored, then as few
 * insertAll requests as the limits allow. A version already stored (same content hash for the
 * order key) is not written again: a re-delivered webhook or email changes nothing. An email whose
 * order is stored with other contents writes nothing: outcome `conflict`, with both versions.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const input = this.getNodeParameter('input', 0) as 'normalized' | 'shopify' | 'form';
	const now = new Date().toISOString();
	const output: Array<INodeExecutionData | undefined> = new Array(items.length);
	const fail = (itemIndex: number, error: NodeOperationError) => {
		if (!this.continueOnFail()) throw error;
		output[itemIndex] = { json: { error: error.message, ...(error.description ? { errorDescription: error.description } : {}) }, pairedItem: { item: itemIndex } };
	};

	const candidates: Candidate[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let order: NormalizedOrder | undefined;
		let problems: string[] = [];
		if (input === 'shopify') {
			const json = items[itemIndex].json;
			// The Webhook node's item (headers + body), the Shopify Admin Trigger's (topic + payload), or the bare order.
			const payload = json.body !== undefined && json.headers !== undefined ? json.body : json.topic !== undefined && json.payload !== undefined ? json.payload : json;
			const domain = this.getNodeParameter('shopDomain', itemIndex, '') as string;
			const mapped = await settle(async () => shopifyOrderToNormalized(deepCopy(payload), domain, now));
			if (mapped.ok) order = mapped.value;
			else if (mapped.error instanceof ShopifyPayloadProblem) problems = [mapped.error.message];
			else throw new NodeOperationError(this.getNode(), mapped.error as Error, { itemIndex });
		} else if (input === 'form') {
			const formName = this.getNodeParameter('formName', itemIndex, 'Order form') as string;
			const mapped = await settle(async () => formOrderToNormalized(deepCopy(items[itemIndex].json), formName, now));
			if (mapped.ok) order = mapped.value;
			else if (mapped.error instanceof FormOrderProblem) problems = [mapped.error.message];
			else throw new NodeOperationError(this.getNode(), mapped.error as Error, { itemIndex });
		} else {
			const field = this.getNodeParameter('orderField', itemIndex, '') as string;
			const checked = checkOrder(field ? readPath(items[itemIndex].json, field) : items[itemIndex].json, now);
			order = checked.order;
			problems = checked.problems;
		}
		if (!order) {
			fail(
				itemIndex,
				new NodeOperationError(this.getNode(), `Not an order: ${problems.join('; ')}`, {
					itemIndex,
					description: 'Feed the node orders in the shared order shape (see the README), e.g. from the Delivery Email Parser, or pick the Shopify input.',
				}),
			);
			continue;
		}
		const hash = contentHash(order);
		candidates.push({ itemIndex, order, hash, versionId: versionId(order.orderKey, hash) });
	}
	if (candidates.length === 0) return output.filter((entry): entry is INodeExecutionData => entry !== undefined);

	const store = await storeFor.call(this);
	const lookup = await settle(withStore(store, async (current) => await storedVersions(current, [...new Set(candidates.map((candidate) => candidate.order.orderKey))])));
	if (!lookup.ok) throw storeError(this.getNode(), lookup.error, store.account);
	const stored = lookup.value;

	// One row per new version; later items with the same version share its outcome.
	const storedAt = new Date().toISOString();
	const outcomes = new Map<string, Outcome>();
	const rows: RowToInsert[] = [];
	/** The first new version of each order key in this run: what a later conflicting one is shown against. */
	const firstInBatch = new Map<string, Candidate>();
	for (const candidate of candidates) {
		if (outcomes.has(candidate.versionId)) continue;
		const known = stored.get(candidate.order.orderKey);
		if (known?.has(candidate.hash)) {
			outcomes.set(candidate.versionId, 'unchanged');
			continue;
		}
		const earlierInBatch = firstInBatch.get(candidate.order.orderKey);
		if ((known || earlierInBatch) && !mayChangeStoredOrder(candidate.order)) {
			outcomes.set(candidate.versionId, 'conflict');
			continue;
		}
		outcomes.set(candidate.versionId, known || earlierInBatch ? 'updated' : 'created');
		if (!earlierInBatch) firstInBatch.set(candidate.order.orderKey, candidate);
		rows.push({ insertId: candidate.versionId, json: orderRow(candidate.order, candidate.hash, storedAt) });
	}

	// The stored version of each conflicting order, to show the managers both.
	const conflictKeys = [...new Set(candidates.filter((candidate) => outcomes.get(candidate.versionId) === 'conflict').map((candidate) => candidate.order.orderKey))].filter((key) => stored.has(key));
	const latest = conflictKeys.length
		? await settle(withStore(store, async (current) => await findOrders(current, 'order_key IN UNNEST(@keys)', { params: { keys: conflictKeys }, types: { keys: ['STRING'] } }, conflictKeys.length)))
		: { ok: true as const, value: [] };
	if (!latest.ok) throw storeError(this.getNode(), latest.error, store.account);
	const storedOrders = new Map(latest.value.map((order) => [String(order.orderKey), order]));

	const inserted = rows.length ? await settle(withStore(store, async (current) => await insertRows(current, ORDERS_TABLE, rows))) : { ok: true as const, value: { failures: [], requests: 0 } };
	if (!inserted.ok) throw storeError(this.getNode(), inserted.error, store.account);
	const failures = inserted.value.failures;
	const failed = new Map(failures.map((failure) => [failure.insertId, failure]));

	for (const candidate of candidates) {
		const failure = failed.get(candidate.versionId);
		if (failure) {
			const reasons = failure.errors.map((error) => `${error.location ? `${error.location}: ` : ''}${error.message || error.reason}`);
			const error = new NodeOperationError(this.getNode(), `BigQuery rejected order ${candidate.order.orderKey}: ${reasons.join('; ')}`, {
				itemIndex: candidate.itemIndex,
				description: 'Fix the named field of this order; the other orders of this run were saved.',
			});
			if (!this.continueOnFail()) throw error;
			output[candidate.itemIndex] = {
				json: {
					error: error.message,
					orderKey: candidate.order.orderKey,
					insertErrors: failure.errors.map((entry) => ({ column: entry.location, reason: entry.reason, message: entry.message })),
				},
				pairedItem: { item: candidate.itemIndex },
			};
			continue;
		}
		const outcome = outcomes.get(candidate.versionId)!;
		if (outcome === 'conflict') {
			const storedOrder = storedOrders.get(candidate.order.orderKey) ?? (firstInBatch.get(candidate.order.orderKey)?.order as unknown as IDataObject | undefined);
			const compared = versionsCompared(storedOrder, candidate.order);
			output[candidate.itemIndex] = {
				json: {
					orderKey: candidate.order.orderKey,
					outcome,
					reason: `order ${candidate.order.orderNumber} is already stored with other contents (${compared.changed.join(', ') || 'details'} differ); this email changed nothing. Compare the two versions.`,
					service: candidate.order.service,
					email: (candidate.order.email ?? null) as IDataObject | null,
					comparison: compared.text,
					stored: storedOrder ?? null,
					order: candidate.order as unknown as IDataObject,
				},
				pairedItem: { item: candidate.itemIndex },
			};
			continue;
		}
		const json: IDataObject = {
			orderKey: candidate.order.orderKey,
			outcome,
			versionId: candidate.versionId,
			contentHash: candidate.hash,
			status: candidate.order.status,
			order: candidate.order as unknown as IDataObject,
		};
		output[candidate.itemIndex] = { json, pairedItem: { item: candidate.itemIndex } };
	}
	return output.filter((entry): entry is INodeExecutionData => entry !== undefined);
}
