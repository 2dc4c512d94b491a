import { randomBytes } from 'node:crypto';

import type { Route, SimRequest, SimResponse } from '../frame/types';
import { issueToken } from './auth';
import { type EManageState, type SimOrder, type SimProduct, stamp } from './state';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

/** "YYYY-MM-DD HH:mm:ss" or "YYYY-MM-DD" (UTC) → ms; NaN when unreadable. */
export const parseDate = (text: string | undefined, endOfDay = false) => {
	if (!text) return Number.NaN;
	const value = text.trim().replace(' ', 'T');
	return Date.parse(/T/.test(value) ? `${value}Z` : `${value}T${endOfDay ? '23:59:59' : '00:00:00'}Z`);
};
const at = (stampText: string) => Date.parse(`${stampText}Z`);
const validationError = (field: string, message: string): SimResponse => ({ status: 400, body: { message: 'The request is invalid.', errors: { [field]: [message] } } });

export function orderView(order: SimOrder) {
	return { ...order, customer: { email: order.email } };
}

function pageOf(req: SimRequest): { page: number; size: number } | SimResponse {
	const page = Number(req.params.page);
	const size = Number(req.params.pageSize);
	if (!Number.isInteger(page) || page < 1) return validationError('page', 'Page numbers start at 1.');
	if (!Number.isInteger(size) || size < 1 || size > 5000) return validationError('pageSize', 'Page size must be between 1 and 5000.');
	return { page, size };
}

const EXPORT_HEADER = [
	'Order ID', 'Order Number', 'Order Status Name', 'Receipt Status Name', 'Amount USD', 'Amount', 'Order Price USD', 'Order Price',
	'Order Create Date', 'Updated Date', 'Create Date (Receipts)', 'Currency Code', 'Email', 'Customer Name', 'TransactionId', 'Affiliate ID', 'S1', 'ReferenceId',
];

