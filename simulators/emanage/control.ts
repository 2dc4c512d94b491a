/**
 * Test endpoints that change eManageCRM records "as if in the eManageCRM admin or a funnel", so the
 * polling trigger and two-way sync can be tested: place and change orders, change products,
 * expire or lock a user, revoke tokens, tune limits.
 */
import type { Route } from '../frame/types';
import { productChanges } from './publicApi';
import { type EManageState, seedOrder, stamp } from './state';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

/** A given moment ("2026-03-01T10:00:00") or now, as a seconds stamp. */
const when = (value: unknown) => (typeof value === 'string' && value !== '' ? stamp(new Date(/Z$/.test(value) ? value : `${value}Z`)) : stamp());

export const controlRoutes: Array<Route<EManageState>> = [
	{
		method: 'POST',
		path: '/__sim/orders',
		handler: (req, ctx) => {
			const body = (req.body ?? {}) as Body;
			const date = when(body.orderDate);
			const orderId = ctx.state.nextOrderId++;
			const order = seedOrder({
				orderId,
				orderDate: date,
				lastUpdateDate: date,
				...(body.email ? { email: String(body.email) } : {}),
				...(body.productId ? { productId: Number(body.productId) } : {}),
				...(body.productPrice ? { productPrice: Number(body.productPrice) } : {}),
				...(body.isTest ? { isTest: true } : {}),
				...(body.orderStatus ? { orderStatus: String(body.orderStatus) } : {}),
			});
			ctx.state.orders.push(order);
			return { status: 201, body: order };
		},
	},
	{
		method: 'PATCH',
		path: '/__sim/orders/:orderId',
		handler: (req, ctx) => {
			const order = ctx.state.orders.find((entry) => String(entry.orderId) === req.params.orderId);
			if (!order) return { status: 404, body: { error: `order ${req.params.orderId} not found` } };
			const body = (req.body ?? {}) as Body;
			const date = when(body.at);
			if (body.orderStatus) order.orderStatus = String(body.orderStatus);
			if (body.receipt) {
				const receipt = body.receipt as Body;
				order.receipts.push({ transactionId: String(receipt.transactionId ?? `TX${order.orderId}-${order.receipts.length + 1}`), paymentStatus: String(receipt.paymentStatus ?? 'Refunded'), amount: Number(receipt.amount ?? -order.productPrice), amountUSD: Number(receipt.amount ?? -order.productPrice), currencyCode: order.currencyCode, createDate: date });
			}
			order.lastUpdateDate = date;
			return { status: 200, body: order };
		},
	},
	{
		method: 'PATCH',
		path: '/__sim/products/:productId',
		handler: (req, ctx) => {
			const product = ctx.state.products.find((entry) => String(entry.productId) === req.params.productId);
			if (!product) return { status: 404, body: { error: `product ${req.params.productId} not found` } };
			const changes = productChanges((req.body ?? {}) as Body, product);
			if ('status' in changes) return { status: 400, body: changes.body };
			Object.assign(product, changes, { updatedDate: when(((req.body ?? {}) as Body).at) });
			return { status: 200, body: product };
		},
	},
	{
		method: 'PATCH',
		path: '/__sim/users/:username',
		handler: (req, ctx) => {
			const user = ctx.state.users.find((entry) => entry.username === req.params.username);
			if (!user) return { status: 404, body: { error: `user ${req.params.username} not found` } };
			const body = (req.body ?? {}) as Body;
			if (typeof body.passwordExpired === 'boolean') user.passwordExpired = body.passwordExpired;
			if (typeof body.locked === 'boolean') user.locked = body.locked;
			if (typeof body.password === 'string') user.password = body.password;
			return { status: 200, body: { username: user.username, passwordExpired: user.passwordExpired, locked: user.locked } };
		},
	},
	{
		method: 'POST',
		path: '/__sim/tokens/revoke',
		handler: (_req, ctx) => {
			const revoked = Object.keys(ctx.state.tokens).length;
			ctx.state.tokens = {};
			return { status: 200, body: { revoked } };
		},
	},
	{
		method: 'PATCH',
		path: '/__sim/settings',
		handler: (req, ctx) => {
			const body = (req.body ?? {}) as Body;
			const state: EManageState = ctx.state;
			if (typeof body.requestsPerSecond === 'number' && body.requestsPerSecond > 0) state.requestsPerSecond = body.requestsPerSecond;
			if (typeof body.repeatReceiptRows === 'boolean') state.repeatReceiptRows = body.repeatReceiptRows;
			if (typeof body.tokenLifetimeSeconds === 'number') state.tokenLifetimeSeconds = body.tokenLifetimeSeconds;
			if (typeof body.exportContinuationBase === 'string') state.exportContinuationBase = body.exportContinuationBase.replace(/\/+$/, '');
			return {
				status: 200,
				body: { requestsPerSecond: state.requestsPerSecond, repeatReceiptRows: state.repeatReceiptRows, tokenLifetimeSeconds: state.tokenLifetimeSeconds, exportContinuationBase: state.exportContinuationBase },
			};
		},
	},
];
