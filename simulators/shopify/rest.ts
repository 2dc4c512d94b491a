import type { Address, CustomerRecord, DraftOrderRecord, LineItemRecord, OrderRecord, ProductRecord, StoreState } from './state';

/**
 * Webhook payloads in Shopify's REST shapes (snake_case, numeric IDs, admin_graphql_api_id), as
 * documented for API 2025-01 and later: customer payloads no longer carry tags or marketing
 * consent (those have their own topics).
 */

function restAddress(address: Address, customerId?: number, isDefault = false) {
	return {
		id: address.id,
		...(customerId !== undefined ? { customer_id: customerId } : {}),
		first_name: address.firstName ?? null,
		last_name: address.lastName ?? null,
		company: address.company ?? null,
		address1: address.address1 ?? null,
		address2: address.address2 ?? null,
		city: address.city ?? null,
		province: address.provinceCode ?? null,
		country: address.countryCode ?? null,
		zip: address.zip ?? null,
		phone: address.phone ?? null,
		name: [address.firstName, address.lastName].filter(Boolean).join(' '),
		province_code: address.provinceCode ?? null,
		country_code: address.countryCode ?? null,
		country_name: address.countryCode ?? null,
		...(customerId !== undefined ? { default: isDefault } : {}),
	};
}

export function restCustomer(store: StoreState, customer: CustomerRecord) {
	return {
		id: customer.id,
		email: customer.email,
		created_at: customer.createdAt,
		updated_at: customer.updatedAt,
		first_name: customer.firstName,
		last_name: customer.lastName,
		state: (customer.accountState ?? 'DISABLED').toLowerCase(),
		note: customer.note,
		verified_email: customer.email !== null && customer.verifiedEmail === true,
		multipass_identifier: null,
		tax_exempt: false,
		phone: customer.phone,
		currency: store.currency,
		addresses: customer.addresses.map((address, index) => restAddress(address, customer.id, index === 0)),
		tax_exemptions: [],
		admin_graphql_api_id: `gid://shopify/Customer/${customer.id}`,
		default_address: customer.addresses[0] ? restAddress(customer.addresses[0], customer.id, true) : null,
	};
}

export function restDeletedCustomer(customer: CustomerRecord) {
	return { id: customer.id, phone: null, addresses: [], tax_exemptions: [], admin_graphql_api_id: `gid://shopify/Customer/${customer.id}` };
}

export function restProduct(product: ProductRecord) {
	return {
		id: product.id,
		title: product.title,
		body_html: product.descriptionHtml,
		vendor: product.vendor,
		product_type: product.productType,
		created_at: product.createdAt,
		handle: product.handle,
		updated_at: product.updatedAt,
		status: product.status.toLowerCase(),
		tags: product.tags.join(', '),
		admin_graphql_api_id: `gid://shopify/Product/${product.id}`,
		options: product.options.map((option, index) => ({ name: option.name, position: index + 1, values: option.values })),
		variants: product.variants.map((variant, index) => ({
			id: variant.id,
			product_id: product.id,
			title: variant.title,
			price: variant.price,
			compare_at_price: variant.compareAtPrice,
			sku: variant.sku,
			barcode: variant.barcode,
			position: index + 1,
			inventory_quantity: variant.inventoryQuantity,
			option1: variant.options[0]?.value ?? null,
			option2: variant.options[1]?.value ?? null,
			option3: variant.options[2]?.value ?? null,
			taxable: true,
			updated_at: variant.updatedAt,
			admin_graphql_api_id: `gid://shopify/ProductVariant/${variant.id}`,
		})),
	};
}

function money(amount: string, currency: string) {
	return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
}

/**
 * Cents a line's custom discount takes off the line: a fixed amount is per unit (Shopify multiplies
 * it by the quantity), a percentage is of the line's total, rounded down to the cent.
 */
export function lineDiscountCents(item: Pick<LineItemRecord, 'price' | 'quantity' | 'appliedDiscount'>): number {
	const discount = item.appliedDiscount;
	if (!discount) return 0;
	const lineCents = Math.round(Number(item.price) * 100) * item.quantity;
	const cents = discount.valueType === 'PERCENTAGE' ? Math.floor((lineCents * discount.value) / 100) : Math.round(discount.value * 100) * item.quantity;
	return Math.min(lineCents, Math.max(0, cents));
}

