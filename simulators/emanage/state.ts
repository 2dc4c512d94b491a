/**
 * What the eManageCRM simulator holds: API users (with password expiry and lock), issued tokens,
 * campaigns with prices, orders with receipts, products, leads, upsells, export files and the Sync
 * App's shops and funnel settings. Known shapes follow the research (TraceKit, funnel pages);
 * the rest follows nodes/EManageCrm/transport/assumedContract.ts.
 */
export const SIM_USERNAME = 'shopsync-api';
/** Not a secret: it only opens the local simulator. */
export const SIM_PASSWORD = 'Simulator-Pass-0001';
export const SIM_CLIENT_ID = 'e1ec116b-5a0c-4d6e-9c61-5f0d4b8e7a21';
export const SIM_WEB_KEY = '9C4ABE3D-7B1E-4C55-9F0A-2D7E6B3C1A90';
export const SIM_UPSELL_WEB_KEY = '4B7E1C2D-9A3F-4E6B-8C1D-0F2A3B4C5D6E';

export interface SimUser {
	username: string;
	password: string;
	passwordExpired: boolean;
	locked: boolean;
}

export interface SimReceipt {
	transactionId: string;
	paymentStatus: string;
	amount: number;
	amountUSD: number;
	currencyCode: string;
	createDate: string;
}

export interface SimOrder {
	orderId: number;
	orderNumber: string;
	orderStatus: string;
	transactionId: string;
	productPrice: number;
	currencyCode: string;
	/** "YYYY-MM-DDTHH:mm:ss" (UTC, seconds), like .NET without a zone. */
	orderDate: string;
	lastUpdateDate: string;
	email: string;
	customerName: string;
	affiliateId: string;
	s1: string;
	referenceId: string;
	webKey: string;
	productId: number;
	isTest: boolean;
	cardId: string;
	relatedOrderNumber?: string;
	receipts: SimReceipt[];
}

export interface SimCampaign {
	campaignId: number;
	webKey: string;
	cid: string;
	name: string;
	status: string;
	prices: Array<Record<string, unknown>>;
}

export interface SimProduct {
	productId: number;
	name: string;
	sku: string;
	price: number;
	currencyCode: string;
	quantity: number;
	productType: string;
	description: string;
	shopifyVariantId: string;
	isActive: boolean;
	createdDate: string;
	updatedDate: string;
}

export interface EManageState {
	users: SimUser[];
	tokens: Record<string, { username: string; expiresAt: number }>;
	tokenLifetimeSeconds: number;
	/** Requests per second per token before 429. */
	requestsPerSecond: number;
	campaigns: SimCampaign[];
	orders: SimOrder[];
	products: SimProduct[];
	leads: Array<Record<string, unknown>>;
	/** Export files by ID: CSV text served without authentication (like a storage link). */
	exports: Record<string, string>;
	/** Whether each receipt appears twice in export files (what TraceKit saw). */
	repeatReceiptRows: boolean;
	/**
	 * Where "nextExport" links point; empty = this server. Tests set another origin to play a
	 * server that names a foreign continuation URL (the node must not follow it with its token).
	 */
	exportContinuationBase: string;
	shops: Array<Record<string, unknown>>;
	funnels: Array<{ funnelId: string; name: string; shopDomain: string; settings: Record<string, boolean> }>;
	settingsTokens: Record<string, { shopDomain: string; funnelId?: string }>;
	nextOrderId: number;
	nextProductId: number;
}

export const stamp = (date: Date = new Date()) => date.toISOString().slice(0, 19);

function price(productId: number, sku: string, quantity: number, value: number) {
	const money = (amount: number) => ({ Value: amount, FormattedValue: `$${amount.toFixed(2)}` });
	return {
		productId,
		quantity,
		sku,
		productPrices: { DiscountedPrice: money(value), FullRetailPrice: money(Math.round(value * 1.6 * 100) / 100), PreSaleAmount1: money(0) },
		shippings: [{ shippingMethodId: 11, price: 4.95, formattedPrice: '$4.95' }],
	};
}

export function seedOrder(partial: Partial<SimOrder> & { orderId: number }): SimOrder {
	const date = partial.orderDate ?? '2026-03-02T10:15:00';
	return {
		orderNumber: String(100000 + partial.orderId),
		orderStatus: 'Paid',
		transactionId: `TX${partial.orderId}`,
		productPrice: 49.95,
		currencyCode: 'USD',
		orderDate: date,
		lastUpdateDate: date,
		email: `buyer${partial.orderId}@example.com`,
		customerName: 'Jane Doe',
		affiliateId: 'AFF1',
		s1: '',
		referenceId: `4F4DA0F1-3DEE-437B-A849-${String(partial.orderId).padStart(12, '0')}`,
		webKey: SIM_WEB_KEY,
		productId: 301,
		isTest: false,
		cardId: `card-${partial.orderId}`,
		receipts: [
			{ transactionId: `TX${partial.orderId}`, paymentStatus: 'Paid', amount: partial.productPrice ?? 49.95, amountUSD: partial.productPrice ?? 49.95, currencyCode: 'USD', createDate: date },
		],
		...partial,
	};
}

export function initialEManageState(): EManageState {
	return {
		users: [
			{ username: SIM_USERNAME, password: SIM_PASSWORD, passwordExpired: false, locked: false },
			{ username: 'expired-user', password: SIM_PASSWORD, passwordExpired: true, locked: false },
			{ username: 'locked-user', password: SIM_PASSWORD, passwordExpired: false, locked: true },
		],
		tokens: {},
		tokenLifetimeSeconds: 3600,
		requestsPerSecond: 20,
		campaigns: [
			{ campaignId: 17, webKey: SIM_WEB_KEY, cid: SIM_CLIENT_ID, name: 'Ultra Radiance EN 89 List', status: 'Active with Traffic', prices: [price(301, 'JETF_1', 1, 49.95), price(302, 'JETF_3', 3, 119.85)] },
			{ campaignId: 18, webKey: SIM_UPSELL_WEB_KEY, cid: SIM_CLIENT_ID, name: 'Ultra Radiance Upsell 1', status: 'Active with Traffic', prices: [price(401, 'SERUM_1', 1, 19.95)] },
		],
		orders: [
			seedOrder({ orderId: 1, orderDate: '2026-03-01T09:00:00' }),
			seedOrder({ orderId: 2, orderDate: '2026-03-01T12:30:00', productId: 302, productPrice: 119.85, email: 'anna@example.com', customerName: 'Anna "Annie" Smith, Jr.' }),
			seedOrder({ orderId: 3, orderDate: '2026-03-02T08:00:00', isTest: true, orderStatus: 'Paid' }),
		],
		products: [
			{ productId: 301, name: 'Jet Fuel 1 bottle', sku: 'JETF_1', price: 49.95, currencyCode: 'USD', quantity: 1, productType: 'Hard Sale', description: '', shopifyVariantId: '', isActive: true, createdDate: '2026-02-01T08:00:00', updatedDate: '2026-02-01T08:00:00' },
			{ productId: 302, name: 'Jet Fuel 3 bottles', sku: 'JETF_3', price: 119.85, currencyCode: 'USD', quantity: 3, productType: 'Hard Sale', description: '', shopifyVariantId: '', isActive: true, createdDate: '2026-02-01T08:00:00', updatedDate: '2026-02-01T08:00:00' },
		],
		leads: [],
		exports: {},
		repeatReceiptRows: true,
		exportContinuationBase: '',
		shops: [],
		funnels: [],
		settingsTokens: {},
		nextOrderId: 4,
		nextProductId: 303,
	};
}
