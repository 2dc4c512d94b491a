/**
 * The one order shape every order source produces (Shopify webhook, delivery emails, the manual
 * form), so the order store and notifications handle them alike.
 */
export interface OrderItem {
	sku: string | null;
	title: string;
	quantity: number;
	/** Decimal string with two decimals, e.g. "12.50". */
	unitPrice: string | null;
	total: string | null;
}

export interface NormalizedOrder {
	source: 'email' | 'shopify' | 'form';
	service: string;
	serviceName: string;
	orderNumber: string;
	customer: { name: string | null; phone: string | null; email: string | null };
	delivery: { address: string | null; method: string | null };
	paymentMethod: string | null;
	items: OrderItem[];
	totals: { subtotal: string | null; shipping: string | null; total: string };
	/** ISO 4217 code. */
	currency: string;
	email: { messageId: string | null; receivedAt: string | null; from: string | null; subject: string | null };
	/** Each field as read, before normalization, for auditing. */
	raw: Record<string, string>;
}
