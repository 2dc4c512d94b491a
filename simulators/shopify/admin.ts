import type { Route, SimResponse } from '../frame/types';
import { StoreRecords } from './records';
import type { CustomerRecord, LineItemRecord, ShopifyState, StoreState, VariantRecord, WebhookSettings } from './state';
import { findStore } from './stores';
import { restCustomer, restOrder, restProduct } from './rest';
import { servedApiVersion } from './schema';
import type { WebhookDispatcher } from './webhooks';

/**
 * Test endpoints that change a store "as if in the Shopify admin", so tests and the demo can start
 * real flows. Each change sends its webhooks, like the real admin.
 */

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

const notFound = (what: string): SimResponse => ({ status: 404, body: { error: `${what} not found` } });

function withStore(handler: (store: StoreState, records: StoreRecords, body: Body, params: Record<string, string>, state: ShopifyState) => SimResponse): Route<ShopifyState>['handler'] {
	return (req, ctx) => {
		const store = findStore(ctx.state, req.params.shop);
		if (!store) return { status: 404, body: { error: `unknown shop "${req.params.shop}"; known: ${ctx.state.stores.map((s) => s.domain).join(', ')}` } };
		const records = new StoreRecords(ctx.state, store, ctx.runtime as WebhookDispatcher | undefined);
		return handler(store, records, (req.body ?? {}) as Body, req.params, ctx.state);
	};
}

function customerChanges(records: StoreRecords, body: Body): Partial<CustomerRecord> {
	const pick = <T>(camel: string, snake: string): T | undefined => (body[camel] ?? body[snake]) as T | undefined;
	return {
		firstName: pick('firstName', 'first_name'),
		lastName: pick('lastName', 'last_name'),
		email: pick<string>('email', 'email')?.toLowerCase(),
		phone: pick('phone', 'phone'),
		note: pick('note', 'note'),
		tags: typeof body.tags === 'string' ? body.tags.split(',').map((t: string) => t.trim()).filter(Boolean) : body.tags,
		addresses: body.addresses ? records.addresses(body.addresses) : undefined,
		emailMarketingState: body.emailMarketingState,
	};
}

