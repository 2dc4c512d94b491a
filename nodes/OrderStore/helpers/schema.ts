/**
 * The Order Store's tables and view. Orders are append-only: every distinct version of an order
 * is one row; `orders_latest` shows the newest version of each order (README, "Order Store").
 */
export interface Field {
	name: string;
	type: string;
	mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
	fields?: Field[];
	description?: string;
}

export const ORDERS_TABLE = 'orders';
export const TOUCHES_TABLE = 'client_touches';
export const LATEST_VIEW = 'orders_latest';

const required = (name: string, type: string, description?: string): Field => ({ name, type, mode: 'REQUIRED', ...(description ? { description } : {}) });
const nullable = (name: string, type: string, description?: string): Field => ({ name, type, mode: 'NULLABLE', ...(description ? { description } : {}) });

export const ORDER_FIELDS: Field[] = [
	required('order_key', 'STRING', 'source:service:source order ID, stable across versions'),
	required('version_id', 'STRING', 'sha256(order_key + content_hash); also the insertId'),
	required('content_hash', 'STRING', 'sha256 of the order content (everything but ingested_at, raw and the email envelope)'),
	required('source', 'STRING'),
	required('service', 'STRING'),
	nullable('service_name', 'STRING'),
	required('source_order_id', 'STRING'),
	nullable('order_number', 'STRING'),
	nullable('customer_name', 'STRING'),
	nullable('customer_email', 'STRING'),
	nullable('customer_phone', 'STRING'),
	{
		name: 'shipping_address',
		type: 'RECORD',
		mode: 'NULLABLE',
		fields: ['text', 'name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country_code'].map((name) => nullable(name, 'STRING')),
	},
	nullable('delivery_method', 'STRING'),
	nullable('payment_method', 'STRING'),
	{
		name: 'items',
		type: 'RECORD',
		mode: 'REPEATED',
		fields: [nullable('sku', 'STRING'), required('title', 'STRING'), required('quantity', 'INT64'), nullable('unit_price', 'NUMERIC'), nullable('total', 'NUMERIC')],
	},
	nullable('subtotal', 'NUMERIC'),
	nullable('shipping', 'NUMERIC'),
	required('total', 'NUMERIC'),
	required('currency', 'STRING'),
	required('status', 'STRING'),
	nullable('created_at', 'TIMESTAMP'),
	required('ingested_at', 'TIMESTAMP'),
	required('stored_at', 'TIMESTAMP', 'when this version was written; partitions the table by day'),
	nullable('email_message_id', 'STRING'),
	nullable('raw_payload', 'STRING', 'the source payload as JSON text'),
];

export const TOUCH_FIELDS: Field[] = [
	required('touch_id', 'STRING', 'sha256 of who, channel, when and reference; also the insertId'),
	required('customer_key', 'STRING', 'the e-mail (lower case), else the phone, else the name'),
	nullable('customer_name', 'STRING'),
	nullable('customer_email', 'STRING'),
	nullable('customer_phone', 'STRING'),
	required('channel', 'STRING', 'chatbot, order or form'),
	required('touched_at', 'TIMESTAMP'),
	nullable('reference', 'STRING', 'what the touch is about: an order key, a ManyChat subscriber ID, a form ID'),
	nullable('details', 'STRING', 'JSON text'),
	required('recorded_at', 'TIMESTAMP'),
];

export interface TableSpec {
	name: string;
	fields: Field[];
	partitionField: string;
	clusterFields: string[];
	description: string;
}

export const TABLES: TableSpec[] = [
	{ name: ORDERS_TABLE, fields: ORDER_FIELDS, partitionField: 'stored_at', clusterFields: ['order_key'], description: 'Order Store: every version of every order (append-only)' },
	{ name: TOUCHES_TABLE, fields: TOUCH_FIELDS, partitionField: 'touched_at', clusterFields: ['customer_key'], description: 'Order Store: client touches (chat-bot, order, form)' },
];

/** The newest version of each order: latest stored_at, ties broken by version_id. */
export function latestViewSql(projectId: string, dataset: string): string {
	return [
		'SELECT * EXCEPT (version_rank)',
		'FROM (',
		'  SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.order_key ORDER BY o.stored_at DESC, o.version_id DESC) AS version_rank,',
		'    COUNT(*) OVER (PARTITION BY o.order_key) AS version_count',
		`  FROM \`${projectId}.${dataset}.${ORDERS_TABLE}\` AS o`,
		'  WHERE TRUE',
		'  QUALIFY version_rank = 1',
		')',
	].join('\n');
}
