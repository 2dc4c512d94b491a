import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { insertRows, type RowToInsert } from '../../helpers/insert';
import { TOUCHES_TABLE } from '../../helpers/schema';
import { settle, storeFor } from '../../helpers/store';
import { query, storeError, tablePath, withStore } from '../../transport/client';

const show = { resource: ['client'], operation: ['recordTouch'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Chat-Bot', value: 'chatbot', description: 'The shopper wrote to the chat-bot (ManyChat)' },
			{ name: 'Form', value: 'form', description: 'The shopper sent a form' },
			{ name: 'Order', value: 'order', description: 'The shopper ordered' },
		],
		default: 'chatbot',
	},
	{ displayName: 'Name', name: 'name', type: 'string', default: '', displayOptions: { show } },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', displayOptions: { show } },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+14155550123', displayOptions: { show } },
	{
		displayName: 'When',
		name: 'touchedAt',
		type: 'dateTime',
		default: '',
		description: 'When the shopper got in touch; empty for now',
		displayOptions: { show },
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'shopify:my-shop.myshopify.com:5678901234567',
		description: 'What the touch is about: an order key, a ManyChat subscriber ID, a form ID',
		displayOptions: { show },
	},
	{
		displayName: 'Details (JSON)',
		name: 'details',
		type: 'json',
		default: '{}',
		displayOptions: { show },
	},
];

/**
 * Records one touch per item, all in as few insertAll requests as possible. The touch ID (who,
 * channel, when, reference) is the insertId and is checked against the table first, so recording
 * the same touch twice stores it once.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: Array<INodeExecutionData | undefined> = new Array(items.length);
	const recordedAt = new Date().toISOString();
	const pending: Array<{ itemIndex: number; row: RowToInsert }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const name = (this.getNodeParameter('name', itemIndex, '') as string).trim() || null;
		const email = (this.getNodeParameter('email', itemIndex, '') as string).trim().toLowerCase() || null;
		const phone = (this.getNodeParameter('phone', itemIndex, '') as string).replace(/[\s().-]/g, '') || null;
		const when = this.getNodeParameter('touchedAt', itemIndex, '') as string;
		const time = when ? new Date(when).getTime() : Date.now();
		const rawDetails = this.getNodeParameter('details', itemIndex, '{}');
		let details: unknown = rawDetails;
		if (typeof rawDetails === 'string') {
			try {
				details = JSON.parse(rawDetails || '{}');
			} catch {
				details = undefined;
			}
		}
		const problem = !name && !email && !phone ? 'give at least a name, an email or a phone' : Number.isNaN(time) ? `When: "${when}" is not a date and time` : details === undefined ? 'Details (JSON) is not valid JSON' : undefined;
		if (problem) {
			const error = new NodeOperationError(this.getNode(), `Client touch: ${problem}`, { itemIndex, description: 'Map who got in touch (name, email or phone) and, optionally, when.' });
			if (!this.continueOnFail()) throw error;
			output[itemIndex] = { json: { error: error.message }, pairedItem: { item: itemIndex } };
			continue;
		}
		const channel = this.getNodeParameter('channel', itemIndex) as string;
		const touchedAt = new Date(time).toISOString();
		const reference = (this.getNodeParameter('reference', itemIndex, '') as string).trim() || null;
		const customerKey = email ?? phone ?? name!.toLowerCase();
		const touchId = createHash('sha256').update(JSON.stringify([customerKey, channel, touchedAt, reference])).digest('hex');
		pending.push({
			itemIndex,
			row: {
				insertId: touchId,
				json: { touch_id: touchId, customer_key: customerKey, customer_name: name, customer_email: email, customer_phone: phone, channel, touched_at: touchedAt, reference, details: JSON.stringify(details), recorded_at: recordedAt },
			},
		});
	}
	if (pending.length) {
		const store = await storeFor.call(this);
		const ids = [...new Set(pending.map((entry) => entry.row.insertId))];
		const known = await settle(withStore(store, async (current) => await query(current, `SELECT DISTINCT touch_id FROM ${tablePath(current, TOUCHES_TABLE)} WHERE touch_id IN UNNEST(@ids)`, { params: { ids }, types: { ids: ['STRING'] } })));
		if (!known.ok) throw storeError(this.getNode(), known.error, store.account);
		const existing = new Set(known.value.map((row) => String(row.touch_id)));
		const unique = new Map(pending.filter((entry) => !existing.has(entry.row.insertId)).map((entry) => [entry.row.insertId, entry.row]));
		const inserted = unique.size ? await settle(withStore(store, async (current) => await insertRows(current, TOUCHES_TABLE, [...unique.values()]))) : { ok: true as const, value: { failures: [], requests: 0 } };
		if (!inserted.ok) throw storeError(this.getNode(), inserted.error, store.account);
		const failed = new Map(inserted.value.failures.map((failure) => [failure.insertId, failure]));
		for (const { itemIndex, row } of pending) {
			const failure = failed.get(row.insertId);
			if (failure) {
				const reasons = failure.errors.map((entry) => `${entry.location ? `${entry.location}: ` : ''}${entry.message || entry.reason}`).join('; ');
				const error = new NodeOperationError(this.getNode(), `BigQuery rejected the touch: ${reasons}`, { itemIndex });
				if (!this.continueOnFail()) throw error;
				output[itemIndex] = { json: { error: error.message, insertErrors: failure.errors as unknown as IDataObject[] }, pairedItem: { item: itemIndex } };
				continue;
			}
			const json = row.json;
			output[itemIndex] = {
				json: {
					touchId: row.insertId,
					outcome: existing.has(row.insertId) ? 'unchanged' : 'recorded',
					customerKey: json.customer_key as string,
					channel: json.channel as string,
					touchedAt: json.touched_at as string,
					reference: json.reference as string | null,
				},
				pairedItem: { item: itemIndex },
			};
		}
	}
	return output.filter((entry): entry is INodeExecutionData => entry !== undefined);
}