const csvField = (value: unknown) => {
	const text = String(value ?? '');
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function exportCsv(orders: SimOrder[], repeat: boolean): string {
	const lines = [EXPORT_HEADER.join(',')];
	for (const order of orders) {
		for (const receipt of order.receipts) {
			const row = [
				order.orderId, order.orderNumber, order.orderStatus, receipt.paymentStatus, receipt.amountUSD, receipt.amount, order.productPrice, order.productPrice,
				order.orderDate.replace('T', ' '), order.lastUpdateDate.replace('T', ' '), receipt.createDate.replace('T', ' '), order.currencyCode, order.email,
				order.customerName, receipt.transactionId, order.affiliateId, order.s1, order.referenceId,
			].map(csvField).join(',');
			lines.push(row);
			if (repeat) lines.push(row);
		}
	}
	return `${lines.join('\r\n')}\r\n`;
}

function exportHandler(req: SimRequest, state: EManageState): SimResponse {
	const paging = pageOf(req);
	if ('status' in paging) return paging;
	const from = parseDate(req.query.StartDate);
	const to = parseDate(req.query.EndDate, true);
	if (Number.isNaN(from)) return validationError('StartDate', 'StartDate is required (YYYY-MM-DD).');
	if (Number.isNaN(to)) return validationError('EndDate', 'EndDate is required (YYYY-MM-DD).');
	const matching = state.orders.filter((order) => at(order.orderDate) >= from && at(order.orderDate) <= to).sort((a, b) => a.orderId - b.orderId);
	const slice = matching.slice((paging.page - 1) * paging.size, paging.page * paging.size);
	const id = randomBytes(8).toString('hex');
	state.exports[id] = exportCsv(slice, state.repeatReceiptRows);
	const base = `http://${String(req.headers.host)}`;
	const hasMore = paging.page * paging.size < matching.length;
	const dates = `StartDate=${encodeURIComponent(req.query.StartDate)}&EndDate=${encodeURIComponent(req.query.EndDate)}`;
	return {
		status: 200,
		body: {
			link: `${base}/exports/${id}.csv?sv=2021-08-06&sig=simulated`,
			hasMoreToExport: hasMore,
			nextExport: hasMore ? `${state.exportContinuationBase || base}/api/orders/export/${paging.page + 1}/${paging.size}?${dates}` : null,
		},
	};
}

export function productChanges(body: Body, product?: SimProduct): Partial<SimProduct> | SimResponse {
	const changes: Partial<SimProduct> = {};
	for (const key of ['name', 'sku', 'currencyCode', 'productType', 'description', 'shopifyVariantId'] as const) if (body[key] !== undefined) changes[key] = String(body[key]);
	for (const key of ['price', 'quantity'] as const) {
		if (body[key] === undefined) continue;
		const value = Number(body[key]);
		if (!Number.isFinite(value) || value < 0) return validationError(key, `${key} must be a number ≥ 0.`);
		changes[key] = value;
	}
	if (body.isActive !== undefined) changes.isActive = body.isActive === true;
	if (!product && (!changes.name || !changes.sku)) return validationError(changes.name ? 'sku' : 'name', 'Name and SKU are required.');
	return changes;
}

export const publicRoutes: Array<Route<EManageState>> = [
	{ method: 'POST', path: '/auth', handler: (req, ctx) => issueToken(req, ctx.state) },
	{
		method: 'GET',
		path: '/order/:page/:pageSize',
		handler: (req, ctx) => {
			const paging = pageOf(req);
			if ('status' in paging) return paging;
			const from = parseDate(req.query.StartDate);
			const to = parseDate(req.query.EndDate, true);
			if (Number.isNaN(from) || Number.isNaN(to)) return validationError(Number.isNaN(from) ? 'StartDate' : 'EndDate', 'Dates are required as "YYYY-MM-DD HH:mm:ss".');
			// Assumed contract: the range applies to the last update, so changed orders are listed again.
			const matching = ctx.state.orders
				.filter((order) => at(order.lastUpdateDate) >= from && at(order.lastUpdateDate) <= to)
				.sort((a, b) => a.lastUpdateDate.localeCompare(b.lastUpdateDate) || a.orderId - b.orderId);
			const slice = matching.slice((paging.page - 1) * paging.size, paging.page * paging.size);
			return { status: 200, body: { customerOrders: slice.map(orderView), paging: { page: paging.page, pageSize: paging.size, totalCount: matching.length, nextPage: paging.page * paging.size < matching.length ? paging.page + 1 : null } } };
		},
	},
	{ method: 'GET', path: '/order/export/:page/:pageSize', handler: (req, ctx) => exportHandler(req, ctx.state) },
	{ method: 'GET', path: '/api/orders/export/:page/:pageSize', handler: (req, ctx) => exportHandler(req, ctx.state) },
	{
		method: 'GET',
		path: '/exports/:file',
		handler: (req, ctx) => {
			const csv = ctx.state.exports[req.params.file.replace(/\.csv$/, '')];
			if (csv === undefined) return { status: 404, raw: '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code></Error>', headers: { 'content-type': 'application/xml' } };
			return { status: 200, raw: `\uFEFF${csv}`, headers: { 'content-type': 'text/csv; charset=utf-8' } };
		},
	},
	{
		method: 'GET',
		path: '/orders/:orderNumber',
		handler: (req, ctx) => {
			const order = ctx.state.orders.find((entry) => entry.orderNumber === req.params.orderNumber);
			return order ? { status: 200, body: orderView(order) } : { status: 404, body: { message: 'Order not found' } };
		},
	},
	{
		method: 'GET',
		path: '/campaigns',
		handler: (req, ctx) => {
			const needle = (req.query.search ?? '').toLowerCase();
			const campaigns = ctx.state.campaigns.filter((campaign) => needle === '' || campaign.name.toLowerCase().includes(needle) || campaign.webKey.toLowerCase().includes(needle));
			return { status: 200, body: { campaigns: campaigns.map((campaign) => ({ campaignId: campaign.campaignId, webKey: campaign.webKey, cid: campaign.cid, name: campaign.name, status: campaign.status })) } };
		},
	},
	{
		method: 'GET',
		path: '/products',
		handler: (req, ctx) => {
			const since = req.query.UpdatedSince ? Date.parse(req.query.UpdatedSince) : Number.NEGATIVE_INFINITY;
			if (Number.isNaN(since)) return validationError('UpdatedSince', 'UpdatedSince must be an ISO date.');
			return { status: 200, body: { products: ctx.state.products.filter((product) => at(product.updatedDate) >= since) } };
		},
	},
	{
		method: 'POST',
		path: '/products',
		handler: (req, ctx) => {
			const changes = productChanges((req.body ?? {}) as Body);
			if ('status' in changes) return changes as SimResponse;
			if (ctx.state.products.some((product) => product.sku.toLowerCase() === String(changes.sku).toLowerCase())) return { status: 409, body: { message: `A product with SKU ${String(changes.sku)} already exists.` } };
			const now = stamp();
			const product: SimProduct = { productId: ctx.state.nextProductId++, name: '', sku: '', price: 0, currencyCode: 'USD', quantity: 1, productType: 'Hard Sale', description: '', shopifyVariantId: '', isActive: true, createdDate: now, updatedDate: now, ...changes };
			ctx.state.products.push(product);
			ctx.changed();
			return { status: 201, body: product };
		},
	},
	{
		method: 'PUT',
		path: '/products/:productId',
		handler: (req, ctx) => {
			const product = ctx.state.products.find((entry) => String(entry.productId) === req.params.productId);
			if (!product) return { status: 404, body: { message: 'Product not found' } };
			const changes = productChanges((req.body ?? {}) as Body, product);
			if ('status' in changes) return changes as SimResponse;
			Object.assign(product, changes, { updatedDate: stamp() });
			ctx.changed();
			return { status: 200, body: product };
		},
	},
];
