/**
 * Shopify REST `orders/create` webhook payload (the REST Order resource) → the shared order shape.
 * Pure: no I/O. Field notes: research/shopify.md §1.5.
 */
import { type AddressParts, addressText, type NormalizedOrder, orderKey } from './order';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' || typeof value === 'bigint' ? String(value) : null);

/** Decimal text → integer cents (Shopify sends money as strings with two decimals). */
function cents(value: unknown): number | null {
	const amount = text(value);
	if (amount === null || !/^-?\d+(\.\d+)?$/.test(amount)) return null;
	const negative = amount.startsWith('-');
	const [whole, fraction = ''] = amount.replace('-', '').split('.');
	const result = Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2)) + (Number(fraction[2] ?? 0) >= 5 ? 1 : 0);
	return negative ? -result : result;
}

const amount = (value: number | null): string | null => (value === null ? null : `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, '0')}`);

function fullName(record: Json | undefined): string | null {
	if (!record) return null;
	return text(record.name) ?? ([text(record.first_name), text(record.last_name)].filter(Boolean).join(' ') || null);
}

/** The order ID exactly: from admin_graphql_api_id when present (IDs can exceed 2^53 as JSON numbers). */
function orderId(payload: Json): string | null {
	const gid = text(payload.admin_graphql_api_id);
	const fromGid = gid ? /^gid:\/\/shopify\/Order\/(\d+)$/.exec(gid)?.[1] : undefined;
	return fromGid ?? text(payload.id);
}

/** cancelled > fulfilled/partially fulfilled > the financial status > new. */
export function shopifyStatus(payload: Json): string {
	if (text(payload.cancelled_at)) return 'cancelled';
	const fulfillment = text(payload.fulfillment_status);
	if (fulfillment === 'fulfilled') return 'fulfilled';
	if (fulfillment === 'partial') return 'partially_fulfilled';
	return text(payload.financial_status)?.toLowerCase() ?? 'new';
}

export class ShopifyPayloadProblem extends Error {}

export function shopifyOrderToNormalized(payload: unknown, storeDomain: string, ingestedAt = new Date().toISOString()): NormalizedOrder {
	if (!isObject(payload)) throw new ShopifyPayloadProblem('the Shopify payload is not an object');
	const domain = storeDomain.trim().toLowerCase();
	if (!domain) throw new ShopifyPayloadProblem('the shop domain is missing (X-Shopify-Shop-Domain)');
	const id = orderId(payload);
	if (!id) throw new ShopifyPayloadProblem('the payload has no order id: is it an orders/create webhook?');
	const total = cents(payload.total_price);
	const currency = text(payload.currency);
	if (total === null || !currency) throw new ShopifyPayloadProblem('the payload has no total_price or currency: is it an orders/create webhook?');

	const shipping = isObject(payload.shipping_address) ? payload.shipping_address : undefined;
	const billing = isObject(payload.billing_address) ? payload.billing_address : undefined;
	const customer = isObject(payload.customer) ? payload.customer : undefined;
	const addressParts: AddressParts | null = shipping
		? {
				name: fullName(shipping),
				line1: text(shipping.address1),
				line2: text(shipping.address2),
				city: text(shipping.city),
				region: text(shipping.province_code) ?? text(shipping.province),
				postalCode: text(shipping.zip),
				countryCode: text(shipping.country_code)?.toUpperCase() ?? null,
			}
		: null;
	const shippingLines = Array.isArray(payload.shipping_lines) ? payload.shipping_lines.filter(isObject) : [];
	const shopShipping = isObject(payload.total_shipping_price_set) && isObject(payload.total_shipping_price_set.shop_money) ? cents(payload.total_shipping_price_set.shop_money.amount) : null;
	const shippingTotal = shopShipping ?? (shippingLines.length ? shippingLines.reduce((sum, line) => sum + (cents(line.price) ?? 0), 0) : null);
	const items = (Array.isArray(payload.line_items) ? payload.line_items.filter(isObject) : []).map((line) => {
		const quantity = Number(line.quantity ?? 0);
		const unit = cents(line.price);
		return {
			sku: text(line.sku),
			title: text(line.name) ?? text(line.title) ?? '(untitled)',
			quantity: Number.isInteger(quantity) ? quantity : 0,
			unitPrice: amount(unit),
			total: amount(unit === null ? null : unit * quantity),
		};
	});
	const gateways = Array.isArray(payload.payment_gateway_names) ? payload.payment_gateway_names.map(text).filter(Boolean) : [];
	const created = text(payload.created_at);
	const createdTime = created ? new Date(created).getTime() : Number.NaN;

	return {
		source: 'shopify',
		service: domain,
		serviceName: domain,
		sourceOrderId: id,
		orderNumber: text(payload.name) ?? text(payload.order_number) ?? id,
		orderKey: orderKey('shopify', domain, id),
		customer: {
			name: fullName(customer) ?? fullName(shipping) ?? fullName(billing),
			phone: text(payload.phone) ?? text(shipping?.phone) ?? text(customer?.phone) ?? text(billing?.phone),
			email: (text(payload.email) ?? text(payload.contact_email) ?? text(customer?.email))?.toLowerCase() ?? null,
		},
		delivery: { address: addressText(addressParts), addressParts, method: text(shippingLines[0]?.title) },
		paymentMethod: gateways.length ? gateways.join(', ') : null,
		items,
		totals: { subtotal: amount(cents(payload.subtotal_price)), shipping: amount(shippingTotal), total: amount(total)! },
		currency: currency.toUpperCase(),
		status: shopifyStatus(payload),
		createdAt: Number.isNaN(createdTime) ? null : new Date(createdTime).toISOString(),
		ingestedAt,
		email: null,
		raw: payload,
	};
}
