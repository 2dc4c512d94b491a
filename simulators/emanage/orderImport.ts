/**
 * ASSUMED, not documented by DFO: `POST /orders/import` on the public API (bearer token) takes an
 * order placed elsewhere (a Shopify order) so eManageCRM can keep it and, when the funnel says
 * "Fulfilled by eManageCRM", ship it. No eManageCRM order-import endpoint is public (research
 * emanage-ctrwow.md §1.3 and §6: "write endpoints for orders … none observed"). The shape borrows the
 * Web Sales API's order fields (`customer`, `shippingAddress`, §1.4) and the analogue CRMs' order import
 * (Konnektive `order/import/`, §3.1); the shipped eManageCRM sync workflow calls it through the node's
 * API Request operation, so an admin can point it at the real endpoint without code.
 * A repeated `externalReference` answers the order already imported (200), as research §4 advises
 * ("a unique constraint on the Shopify order id so replays are idempotent").
 */
import type { Route, SimResponse } from '../frame/types';
import { type EManageState, type SimOrder, seedOrder, stamp } from './state';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

export interface ImportedOrder extends SimOrder {
	externalReference: string;
	externalOrderNumber: string;
	source: string;
	fulfilledByEManage: boolean;
	items: Array<{ sku: string; quantity: number; price: number; productId: number | null }>;
}

const invalid = (field: string, message: string): SimResponse => ({ status: 400, body: { message: 'The request is invalid.', errors: { [field]: [message] } } });

export const orderImportRoutes: Array<Route<EManageState>> = [
	{
		method: 'POST',
		path: '/orders/import',
		handler: (req, ctx) => {
			const body = (req.body ?? {}) as Body;
			const reference = String(body.externalReference ?? '').trim();
			if (reference === '') return invalid('externalReference', 'externalReference (the order ID in the source system) is required.');
			const existing = ctx.state.orders.find((order) => (order as Partial<ImportedOrder>).externalReference === reference);
			if (existing) return { status: 200, body: existing };
			const rows = Array.isArray(body.items) ? (body.items as Body[]) : [];
			if (rows.length === 0) return invalid('items', 'At least one item is required.');
			const items = [];
			for (const [index, row] of rows.entries()) {
				const quantity = Number(row.quantity);
				const price = Number(row.price);
				if (!Number.isInteger(quantity) || quantity < 1) return invalid(`items[${index}].quantity`, 'quantity must be a whole number ≥ 1.');
				if (!Number.isFinite(price) || price < 0) return invalid(`items[${index}].price`, 'price must be a number ≥ 0.');
				const sku = String(row.sku ?? '');
				const product = ctx.state.products.find((entry) => sku !== '' && entry.sku.toLowerCase() === sku.toLowerCase());
				items.push({ sku, quantity, price, productId: product?.productId ?? null });
			}
			const customer = (body.customer ?? {}) as Body;
			const email = String(customer.email ?? '').trim().toLowerCase();
			if (!/^[^@\s]+@[^@\s]+$/.test(email)) return invalid('customer.email', 'A customer e-mail is required.');
			const now = stamp();
			const total = items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0) / 100;
			const base = seedOrder({
				orderId: ctx.state.nextOrderId++,
				orderDate: now,
				productId: items[0].productId ?? 0,
				productPrice: total,
				email,
				customerName: [customer.firstName, customer.lastName].filter(Boolean).join(' '),
				currencyCode: String(body.currencyCode ?? 'USD'),
				referenceId: reference,
			});
			const order: ImportedOrder = {
				...base,
				externalReference: reference,
				externalOrderNumber: String(body.externalOrderNumber ?? ''),
				source: String(body.source ?? ''),
				fulfilledByEManage: body.fulfilledByEManage === true,
				items,
			};
			ctx.state.orders.push(order);
			ctx.changed();
			return { status: 201, body: order };
		},
	},
];
