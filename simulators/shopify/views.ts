import type { Address, CustomerRecord, DraftOrderRecord, LineItemRecord, OrderRecord, ProductRecord, StoreState, VariantRecord } from './state';
import { lineDiscountCents, orderTotals } from './rest';

/** Records as GraphQL objects. Fields with arguments (connections) are functions, as graphql-js expects. */

export const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

export function connection<T>(items: T[], args: { first?: number | null; after?: string | null }) {
	const start = args.after ? Number(Buffer.from(args.after, 'base64').toString('utf8').replace(/^cursor:/, '')) : 0;
	const size = Math.max(0, Math.min(args.first ?? 50, 250));
	const nodes = items.slice(start, start + size);
	const end = start + nodes.length;
	return {
		nodes,
		pageInfo: {
			hasNextPage: end < items.length,
			hasPreviousPage: start > 0,
			startCursor: nodes.length ? Buffer.from(`cursor:${start}`).toString('base64') : null,
			endCursor: nodes.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
		},
	};
}

const money = (amount: string, currencyCode: string) => ({ amount, currencyCode });
const bag = (amount: string, currencyCode: string) => ({ shopMoney: money(amount, currencyCode), presentmentMoney: money(amount, currencyCode) });

export function addressView(address: Address | null | undefined) {
	if (!address) return null;
	// Every field spelled out: a field left out of a record is null here, not "not simulated".
	return {
		id: `gid://shopify/MailingAddress/${address.id}?model_name=CustomerAddress`,
		firstName: address.firstName ?? null,
		lastName: address.lastName ?? null,
		company: address.company ?? null,
		address1: address.address1 ?? null,
		address2: address.address2 ?? null,
		city: address.city ?? null,
		province: address.provinceCode ?? null,
		provinceCode: address.provinceCode ?? null,
		country: address.countryCode ?? null,
		countryCodeV2: address.countryCode ?? null,
		zip: address.zip ?? null,
		phone: address.phone ?? null,
	};
}

