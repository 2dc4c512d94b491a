import { LATEST_STABLE_API_VERSION } from '../../nodes/Shopify/transport/apiVersion';

/** What the Shopify simulator holds: several stores, each with its own app credentials and records. */

export interface Address {
	id: number;
	firstName?: string | null;
	lastName?: string | null;
	company?: string | null;
	address1?: string | null;
	address2?: string | null;
	city?: string | null;
	provinceCode?: string | null;
	countryCode?: string | null;
	zip?: string | null;
	phone?: string | null;
}

export interface CustomerRecord {
	id: number;
	firstName: string | null;
	lastName: string | null;
	email: string | null;
	phone: string | null;
	note: string | null;
	tags: string[];
	addresses: Address[];
	emailMarketingState: string;
	emailConsentUpdatedAt: string | null;
	/**
	 * Shopify's verifiedEmail: false for customers the admin or an app creates, true once the
	 * customer confirms the address by activating their account; a changed email is unverified again.
	 */
	verifiedEmail?: boolean;
	/** Account state: DISABLED (no account), INVITED, ENABLED (activated) or DECLINED. */
	accountState?: string;
	metafields: Record<string, string>;
	ordersCount: number;
	createdAt: string;
	updatedAt: string;
}

export interface VariantRecord {
	id: number;
	title: string;
	sku: string | null;
	barcode: string | null;
	price: string;
	compareAtPrice: string | null;
	inventoryQuantity: number;
	options: Array<{ name: string; value: string }>;
	updatedAt: string;
}

export interface ProductRecord {
	id: number;
	title: string;
	handle: string;
	status: string;
	vendor: string;
	productType: string;
	tags: string[];
	descriptionHtml: string;
	options: Array<{ name: string; values: string[] }>;
	variants: VariantRecord[];
	metafields: Record<string, string>;
	/** The featured image's URL (Shopify: featuredMedia), or none. */
	imageUrl?: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface LineItemRecord {
	id: number;
	title: string;
	sku: string | null;
	quantity: number;
	price: string;
	variantId: number | null;
	productId: number | null;
	/** A draft order line's custom discount (Shopify: DraftOrderLineItem.appliedDiscount). */
	appliedDiscount?: AppliedDiscountRecord | null;
}

export interface AppliedDiscountRecord {
	valueType: 'FIXED_AMOUNT' | 'PERCENTAGE';
	value: number;
	title: string | null;
	description: string;
}

export interface OrderRecord {
	id: number;
	number: number;
	email: string | null;
	phone: string | null;
	customerId: number | null;
	currency: string;
	financialStatus: string;
	fulfillmentStatus: string | null;
	lineItems: LineItemRecord[];
	shippingAddress: Address | null;
	shippingLine: { title: string; code: string; price: string } | null;
	note: string | null;
	tags: string[];
	appId: number | null;
	cancelledAt: string | null;
	cancelReason: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface DraftOrderRecord {
	id: number;
	number: number;
	status: string;
	email: string | null;
	customerId: number | null;
	lineItems: LineItemRecord[];
	shippingAddress: Address | null;
	shippingLine?: { title: string; code: string | null; price: string } | null;
	note: string | null;
	tags: string[];
	invoiceSentAt: string | null;
	invoiceToken: string;
	createdAt: string;
	updatedAt: string;
}

export interface SubscriptionRecord {
	id: number;
	topic: string;
	uri: string;
	format: string;
	createdAt: string;
}

export interface StoreState {
	/** Short name used by the admin test endpoints: a, b, c. */
	key: string;
	name: string;
	domain: string;
	clientId: string;
	clientSecret: string;
	/** A legacy custom app token that is also accepted. */
	staticToken: string;
	/**
	 * The webhooks API version configured on the app (Dev Dashboard → app → Versions). Shopify
	 * serializes every delivery in it, whatever request created the subscription.
	 */
	webhooksApiVersion: string;
	currency: string;
	/** Issued tokens and their expiry (epoch ms). */
	tokens: Record<string, number>;
	/** Standard plan figures by default: 2,000 points, 100 restored per second. */
	bucket: { maximumAvailable: number; restoreRate: number; currentlyAvailable: number; updatedAt: number };
	customers: CustomerRecord[];
	products: ProductRecord[];
	orders: OrderRecord[];
	draftOrders: DraftOrderRecord[];
	subscriptions: SubscriptionRecord[];
}

export interface WebhookSettings {
	/** Share (0..1) of deliveries sent twice. */
	duplicateRate: number;
	/** Each delivery is sent a random 1..N times (at-least-once delivery); 1 sends it once. */
	maxCopies: number;
	/** Deliveries wait a random 0..N ms first, so they can arrive out of order. */
	reorderWindowMs: number;
	/** Attempts per delivery (Shopify: 8 retries over 4 hours; compressed here). */
	maxAttempts: number;
	retryBaseMs: number;
	/** Shopify's limit: the receiver must answer within 5 s. */
	timeoutMs: number;
	/** Whether deliveries are sent at all (off: only recorded). */
	enabled: boolean;
}

export interface DeliveryRecord {
	webhookId: string;
	eventId: string;
	topic: string;
	shop: string;
	uri: string;
	attempts: number;
	/** Last HTTP status, or 0 for a network error or timeout. */
	lastStatus: number | null;
	delivered: boolean;
	duplicateOf?: string;
}

export interface ShopifyState {
	stores: StoreState[];
	webhooks: WebhookSettings;
	/** Most recent deliveries (capped), for tests and the demo. */
	deliveries: DeliveryRecord[];
	/** Process-independent counter for record IDs. */
	nextId: number;
	tokenLifetimeSeconds: number;
}

export const SIMULATOR_STORES = [
	{ key: 'a', name: 'Shop Sync Store A', domain: 'shop-sync-a.myshopify.com' },
	{ key: 'b', name: 'Shop Sync Store B', domain: 'shop-sync-b.myshopify.com' },
	{ key: 'c', name: 'Shop Sync Store C', domain: 'shop-sync-c.myshopify.com' },
] as const;

/** Not secrets: they only open the local simulator. */
export function simulatorAppCredentials(key: string) {
	return {
		clientId: `sim-client-id-${key}`,
		clientSecret: `sim-client-secret-${key}-0000000000000000`,
		staticToken: `shpat_simulator${key}00000000000000000000000`,
	};
}

export function initialShopifyState(): ShopifyState {
	return {
		stores: SIMULATOR_STORES.map((store) => ({
			...store,
			...simulatorAppCredentials(store.key),
			webhooksApiVersion: LATEST_STABLE_API_VERSION,
			currency: 'EUR',
			tokens: {},
			bucket: { maximumAvailable: 2000, restoreRate: 100, currentlyAvailable: 2000, updatedAt: Date.now() },
			customers: [],
			products: [],
			orders: [],
			draftOrders: [],
			subscriptions: [],
		})),
		webhooks: { duplicateRate: 0, maxCopies: 1, reorderWindowMs: 0, maxAttempts: 5, retryBaseMs: 500, timeoutMs: 5000, enabled: true },
		deliveries: [],
		nextId: 7_000_000_000_001,
		tokenLifetimeSeconds: 86_399,
	};
}

/**
 * Lifts every store's cost bucket (in-process load tests and benchmarks only), so they measure
 * n8n rather than Shopify's documented throttle, which has its own benchmark.
 */
export function liftCostLimits(state: ShopifyState): void {
	for (const store of state.stores) Object.assign(store.bucket, { maximumAvailable: 1e9, currentlyAvailable: 1e9, restoreRate: 1e9, updatedAt: Date.now() });
}
