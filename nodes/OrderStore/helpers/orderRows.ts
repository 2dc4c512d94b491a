/**
 * NormalizedOrder ↔ the `orders` table row, the content hash that decides "same version or a new
 * one", and the checks an input order must pass before it is sent.
 */
import { createHash } from 'node:crypto';

import { type AddressParts, addressText, type NormalizedOrder, ORDER_SOURCES, orderKey } from '../../shared/order';

const MONEY = /^-?\d+(\.\d{1,9})?$/;

/** Money as a decimal string with at least two decimals ("12.5" → "12.50"), or undefined if it is not money. */
export function money(value: unknown): string | null | undefined {
	if (value === null || value === undefined || value === '') return null;
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || !MONEY.test(text)) return undefined;
	const [whole, fraction = ''] = text.split('.');
	return `${whole}.${fraction.padEnd(2, '0')}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys, so equal content always hashes alike. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		return `{${Object.keys(value as object)
			.sort()
			.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
			.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** What makes a version: everything but when it was read (ingestedAt), the raw payload and the email envelope. */
export function contentHash(order: NormalizedOrder): string {
	const content = Object.fromEntries(Object.entries(order).filter(([key]) => !['ingestedAt', 'raw', 'email'].includes(key)));
	return sha256(canonicalJson(content));
}

export function versionId(key: string, hash: string): string {
	return sha256(`${key}\n${hash}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const optionalText = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);

function isoTime(value: unknown): string | null | undefined {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
	const time = new Date(value as string).getTime();
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Checks an input item that claims to be an order (nodes/shared/order.ts) and returns it with money
 * normalised and the order key filled in (or checked), or the list of problems.
 */
export function checkOrder(input: unknown, now: string): { order?: NormalizedOrder; problems: string[] } {
	const problems: string[] = [];
	if (!isObject(input)) return { problems: ['the order is not an object'] };
	const source = optionalText(input.source);
	const service = optionalText(input.service);
	const sourceOrderId = optionalText(input.sourceOrderId) ?? optionalText(input.orderNumber);
	if (!source || !ORDER_SOURCES.includes(source as NormalizedOrder['source'])) problems.push(`source must be one of ${ORDER_SOURCES.join(', ')} (got ${JSON.stringify(input.source ?? null)})`);
	if (!service) problems.push('service is missing');
	if (!sourceOrderId) problems.push('sourceOrderId (or orderNumber) is missing');
	const key = source && service && sourceOrderId ? orderKey(source, service, sourceOrderId) : undefined;
	if (key && input.orderKey !== undefined && input.orderKey !== null && input.orderKey !== key) problems.push(`orderKey ${JSON.stringify(input.orderKey)} does not match source, service and sourceOrderId (${key})`);

	const customer = isObject(input.customer) ? input.customer : {};
	const delivery = isObject(input.delivery) ? input.delivery : {};
	const totals = isObject(input.totals) ? input.totals : {};
	const total = money(totals.total);
	if (!total) problems.push(`totals.total must be an amount such as "12.50" (got ${JSON.stringify(totals.total ?? null)})`);
	const subtotal = money(totals.subtotal);
	const shipping = money(totals.shipping);
	if (subtotal === undefined) problems.push(`totals.subtotal is not an amount: ${JSON.stringify(totals.subtotal)}`);
	if (shipping === undefined) problems.push(`totals.shipping is not an amount: ${JSON.stringify(totals.shipping)}`);
	const currency = optionalText(input.currency)?.toUpperCase() ?? null;
	if (!currency || !/^[A-Z]{3}$/.test(currency)) problems.push(`currency must be an ISO 4217 code such as "EUR" (got ${JSON.stringify(input.currency ?? null)})`);
	const items = Array.isArray(input.items) ? input.items : [];
	if (!Array.isArray(input.items)) problems.push('items must be a list');
	const checkedItems = items.map((entry, index) => {
		const item = isObject(entry) ? entry : {};
		const title = optionalText(item.title);
		const quantity = typeof item.quantity === 'string' && /^\d+$/.test(item.quantity) ? Number(item.quantity) : item.quantity;
		if (!title) problems.push(`items[${index}].title is missing`);
		if (!Number.isInteger(quantity) || (quantity as number) < 0) problems.push(`items[${index}].quantity must be a whole number (got ${JSON.stringify(item.quantity ?? null)})`);
		const unitPrice = money(item.unitPrice);
		const lineTotal = money(item.total);
		if (unitPrice === undefined) problems.push(`items[${index}].unitPrice is not an amount: ${JSON.stringify(item.unitPrice)}`);
		if (lineTotal === undefined) problems.push(`items[${index}].total is not an amount: ${JSON.stringify(item.total)}`);
		return { sku: optionalText(item.sku), title: title ?? '', quantity: quantity as number, unitPrice: unitPrice ?? null, total: lineTotal ?? null };
	});
	const createdAt = isoTime(input.createdAt);
	if (createdAt === undefined) problems.push(`createdAt is not a date and time: ${JSON.stringify(input.createdAt)}`);
	const ingestedAt = isoTime(input.ingestedAt);
	if (ingestedAt === undefined) problems.push(`ingestedAt is not a date and time: ${JSON.stringify(input.ingestedAt)}`);
	const status = (optionalText(input.status) ?? 'new').toLowerCase();
	if (problems.length) return { problems };

	const partsInput = isObject(delivery.addressParts) ? delivery.addressParts : undefined;
	const addressParts: AddressParts | null = partsInput
		? {
				name: optionalText(partsInput.name),
				line1: optionalText(partsInput.line1),
				line2: optionalText(partsInput.line2),
				city: optionalText(partsInput.city),
				region: optionalText(partsInput.region),
				postalCode: optionalText(partsInput.postalCode),
				countryCode: optionalText(partsInput.countryCode),
			}
		: null;
	const email = isObject(input.email) ? input.email : null;
	const order: NormalizedOrder = {
		source: source as NormalizedOrder['source'],
		service: service!,
		serviceName: optionalText(input.serviceName),
		sourceOrderId: sourceOrderId!,
		orderNumber: optionalText(input.orderNumber) ?? sourceOrderId!,
		orderKey: key!,
		customer: { name: optionalText(customer.name), phone: optionalText(customer.phone), email: optionalText(customer.email)?.toLowerCase() ?? null },
		delivery: { address: optionalText(delivery.address) ?? addressText(addressParts), addressParts, method: optionalText(delivery.method) },
		paymentMethod: optionalText(input.paymentMethod),
		items: checkedItems,
		totals: { subtotal: subtotal ?? null, shipping: shipping ?? null, total: total! },
		currency: currency!,
		status,
		createdAt: createdAt ?? null,
		ingestedAt: ingestedAt ?? now,
		email: email
			? { messageId: optionalText(email.messageId), receivedAt: optionalText(email.receivedAt), from: optionalText(email.from), subject: optionalText(email.subject) }
			: null,
		raw: isObject(input.raw) ? input.raw : {},
	};
	return { order, problems: [] };
}

/** The `orders` row for one version. */
export function orderRow(order: NormalizedOrder, hash: string, storedAt: string): Record<string, unknown> {
	const parts = order.delivery.addressParts;
	return {
		order_key: order.orderKey,
		version_id: versionId(order.orderKey, hash),
		content_hash: hash,
		source: order.source,
		service: order.service,
		service_name: order.serviceName,
		source_order_id: order.sourceOrderId,
		order_number: order.orderNumber,
		customer_name: order.customer.name,
		customer_email: order.customer.email,
		customer_phone: order.customer.phone,
		shipping_address:
			order.delivery.address || parts
				? {
						text: order.delivery.address,
						name: parts?.name ?? null,
						line1: parts?.line1 ?? null,
						line2: parts?.line2 ?? null,
						city: parts?.city ?? null,
						region: parts?.region ?? null,
						postal_code: parts?.postalCode ?? null,
						country_code: parts?.countryCode ?? null,
					}
				: null,
		delivery_method: order.delivery.method,
		payment_method: order.paymentMethod,
		items: order.items.map((item) => ({ sku: item.sku, title: item.title, quantity: item.quantity, unit_price: item.unitPrice, total: item.total })),
		subtotal: order.totals.subtotal,
		shipping: order.totals.shipping,
		total: order.totals.total,
		currency: order.currency,
		status: order.status,
		created_at: order.createdAt,
		ingested_at: order.ingestedAt,
		stored_at: storedAt,
		email_message_id: order.email?.messageId ?? null,
		raw_payload: JSON.stringify(order.raw ?? {}),
	};
}

const moneyOut = (value: unknown) => (value === null || value === undefined ? null : (money(String(value)) ?? String(value)));

/** A row read back (from the view) as the order shape, plus its version facts. */
export function rowToOrder(row: Record<string, unknown>): Record<string, unknown> {
	const address = isObject(row.shipping_address) ? row.shipping_address : null;
	let raw: unknown = {};
	try {
		raw = JSON.parse(String(row.raw_payload ?? '{}'));
	} catch {
		raw = { unreadable: row.raw_payload };
	}
	const hasParts = address && ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country_code'].some((key) => address[key] !== null && address[key] !== undefined);
	return {
		source: row.source,
		service: row.service,
		serviceName: row.service_name ?? null,
		sourceOrderId: row.source_order_id,
		orderNumber: row.order_number ?? null,
		orderKey: row.order_key,
		customer: { name: row.customer_name ?? null, phone: row.customer_phone ?? null, email: row.customer_email ?? null },
		delivery: {
			address: address?.text ?? null,
			addressParts: hasParts
				? { name: address.name ?? null, line1: address.line1 ?? null, line2: address.line2 ?? null, city: address.city ?? null, region: address.region ?? null, postalCode: address.postal_code ?? null, countryCode: address.country_code ?? null }
				: null,
			method: row.delivery_method ?? null,
		},
		paymentMethod: row.payment_method ?? null,
		items: (Array.isArray(row.items) ? row.items : []).map((entry) => {
			const item = entry as Record<string, unknown>;
			return { sku: item.sku ?? null, title: item.title, quantity: Number(item.quantity), unitPrice: moneyOut(item.unit_price), total: moneyOut(item.total) };
		}),
		totals: { subtotal: moneyOut(row.subtotal), shipping: moneyOut(row.shipping), total: moneyOut(row.total) },
		currency: row.currency,
		status: row.status,
		createdAt: row.created_at ?? null,
		ingestedAt: row.ingested_at,
		email: row.email_message_id ? { messageId: row.email_message_id } : null,
		raw,
		version: { id: row.version_id, contentHash: row.content_hash, storedAt: row.stored_at, count: row.version_count !== undefined ? Number(row.version_count) : undefined },
	};
}