export function customerView(store: StoreState, customer: CustomerRecord) {
	return {
		id: gid('Customer', customer.id),
		legacyResourceId: String(customer.id),
		firstName: customer.firstName,
		lastName: customer.lastName,
		displayName: [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.email || customer.phone || '',
		email: customer.email,
		phone: customer.phone,
		note: customer.note,
		tags: customer.tags,
		state: customer.accountState ?? 'DISABLED',
		verifiedEmail: customer.email !== null && customer.verifiedEmail === true,
		createdAt: customer.createdAt,
		updatedAt: customer.updatedAt,
		numberOfOrders: String(customer.ordersCount),
		amountSpent: money('0.00', store.currency),
		defaultAddress: addressView(customer.addresses[0]),
		addresses: customer.addresses.map(addressView),
		emailMarketingConsent: customer.email
			? { marketingState: customer.emailMarketingState, marketingOptInLevel: 'SINGLE_OPT_IN', consentUpdatedAt: customer.emailConsentUpdatedAt }
			: null,
		smsMarketingConsent: customer.phone ? { marketingState: 'NOT_SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN', consentUpdatedAt: null } : null,
	};
}

export function variantView(store: StoreState, product: ProductRecord, variant: VariantRecord): Record<string, unknown> {
	return {
		id: gid('ProductVariant', variant.id),
		legacyResourceId: String(variant.id),
		title: variant.title,
		sku: variant.sku,
		barcode: variant.barcode,
		price: variant.price,
		compareAtPrice: variant.compareAtPrice,
		inventoryQuantity: variant.inventoryQuantity,
		selectedOptions: variant.options,
		updatedAt: variant.updatedAt,
		product: () => productView(store, product),
	};
}

export function productView(store: StoreState, product: ProductRecord): Record<string, unknown> {
	return {
		id: gid('Product', product.id),
		legacyResourceId: String(product.id),
		title: product.title,
		handle: product.handle,
		status: product.status,
		vendor: product.vendor,
		productType: product.productType,
		tags: product.tags,
		descriptionHtml: product.descriptionHtml,
		createdAt: product.createdAt,
		updatedAt: product.updatedAt,
		options: product.options,
		variants: (args: { first?: number; after?: string }) => connection(product.variants.map((variant) => variantView(store, product, variant)), args),
		// Shopify: "The product's URL on the online store. If null, then the product isn't published to
		// the online store sales channel." Assumed here: active products are published, at the
		// shop's domain (a real shop answers with its primary domain).
		onlineStoreUrl: product.status === 'ACTIVE' ? `https://${store.domain}/products/${product.handle}` : null,
		featuredMedia: product.imageUrl
			? { __typename: 'MediaImage', id: gid('MediaImage', product.id), alt: product.title, mediaContentType: 'IMAGE', preview: { image: { url: product.imageUrl, altText: product.title, width: null, height: null } } }
			: null,
		priceRangeV2: priceRange(store, product),
	};
}

function priceRange(store: StoreState, product: ProductRecord) {
	const prices = product.variants.map((variant) => Number(variant.price)).sort((a, b) => a - b);
	return { minVariantPrice: money((prices[0] ?? 0).toFixed(2), store.currency), maxVariantPrice: money((prices.at(-1) ?? 0).toFixed(2), store.currency) };
}

function lineItemView(store: StoreState, item: LineItemRecord, currency: string) {
	const product = store.products.find((candidate) => candidate.id === item.productId);
	const variant = product?.variants.find((candidate) => candidate.id === item.variantId);
	return {
		id: gid('LineItem', item.id),
		title: item.title,
		name: item.title,
		sku: item.sku,
		quantity: item.quantity,
		variant: product && variant ? variantView(store, product, variant) : null,
		originalUnitPriceSet: bag(item.price, currency),
		originalTotalSet: bag((Math.round(Number(item.price) * 100) * item.quantity / 100).toFixed(2), currency),
		discountedTotalSet: bag(((Math.round(Number(item.price) * 100) * item.quantity - lineDiscountCents(item)) / 100).toFixed(2), currency),
		appliedDiscount: item.appliedDiscount
			? {
					amountSet: bag((lineDiscountCents(item) / 100).toFixed(2), currency),
					description: item.appliedDiscount.description,
					title: item.appliedDiscount.title,
					value: item.appliedDiscount.value,
					valueType: item.appliedDiscount.valueType,
				}
			: null,
	};
}

export function orderView(store: StoreState, order: OrderRecord): Record<string, unknown> {
	const totals = orderTotals(order);
	const customer = store.customers.find((candidate) => candidate.id === order.customerId);
	return {
		id: gid('Order', order.id),
		legacyResourceId: String(order.id),
		name: `#${order.number}`,
		email: order.email,
		phone: order.phone,
		createdAt: order.createdAt,
		updatedAt: order.updatedAt,
		processedAt: order.createdAt,
		cancelledAt: order.cancelledAt,
		cancelReason: order.cancelReason?.toUpperCase() ?? null,
		displayFinancialStatus: order.financialStatus.toUpperCase(),
		displayFulfillmentStatus: (order.fulfillmentStatus ?? 'unfulfilled').toUpperCase(),
		currencyCode: order.currency,
		tags: order.tags,
		note: order.note,
		test: false,
		// https://shopify.dev/docs/api/admin-graphql/latest/objects/Order#field-paymentGatewayNames; the
		// simulator takes no payments, and its orders/create payloads carry none either.
		paymentGatewayNames: [],
		app: order.appId ? { id: `gid://shopify/App/${order.appId}`, name: 'Online Store' } : null,
		customer: customer ? customerView(store, customer) : null,
		totalPriceSet: bag(totals.total, order.currency),
		subtotalPriceSet: bag(totals.subtotal, order.currency),
		totalShippingPriceSet: bag(totals.shipping, order.currency),
		totalTaxSet: bag('0.00', order.currency),
		shippingAddress: addressView(order.shippingAddress),
		billingAddress: addressView(order.shippingAddress),
		shippingLine: order.shippingLine ? { title: order.shippingLine.title, code: order.shippingLine.code, originalPriceSet: bag(order.shippingLine.price, order.currency) } : null,
		lineItems: (args: { first?: number; after?: string }) => connection(order.lineItems.map((item) => lineItemView(store, item, order.currency)), args),
	};
}

export function draftOrderView(store: StoreState, draft: DraftOrderRecord, invoiceUrl: string): Record<string, unknown> {
	const totals = orderTotals(draft);
	const customer = store.customers.find((candidate) => candidate.id === draft.customerId);
	return {
		id: gid('DraftOrder', draft.id),
		legacyResourceId: String(draft.id),
		name: `#D${draft.number}`,
		status: draft.status,
		invoiceUrl,
		invoiceSentAt: draft.invoiceSentAt,
		email: draft.email,
		// Shopify's DraftOrder calls its note `note2` (the input field is `note`).
		note2: draft.note,
		tags: draft.tags,
		createdAt: draft.createdAt,
		updatedAt: draft.updatedAt,
		currencyCode: store.currency,
		customer: customer ? customerView(store, customer) : null,
		order: null,
		totalPriceSet: bag(totals.total, store.currency),
		subtotalPriceSet: bag(totals.subtotal, store.currency),
		totalDiscountsSet: bag(totals.discounts, store.currency),
		totalShippingPriceSet: bag(totals.shipping, store.currency),
		shippingLine: draft.shippingLine ? { title: draft.shippingLine.title, code: draft.shippingLine.code, originalPriceSet: bag(draft.shippingLine.price, store.currency) } : null,
		shippingAddress: addressView(draft.shippingAddress),
		lineItems: (args: { first?: number; after?: string }) => connection(draft.lineItems.map((item) => lineItemView(store, item, store.currency)), args),
	};
}
