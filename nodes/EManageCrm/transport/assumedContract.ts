/**
 * ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
 * │ eManageCRM API CONTRACT: every path, field and rule the node relies on, in one place.        │
 * │                                                                                              │
 * │ KNOWN   = seen in public integrator code or funnel pages (research: emanage-ctrwow.md §1.3,  │
 * │           §1.4). ASSUMED = no vendor documentation exists; confirm with DFO / WowSuite.      │
 * │ To adapt to the real API, change the entry here (and the simulator in simulators/emanage/).  │
 * │ README "eManageCRM and CTRwow: assumed contract" lists each assumption and how to change it. │
 * │ Anything not modelled: use the node's "API Request" operation with the same credential.     │
 * └──────────────────────────────────────────────────────────────────────────────────────────────┘
 */

/** Which base URL of the credential a path is below. */
export type EManageApi = 'public' | 'webSales';

export interface Endpoint {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	api: EManageApi;
	/** Path below the base URL; `{name}` segments are filled in and URL-encoded. */
	path: string;
	known: boolean;
}

export const ENDPOINTS = {
	/** KNOWN: Basic auth → bearer token (raw string, or JSON with token / access_token / accessToken / data.*). */
	auth: { method: 'POST', api: 'public', path: '/auth', known: true },
	/** KNOWN: JSON order list, paged from 1; StartDate/EndDate as "YYYY-MM-DD HH:mm:ss". */
	orderList: { method: 'GET', api: 'public', path: '/order/{page}/{pageSize}', known: true },
	/** KNOWN: asynchronous CSV export → { link, hasMoreToExport, nextExport }; dates as YYYY-MM-DD. */
	orderExport: { method: 'GET', api: 'public', path: '/order/export/{page}/{pageSize}', known: true },
	/** ASSUMED: one order by order number (TraceKit calls an "order details" endpoint whose path is unknown). */
	orderGet: { method: 'GET', api: 'public', path: '/orders/{orderNumber}', known: false },
	/** KNOWN (Web Sales API): products and prices of a campaign. */
	campaignPrices: { method: 'GET', api: 'webSales', path: '/campaigns/{webKey}/products/prices', known: true },
	/** ASSUMED: campaigns of the account (for the campaign list in the editor): { campaigns: [...] }. */
	campaignList: { method: 'GET', api: 'public', path: '/campaigns', known: false },
	/** KNOWN (Web Sales API): lead / prospect capture. */
	customerCreate: { method: 'POST', api: 'webSales', path: '/customers/{webKey}', known: true },
	/** KNOWN (Web Sales API): one-click upsell onto an existing order, charged on the stored card. */
	upsellCreate: { method: 'POST', api: 'webSales', path: '/orders/{orderNumber}/{productId}', known: true },
	/** ASSUMED: product list changed since a moment: ?UpdatedSince=ISO → { products: [...] }. */
	productList: { method: 'GET', api: 'public', path: '/products', known: false },
	/** ASSUMED: create a product: body PRODUCT_FIELDS → the product. */
	productCreate: { method: 'POST', api: 'public', path: '/products', known: false },
	/** ASSUMED: update a product: partial body → the product. */
	productUpdate: { method: 'PUT', api: 'public', path: '/products/{productId}', known: false },
	/** ASSUMED (Sync API): sign a shop up, to its own instance or the shared one. */
	shopSignUp: { method: 'POST', api: 'public', path: '/sync/shops', known: false },
	/** ASSUMED (Sync API): record which CTRwow account a shop connected (no secret is sent). */
	shopLinkCtrwow: { method: 'PUT', api: 'public', path: '/sync/shops/{shopDomain}/ctrwow', known: false },
	/** ASSUMED (Sync API): one-time login token for the settings page → { token, expiresAt }. */
	settingsLinkToken: { method: 'POST', api: 'public', path: '/sync/shops/{shopDomain}/settings-token', known: false },
	/** ASSUMED (Sync API): funnels known to the sync app, with their settings. */
	funnelList: { method: 'GET', api: 'public', path: '/sync/funnels', known: false },
	/** ASSUMED (Sync API): one funnel's settings. */
	funnelSettingsGet: { method: 'GET', api: 'public', path: '/sync/funnels/{funnelId}/settings', known: false },
	/** ASSUMED (Sync API): change some settings (absent ones stay); creates the entry for a new funnel. */
	funnelSettingsSet: { method: 'PATCH', api: 'public', path: '/sync/funnels/{funnelId}/settings', known: false },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** Fills `{name}` segments, URL-encoded. */
export function endpointPath(name: EndpointName, values: Record<string, string | number> = {}): string {
	return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_match, key: string) => {
		const value = values[key];
		if (value === undefined || value === '') throw new Error(`missing ${key} for ${ENDPOINTS[name].path}`);
		return encodeURIComponent(String(value));
	});
}

