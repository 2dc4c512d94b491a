import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';

export type ShopifyResourceType = 'Customer' | 'DraftOrder' | 'Order' | 'Product' | 'ProductVariant';

/**
 * Accepts what people paste for a record: the global ID (gid://shopify/Customer/123), the numeric
 * ID, or the record's admin URL; returns the global ID GraphQL wants.
 */
export function parseGid(type: ShopifyResourceType, value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	const gid = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(text);
	if (gid) return text;
	if (/^\d+$/.test(text)) return `gid://shopify/${type}/${text}`;
	const pathSegment = { Customer: 'customers', DraftOrder: 'draft_orders', Order: 'orders', Product: 'products', ProductVariant: 'variants' }[type];
	const url = new RegExp(`/${pathSegment}/(\\d+)(?:[/?#]|$)`).exec(text);
	if (url && /^https?:\/\//.test(text)) return `gid://shopify/${type}/${url[1]}`;
	return undefined;
}

const EXAMPLES: Record<ShopifyResourceType, string> = {
	Customer: 'gid://shopify/Customer/7012345678901, 7012345678901, or the customer\'s admin URL',
	DraftOrder: 'gid://shopify/DraftOrder/1234567890, 1234567890, or the draft order\'s admin URL',
	Order: 'gid://shopify/Order/5678901234567, 5678901234567, or the order\'s admin URL',
	Product: 'gid://shopify/Product/8061536829755, 8061536829755, or the product\'s admin URL',
	ProductVariant: 'gid://shopify/ProductVariant/44112233445566 or 44112233445566',
};

/** Reads a resource locator or plain string parameter as a global ID, naming the field when it is not one. */
export function gidParameter(
	this: IExecuteFunctions,
	type: ShopifyResourceType,
	field: string,
	value: unknown,
	itemIndex: number,
): string {
	const raw = typeof value === 'object' && value !== null ? (value as INodeParameterResourceLocator).value : value;
	const gid = parseGid(type, raw);
	if (gid) return gid;
	const shown = String(raw ?? '').trim();
	throw parameterError(
		this.getNode(),
		field,
		shown === '' ? 'is empty' : `"${shown.slice(0, 80)}" is not a ${type} ID`,
		`Pick it from the list or enter ${EXAMPLES[type]}.`,
		itemIndex,
	);
}
