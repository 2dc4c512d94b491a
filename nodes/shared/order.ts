/**
 * The one order shape every order source produces (Shopify `orders/create`, delivery emails, the
 * manual order form, eManageCRM), so the order store and notifications handle them alike.
 * The README ("One order shape") documents every field.
 */
export type OrderSource = 'shopify' | 'email' | 'form' | 'emanage';

export const ORDER_SOURCES: readonly OrderSource[] = ['emanage', 'email', 'form', 'shopify'];

export interface OrderItem {
	sku: string | null;
	title: string;
	quantity: number;
	/** Decimal string with two decimals, e.g. "12.50". */
	unitPrice: string | null;
	total: string | null;
}

/** A postal address split into parts, when the source gives it that way (Shopify, the form). */
export interface AddressParts {
	name: string | null;
	line1: string | null;
	line2: string | null;
	city: string | null;
	region: string | null;
	postalCode: string | null;
	/** ISO 3166-1 alpha-2. */
	countryCode: string | null;
}

export interface NormalizedOrder {
	source: OrderSource;
	/** The store or service the order came from: a Shopify shop domain, a delivery service ID, "form". */
	service: string;
	serviceName: string | null;
	/** The order's ID at its source (Shopify order ID, the delivery service's order number). */
	sourceOrderId: string;
	/** The number people see (Shopify "#1001", the delivery service's order number). */
	orderNumber: string;
	/** Stable across re-deliveries and updates: see orderKey(). */
	orderKey: string;
	customer: { name: string | null; phone: string | null; email: string | null };
	delivery: {
		/** The shipping address as one text (as printed in the email, or joined from its parts). */
		address: string | null;
		addressParts: AddressParts | null;
		method: string | null;
	};
	paymentMethod: string | null;
	items: OrderItem[];
	totals: { subtotal: string | null; shipping: string | null; total: string };
	/** ISO 4217 code. */
	currency: string;
	/** Lower-case: new, pending, paid, partially_paid, fulfilled, partially_fulfilled, refunded, cancelled, … */
	status: string;
	/** When the order was placed, ISO 8601 UTC (the email's date for email orders); null when unknown. */
	createdAt: string | null;
	/** When n8n read the order from its source, ISO 8601 UTC. */
	ingestedAt: string;
	/** The email an order came in, for email orders; null for other sources. */
	email: { messageId: string | null; receivedAt: string | null; from: string | null; subject: string | null } | null;
	/** The source payload as JSON: the webhook body, the form submission, or each email field as read. */
	raw: Record<string, unknown>;
}

/**
 * The stable order key: `<source>:<service>:<source order ID>`, with the source and service
 * lower-cased and every part trimmed, e.g. `shopify:my-shop.myshopify.com:5678901234567` or
 * `email:swiftparcel:SP-100234`. The same order re-delivered (a webhook retry, the same email again)
 * gets the same key; two services that reuse an order number get different keys.
 */
export function orderKey(source: string, service: string, sourceOrderId: string): string {
	const parts = [source.trim().toLowerCase(), service.trim().toLowerCase(), sourceOrderId.trim()];
	const empty = ['source', 'service', 'source order ID'].filter((_, index) => parts[index] === '');
	if (empty.length) throw new Error(`an order key needs a ${empty.join(', ')}`);
	return parts.join(':');
}

/** Joins address parts into one line, skipping empty parts. */
export function addressText(parts: AddressParts | null): string | null {
	if (!parts) return null;
	const cityLine = [parts.postalCode, parts.city].filter(Boolean).join(' ');
	const text = [parts.line1, parts.line2, cityLine, parts.region, parts.countryCode].filter(Boolean).join(', ');
	return text === '' ? null : text;
}