/** KNOWN: the Web Sales API identifies the client by this header (the campaign's cid). */
export const CLIENT_ID_HEADER = 'X_CID';

/** KNOWN: the server API takes "bearer" in lower case (as TraceKit sends it). */
export const BEARER_PREFIX = 'bearer';

/** KNOWN: where /auth may put the token when it answers JSON. */
export const TOKEN_FIELDS = ['token', 'access_token', 'accessToken', 'data.token', 'data.access_token', 'data.accessToken'] as const;

/**
 * ASSUMED: how /auth words an expired password (they expire every 3 months) and a locked account.
 * Matched against the body's message / code, whatever the status.
 */
export const PASSWORD_EXPIRED_PATTERN = /password.{0,20}expired|expired.{0,20}password|PasswordExpired/i;
export const ACCOUNT_LOCKED_PATTERN = /locked|LockedOut|AccountLocked|too many (failed )?(login )?attempts/i;

/** KNOWN: export CSV columns the node reads (the header row names). */
export const EXPORT_COLUMNS = {
	orderId: 'Order ID',
	orderNumber: 'Order Number',
	orderStatus: 'Order Status Name',
	receiptStatus: 'Receipt Status Name',
	amountUsd: 'Amount USD',
	amount: 'Amount',
	orderPriceUsd: 'Order Price USD',
	orderPrice: 'Order Price',
	orderCreateDate: 'Order Create Date',
	updatedDate: 'Updated Date',
	receiptCreateDate: 'Create Date (Receipts)',
	currencyCode: 'Currency Code',
	email: 'Email',
	transactionId: 'TransactionId',
	affiliateId: 'Affiliate ID',
	referenceId: 'ReferenceId',
} as const;

/** Columns that tell two receipt rows of one order apart; identical values = a repeated row. */
export const RECEIPT_IDENTITY_COLUMNS = ['Order ID', 'TransactionId', 'Create Date (Receipts)', 'Receipt Status Name', 'Amount'] as const;

/**
 * ASSUMED: the order list's StartDate/EndDate select orders by their last update (lastUpdateDate),
 * which is what the trigger needs to see changed orders. If the real API filters by order date,
 * set this to 'orderDate': the trigger then re-reads LOOKBACK_DAYS_FOR_CHANGES of orders per poll.
 */
export const ORDER_LIST_DATE_FILTER: 'lastUpdateDate' | 'orderDate' = 'lastUpdateDate';
export const LOOKBACK_DAYS_FOR_CHANGES = 30;

/** ASSUMED: product fields accepted by create/update. */
export const PRODUCT_FIELDS = ['name', 'sku', 'price', 'currencyCode', 'quantity', 'productType', 'description', 'shopifyVariantId', 'isActive'] as const;

/** ASSUMED: the three per-funnel switches of the Sync App, by their field names in the Sync API. */
export const FUNNEL_SETTINGS = {
	fulfilledByEManage: 'Fulfilled by eManageCRM',
	keepProductsSynchronized: 'Keep Products Synchronized',
	keepOrdersSynchronized: 'Keep Orders Synchronized',
} as const;
export type FunnelSettingName = keyof typeof FUNNEL_SETTINGS;

/** ASSUMED: the settings page takes the one-time token in this query parameter. */
export const SETTINGS_LINK_TOKEN_PARAMETER = 'token';

/*
 * No default addresses: hosts seen in public code (research §1.2) are not confirmed per tenant, and
 * the credential's password and token must go only where the user pointed them. The credential's
 * field descriptions (transport/auth.ts URL_HELP) say where to find each address.
 */

/** KNOWN format, ASSUMED time zone (UTC): the order list's StartDate/EndDate, "YYYY-MM-DD HH:mm:ss". */
export const formatListDate = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');
/** KNOWN: the export's StartDate/EndDate, "YYYY-MM-DD". */
export const formatExportDate = (date: Date) => date.toISOString().slice(0, 10);

/** KNOWN: where the order list puts its orders and the next page (null at the end). */
export const ORDER_LIST_FIELDS = { orders: ['customerOrders', 'orders'], nextPage: 'paging.nextPage' } as const;
/** KNOWN: order fields the trigger reads. */
export const ORDER_FIELDS = { id: 'orderId', number: 'orderNumber', created: 'orderDate', updated: 'lastUpdateDate', isTest: 'isTest' } as const;

/** ASSUMED: dates without a zone ("2026-03-01T10:00:00" or "2026-03-01 10:00:00") are UTC. */
export function parseApiDate(value: unknown): number {
	const text = String(value ?? '').trim();
	if (text === '') return Number.NaN;
	const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
	return Date.parse(hasZone ? text : `${text.replace(' ', 'T')}Z`);
}
