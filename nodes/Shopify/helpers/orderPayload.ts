import type { IDataObject } from 'n8n-workflow';

/**
 * An order read through GraphQL, in the REST shape of Shopify's orders/* webhooks (the fields the
 * order mappings read). Lets a reconciliation feed an order it fetched into the same path as the
 * orders/create webhook, so both produce the same stored order.
 * Field pairs: https://shopify.dev/docs/api/admin-rest/latest/resources/order and
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/Order.
 */

/** Whether the read stopped before the order's last line item (lineItems.pageInfo.hasNextPage). */
export function hasMoreLineItems(order: IDataObject): boolean {
	return Boolean(((order.lineItems as IDataObject | undefined)?.pageInfo as IDataObject | undefined)?.hasNextPage);
}

const money = (set: unknown): string | null => {
	const shop = (set as IDataObject | null | undefined)?.shopMoney as IDataObject | undefined;
	return shop?.amount !== undefined && shop.amount !== null ? String(shop.amount) : null;
};

const moneySet = (set: unknown): IDataObject | null => {
	const shop = (set as IDataObject | null | undefined)?.shopMoney as IDataObject | undefined;
	if (!shop) return null;
	const amount = { amount: shop.amount ?? null, currency_code: shop.currencyCode ?? null };
	return { shop_money: amount, presentment_money: amount };
};

function restAddress(address: unknown): IDataObject | null {
	if (!address || typeof address !== 'object') return null;
	const a = address as IDataObject;
	return {
		first_name: a.firstName ?? null,
		last_name: a.lastName ?? null,
		name: [a.firstName, a.lastName].filter(Boolean).join(' '),
		company: a.company ?? null,
		address1: a.address1 ?? null,
		address2: a.address2 ?? null,
		city: a.city ?? null,
		province: a.province ?? null,
		province_code: a.provinceCode ?? null,
		country: a.country ?? null,
		country_code: a.countryCodeV2 ?? null,
		zip: a.zip ?? null,
		phone: a.phone ?? null,
	};
}

/** GraphQL's displayFulfillmentStatus → REST fulfillment_status (null while nothing is fulfilled). */
function fulfillmentStatus(value: unknown): string | null {
	switch (String(value ?? '').toUpperCase()) {
		case 'FULFILLED':
			return 'fulfilled';
		case 'PARTIALLY_FULFILLED':
		case 'PARTIAL':
			return 'partial';
		case 'RESTOCKED':
			return 'restocked';
		default:
			return null;
	}
}

const legacyId = (gid: string) => gid.replace(/^.*\//, '');

export function orderAsWebhookPayload(order: IDataObject): IDataObject {
	const gid = String(order.id ?? '');
	const lineItems = (order.lineItems ?? {}) as IDataObject;
	const customer = order.customer as IDataObject | null | undefined;
	const shippingLine = order.shippingLine as IDataObject | null | undefined;
	const name = String(order.name ?? '');
	return {
		id: order.legacyResourceId ?? legacyId(gid),
		admin_graphql_api_id: gid,
		name,
		order_number: /^#?\d+$/.test(name) ? Number(name.replace('#', '')) : null,
		email: order.email ?? null,
		phone: order.phone ?? null,
		created_at: order.createdAt ?? null,
		updated_at: order.updatedAt ?? null,
		processed_at: order.processedAt ?? null,
		cancelled_at: order.cancelledAt ?? null,
		cancel_reason: order.cancelReason ? String(order.cancelReason).toLowerCase() : null,
		currency: order.currencyCode ?? null,
		financial_status: order.displayFinancialStatus ? String(order.displayFinancialStatus).toLowerCase() : null,
		fulfillment_status: fulfillmentStatus(order.displayFulfillmentStatus),
		test: order.test ?? false,
		tags: Array.isArray(order.tags) ? (order.tags as string[]).join(', ') : '',
		note: order.note ?? null,
		payment_gateway_names: Array.isArray(order.paymentGatewayNames) ? order.paymentGatewayNames : [],
		subtotal_price: money(order.subtotalPriceSet),
		total_tax: money(order.totalTaxSet),
		total_price: money(order.totalPriceSet),
		total_price_set: moneySet(order.totalPriceSet),
		subtotal_price_set: moneySet(order.subtotalPriceSet),
		total_shipping_price_set: moneySet(order.totalShippingPriceSet),
		shipping_lines: shippingLine ? [{ title: shippingLine.title ?? null, code: shippingLine.code ?? null, price: money(shippingLine.originalPriceSet) }] : [],
		customer: customer
			? {
					id: legacyId(String(customer.id ?? '')),
					admin_graphql_api_id: customer.id ?? null,
					email: customer.email ?? null,
					first_name: customer.firstName ?? null,
					last_name: customer.lastName ?? null,
					phone: customer.phone ?? null,
				}
			: null,
		shipping_address: restAddress(order.shippingAddress),
		billing_address: restAddress(order.billingAddress),
		line_items: ((lineItems.nodes ?? []) as IDataObject[]).map((line) => ({
			id: legacyId(String(line.id ?? '')),
			admin_graphql_api_id: line.id ?? null,
			variant_id: line.variant ? legacyId(String((line.variant as IDataObject).id ?? '')) : null,
			sku: line.sku ?? null,
			title: line.title ?? null,
			name: line.name ?? null,
			quantity: line.quantity ?? 0,
			price: money(line.originalUnitPriceSet),
			price_set: moneySet(line.originalUnitPriceSet),
		})),
	};
}