/** Subtotal after line discounts (Shopify's subtotalPriceSet), shipping, total, and the discounts. */
export function orderTotals(order: { lineItems: Array<Pick<LineItemRecord, 'price' | 'quantity' | 'appliedDiscount'>>; shippingLine?: { price: string } | null }) {
	const discounts = order.lineItems.reduce((sum, item) => sum + lineDiscountCents(item), 0);
	const subtotal = order.lineItems.reduce((sum, item) => sum + Math.round(Number(item.price) * 100) * item.quantity, 0) - discounts;
	const shipping = order.shippingLine ? Math.round(Number(order.shippingLine.price) * 100) : 0;
	return {
		subtotal: (subtotal / 100).toFixed(2),
		shipping: (shipping / 100).toFixed(2),
		total: ((subtotal + shipping) / 100).toFixed(2),
		discounts: (discounts / 100).toFixed(2),
	};
}

export function restOrder(store: StoreState, order: OrderRecord, customer: CustomerRecord | undefined) {
	const totals = orderTotals(order);
	return {
		id: order.id,
		admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
		app_id: order.appId,
		name: `#${order.number}`,
		order_number: order.number,
		number: order.number - 1000,
		email: order.email,
		phone: order.phone,
		created_at: order.createdAt,
		updated_at: order.updatedAt,
		processed_at: order.createdAt,
		cancelled_at: order.cancelledAt,
		cancel_reason: order.cancelReason,
		currency: order.currency,
		presentment_currency: order.currency,
		financial_status: order.financialStatus,
		fulfillment_status: order.fulfillmentStatus,
		test: false,
		source_name: 'web',
		tags: order.tags.join(', '),
		note: order.note,
		note_attributes: [],
		subtotal_price: totals.subtotal,
		total_discounts: '0.00',
		total_tax: '0.00',
		total_price: totals.total,
		total_price_set: money(totals.total, order.currency),
		subtotal_price_set: money(totals.subtotal, order.currency),
		total_shipping_price_set: money(totals.shipping, order.currency),
		discount_codes: [],
		shipping_lines: order.shippingLine ? [{ title: order.shippingLine.title, code: order.shippingLine.code, price: order.shippingLine.price }] : [],
		customer: customer
			? {
					id: customer.id,
					email: customer.email,
					first_name: customer.firstName,
					last_name: customer.lastName,
					phone: customer.phone,
					admin_graphql_api_id: `gid://shopify/Customer/${customer.id}`,
				}
			: null,
		billing_address: order.shippingAddress ? restAddress(order.shippingAddress) : null,
		shipping_address: order.shippingAddress ? restAddress(order.shippingAddress) : null,
		line_items: order.lineItems.map((item) => ({
			id: item.id,
			admin_graphql_api_id: `gid://shopify/LineItem/${item.id}`,
			product_id: item.productId,
			variant_id: item.variantId,
			sku: item.sku,
			title: item.title,
			name: item.title,
			quantity: item.quantity,
			price: item.price,
			price_set: money(item.price, order.currency),
			requires_shipping: true,
			taxable: true,
			fulfillment_status: null,
			properties: [],
		})),
		shop_currency: store.currency,
	};
}

export function restDraftOrder(store: StoreState, draft: DraftOrderRecord, invoiceUrl: string) {
	const totals = orderTotals(draft);
	return {
		id: draft.id,
		admin_graphql_api_id: `gid://shopify/DraftOrder/${draft.id}`,
		name: `#D${draft.number}`,
		status: draft.status.toLowerCase(),
		email: draft.email,
		currency: store.currency,
		invoice_url: invoiceUrl,
		invoice_sent_at: draft.invoiceSentAt,
		created_at: draft.createdAt,
		updated_at: draft.updatedAt,
		subtotal_price: totals.subtotal,
		total_price: totals.total,
		note: draft.note,
		tags: draft.tags.join(', '),
		customer: draft.customerId ? { id: draft.customerId, admin_graphql_api_id: `gid://shopify/Customer/${draft.customerId}` } : null,
		shipping_line: draft.shippingLine ? { title: draft.shippingLine.title, custom: true, handle: null, price: draft.shippingLine.price } : null,
		line_items: draft.lineItems.map((item) => ({
			id: item.id,
			title: item.title,
			sku: item.sku,
			quantity: item.quantity,
			price: item.price,
			variant_id: item.variantId,
			applied_discount: item.appliedDiscount
				? {
						title: item.appliedDiscount.title,
						description: item.appliedDiscount.description,
						value: String(item.appliedDiscount.value),
						value_type: item.appliedDiscount.valueType.toLowerCase(),
						amount: (lineDiscountCents(item) / 100).toFixed(2),
					}
				: null,
		})),
	};
}

export function restShop(store: StoreState) {
	return { id: 1, name: store.name, email: `owner@${store.domain}`, domain: store.domain, myshopify_domain: store.domain, currency: store.currency, plan_name: 'basic' };
}
