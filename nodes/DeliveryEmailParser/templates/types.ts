/** How a template reads one field. */
export type FieldRule =
	| { label: string }
	| { selector: string }
	| { regex: string; flags?: string; group?: number };

export const SCALAR_FIELDS = [
	'orderNumber',
	'customerName',
	'phone',
	'email',
	'address',
	'deliveryMethod',
	'paymentMethod',
	'subtotal',
	'shipping',
	'total',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

export const ITEM_COLUMNS = ['sku', 'title', 'quantity', 'unitPrice', 'total'] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];

/** One delivery service's email layout. */
export interface EmailTemplate {
	id: string;
	name: string;
	/**
	 * The domain the service signs its emails with. An email becomes an order only when the receiving
	 * server's Authentication-Results shows DKIM passing for this domain (or a subdomain), or DMARC
	 * passing with it as the From domain; `match` only picks the layout.
	 */
	senderDomain: string;
	/** Which layout an email has: it matches when ANY of these holds. Not proof of the sender. */
	match: {
		fromDomains?: string[];
		fromAddresses?: string[];
		subjectContains?: string[];
		bodyContains?: string[];
	};
	/** ISO 4217 code used when an amount shows no currency. */
	currency: string;
	/** ISO 3166 country for phone numbers written without a country code. */
	defaultCountry: string;
	fields: Partial<Record<ScalarField, FieldRule | FieldRule[]>>;
	/** The items table: found by its header labels; columns map to header labels. */
	items: { columns: Partial<Record<ItemColumn, string>> & { title: string; quantity: string } };
}
