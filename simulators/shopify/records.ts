import type { WebhookDispatcher } from './webhooks';
import { restCustomer, restDeletedCustomer, restDraftOrder, restOrder, restProduct } from './rest';
import type { Address, CustomerRecord, DraftOrderRecord, LineItemRecord, OrderRecord, ProductRecord, ShopifyState, StoreState } from './state';

/**
 * Every change to a store's records goes through here, so each one sends its webhook, whether it
 * came through the Admin API or the admin test endpoints (as in real Shopify, where a sync app's
 * own writes come back to it as webhooks).
 */
export class StoreRecords {
	constructor(
		private readonly state: ShopifyState,
		readonly store: StoreState,
		private readonly dispatcher: WebhookDispatcher | undefined,
	) {}

	nextId(): number {
		return this.state.nextId++;
	}

	private now(): string {
		return new Date().toISOString();
	}

	private emit(topic: string, payload: unknown): void {
		this.dispatcher?.emit(this.store, topic, payload);
	}

	addresses(list: Array<Partial<Address>> | undefined | null): Address[] {
		return (list ?? []).map((address) => ({ ...address, id: this.nextId() }));
	}

	createCustomer(fields: Partial<CustomerRecord>): CustomerRecord {
		const now = this.now();
		const customer: CustomerRecord = {
			id: this.nextId(),
			firstName: fields.firstName ?? null,
			lastName: fields.lastName ?? null,
			email: fields.email ?? null,
			phone: fields.phone ?? null,
			note: fields.note ?? null,
			tags: fields.tags ?? [],
			addresses: fields.addresses ?? [],
			emailMarketingState: fields.emailMarketingState ?? 'NOT_SUBSCRIBED',
			emailConsentUpdatedAt: fields.emailMarketingState ? now : null,
			verifiedEmail: false,
			accountState: 'DISABLED',
			metafields: fields.metafields ?? {},
			ordersCount: 0,
			createdAt: now,
			updatedAt: now,
		};
		this.store.customers.push(customer);
		this.emit('customers/create', restCustomer(this.store, customer));
		return customer;
	}

	/** Applies a change; like Shopify, a write that changes nothing sends no webhook. */
	updateCustomer(customer: CustomerRecord, fields: Partial<CustomerRecord>): CustomerRecord {
		// Addresses get new IDs on every write; compare what they say, not their IDs.
		const comparable = () => JSON.stringify({ ...customer, addresses: customer.addresses.map((address) => ({ ...address, id: 0 })) });
		const before = comparable();
		// A new address is not verified until the customer confirms it.
		if (fields.email !== undefined && fields.email !== customer.email && fields.verifiedEmail === undefined) customer.verifiedEmail = false;
		Object.assign(customer, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
		if (before !== comparable()) {
			customer.updatedAt = this.now();
			this.emit('customers/update', restCustomer(this.store, customer));
		}
		return customer;
	}

	deleteCustomer(customer: CustomerRecord): void {
		this.store.customers = this.store.customers.filter((candidate) => candidate.id !== customer.id);
		this.emit('customers/delete', restDeletedCustomer(customer));
	}

	saveProduct(product: ProductRecord, created: boolean): void {
		if (created) this.store.products.push(product);
		this.emit(created ? 'products/create' : 'products/update', restProduct(product));
	}

	deleteProduct(product: ProductRecord): void {
		this.store.products = this.store.products.filter((candidate) => candidate.id !== product.id);
		this.emit('products/delete', { id: product.id });
	}

	createOrder(fields: Partial<OrderRecord> & { lineItems: LineItemRecord[] }): OrderRecord {
		const now = this.now();
		const order: OrderRecord = {
			id: this.nextId(),
			number: 1001 + this.store.orders.length,
			email: fields.email ?? null,
			phone: fields.phone ?? null,
			customerId: fields.customerId ?? null,
			currency: this.store.currency,
			financialStatus: fields.financialStatus ?? 'paid',
			fulfillmentStatus: null,
			lineItems: fields.lineItems,
			shippingAddress: fields.shippingAddress ?? null,
			shippingLine: fields.shippingLine ?? null,
			note: fields.note ?? null,
			tags: fields.tags ?? [],
			appId: fields.appId ?? 580111,
			cancelledAt: null,
			cancelReason: null,
			createdAt: now,
			updatedAt: now,
		};
		this.store.orders.push(order);
		const customer = this.store.customers.find((candidate) => candidate.id === order.customerId);
		if (customer) customer.ordersCount++;
		this.emit('orders/create', restOrder(this.store, order, customer));
		return order;
	}

	updateOrder(order: OrderRecord, fields: Partial<OrderRecord>): OrderRecord {
		Object.assign(order, Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)));
		order.updatedAt = this.now();
		const customer = this.store.customers.find((candidate) => candidate.id === order.customerId);
		this.emit('orders/updated', restOrder(this.store, order, customer));
		if (fields.cancelledAt) this.emit('orders/cancelled', restOrder(this.store, order, customer));
		return order;
	}

	invoiceUrl(draft: DraftOrderRecord): string {
		return `https://${this.store.domain}/70000000${this.store.key.charCodeAt(0)}/invoices/${draft.invoiceToken}`;
	}

	saveDraftOrder(draft: DraftOrderRecord, created: boolean): void {
		if (created) this.store.draftOrders.push(draft);
		this.emit(created ? 'draft_orders/create' : 'draft_orders/update', restDraftOrder(this.store, draft, this.invoiceUrl(draft)));
	}
}