export const adminRoutes: Array<Route<ShopifyState>> = [
	{
		method: 'GET',
		path: '/__sim/shops/:shop',
		handler: withStore((store) => ({ status: 200, body: store })),
	},
	{
		method: 'POST',
		path: '/__sim/shops/:shop/customers',
		handler: withStore((store, records, body) => ({ status: 201, body: restCustomer(store, records.createCustomer(customerChanges(records, body))) })),
	},
	{
		method: 'PUT',
		path: '/__sim/shops/:shop/customers/:id',
		handler: withStore((store, records, body, params) => {
			const customer = store.customers.find((c) => c.id === Number(params.id));
			if (!customer) return notFound(`customer ${params.id}`);
			return { status: 200, body: restCustomer(store, records.updateCustomer(customer, customerChanges(records, body))) };
		}),
	},
	{
		// The customer accepts the account invitation (sets a password): the account is enabled and
		// the email verified, as when a real customer confirms their address.
		method: 'POST',
		path: '/__sim/shops/:shop/customers/:id/activate',
		handler: withStore((store, records, _body, params) => {
			const customer = store.customers.find((c) => c.id === Number(params.id));
			if (!customer) return notFound(`customer ${params.id}`);
			if (!customer.email) return { status: 422, body: { error: 'a customer without an email cannot activate an account' } };
			return { status: 200, body: restCustomer(store, records.updateCustomer(customer, { accountState: 'ENABLED', verifiedEmail: true })) };
		}),
	},
	{
		method: 'DELETE',
		path: '/__sim/shops/:shop/customers/:id',
		handler: withStore((store, records, _body, params) => {
			const customer = store.customers.find((c) => c.id === Number(params.id));
			if (!customer) return notFound(`customer ${params.id}`);
			records.deleteCustomer(customer);
			return { status: 200, body: { deleted: customer.id } };
		}),
	},
	{
		method: 'POST',
		path: '/__sim/shops/:shop/products',
		handler: withStore((store, records, body) => {
			const now = new Date().toISOString();
			const variants: VariantRecord[] = ((body.variants as Body[] | undefined) ?? [{}]).map((row) => ({
				id: records.nextId(),
				title: row.title ?? 'Default Title',
				sku: row.sku ?? null,
				barcode: row.barcode ?? null,
				price: String(row.price ?? '0.00'),
				compareAtPrice: row.compareAtPrice ?? null,
				inventoryQuantity: row.inventoryQuantity ?? 10,
				options: [{ name: 'Title', value: row.title ?? 'Default Title' }],
				updatedAt: now,
			}));
			const title = String(body.title ?? 'Untitled product');
			const product = {
				id: records.nextId(),
				title,
				handle: body.handle ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
				status: String(body.status ?? 'ACTIVE').toUpperCase(),
				vendor: body.vendor ?? store.name,
				productType: body.productType ?? '',
				tags: body.tags ?? [],
				descriptionHtml: body.descriptionHtml ?? '',
				options: [{ name: 'Title', values: variants.map((v) => v.title) }],
				variants,
				metafields: {},
				// The featured image, as the admin's media upload would set it.
				imageUrl: body.imageUrl ?? body.images?.[0]?.src ?? null,
				createdAt: now,
				updatedAt: now,
			};
			records.saveProduct(product, true);
			return { status: 201, body: restProduct(product) };
		}),
	},
	{
		method: 'DELETE',
		path: '/__sim/shops/:shop/products/:id',
		handler: withStore((store, records, _body, params) => {
			const product = store.products.find((p) => p.id === Number(params.id));
			if (!product) return notFound(`product ${params.id}`);
			records.deleteProduct(product);
			return { status: 200, body: { deleted: product.id } };
		}),
	},
	{
		method: 'POST',
		path: '/__sim/shops/:shop/orders',
		handler: withStore((store, records, body) => {
			const lineItems: LineItemRecord[] = ((body.lineItems ?? body.line_items ?? []) as Body[]).map((row) => ({
				id: records.nextId(),
				title: String(row.title ?? 'Item'),
				sku: row.sku ?? null,
				quantity: Number(row.quantity ?? 1),
				price: Number(row.price ?? 0).toFixed(2),
				variantId: row.variantId ?? null,
				productId: row.productId ?? null,
			}));
			if (lineItems.length === 0) return { status: 422, body: { errors: { line_items: ['must have at least one line item'] } } };
			const order = records.createOrder({
				email: body.email ?? null,
				phone: body.phone ?? null,
				customerId: body.customerId ?? null,
				lineItems,
				shippingAddress: body.shippingAddress ? records.addresses([body.shippingAddress])[0] : null,
				shippingLine: body.shippingLine ?? null,
				note: body.note ?? null,
				financialStatus: body.financialStatus ?? 'paid',
			});
			return { status: 201, body: restOrder(store, order, store.customers.find((c) => c.id === order.customerId)) };
		}),
	},
	{
		method: 'PUT',
		path: '/__sim/shops/:shop/orders/:id',
		handler: withStore((store, records, body, params) => {
			const order = store.orders.find((o) => o.id === Number(params.id));
			if (!order) return notFound(`order ${params.id}`);
			records.updateOrder(order, {
				financialStatus: body.financialStatus,
				note: body.note,
				cancelledAt: body.cancel ? new Date().toISOString() : undefined,
				cancelReason: body.cancel ? String(body.cancelReason ?? 'customer') : undefined,
			});
			return { status: 200, body: restOrder(store, order, store.customers.find((c) => c.id === order.customerId)) };
		}),
	},
	{
		// The app's webhooks API version, as changed in the Dev Dashboard; later deliveries carry it.
		method: 'POST',
		path: '/__sim/shops/:shop/app',
		handler: withStore((store, _records, body) => {
			if (body.webhooksApiVersion !== undefined) {
				if (servedApiVersion(String(body.webhooksApiVersion)) !== String(body.webhooksApiVersion)) return { status: 400, body: { error: `webhooksApiVersion ${String(body.webhooksApiVersion)} is not a version Shopify serves` } };
				store.webhooksApiVersion = String(body.webhooksApiVersion);
			}
			return { status: 200, body: { webhooksApiVersion: store.webhooksApiVersion } };
		}),
	},
	{
		method: 'POST',
		path: '/__sim/shops/:shop/bucket',
		handler: withStore((store, _records, body) => {
			for (const key of ['maximumAvailable', 'restoreRate', 'currentlyAvailable'] as const) {
				if (body[key] !== undefined) {
					if (typeof body[key] !== 'number' || body[key] <= 0) return { status: 400, body: { error: `${key} must be a positive number` } };
					store.bucket[key] = body[key];
				}
			}
			store.bucket.updatedAt = Date.now();
			return { status: 200, body: store.bucket };
		}),
	},
	{
		method: 'POST',
		path: '/__sim/webhooks',
		handler: (req, ctx) => {
			const patch = (req.body ?? {}) as Partial<WebhookSettings>;
			const known = Object.keys(ctx.state.webhooks);
			const unknown = Object.keys(patch).filter((key) => !known.includes(key));
			if (unknown.length) return { status: 400, body: { error: `unknown webhook setting(s): ${unknown.join(', ')}; known: ${known.join(', ')}` } };
			Object.assign(ctx.state.webhooks, patch);
			return { status: 200, body: ctx.state.webhooks };
		},
	},
	{
		method: 'GET',
		path: '/__sim/webhooks/idle',
		handler: async (_req, ctx) => {
			await (ctx.runtime as WebhookDispatcher | undefined)?.idle();
			return { status: 200, body: { idle: true, deliveries: ctx.state.deliveries.length } };
		},
	},
];
