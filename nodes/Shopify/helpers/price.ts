import type { IDataObject, INode } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';

/** Shopify's Decimal money input: digits with at most two decimals, a dot as separator. */
export const PRICE = /^\d+(\.\d{1,2})?$/;

/**
 * The price and compare-at price of variant row `index`, trimmed, empty ones left out; a value
 * that is not a price fails naming the row and field.
 */
export function variantPrices(node: INode, row: IDataObject, index: number, itemIndex: number): IDataObject {
	const prices: IDataObject = {};
	for (const field of ['price', 'compareAtPrice'] as const) {
		const value = String(row[field] ?? '').trim();
		if (value === '') continue;
		if (!PRICE.test(value)) {
			const label = field === 'price' ? 'Price' : 'Compare-at Price';
			throw parameterError(node, `Variants › Variant ${index + 1} › ${label}`, `"${value}" is not a price`, 'Write it as a decimal number with a dot, e.g. 49.00.', itemIndex);
		}
		prices[field] = value;
	}
	return prices;
}

/** A PRICE text as whole cents (no floating-point sums of money). */
export function priceCents(price: string): number {
	const [whole, fraction = ''] = price.split('.');
	return Number(whole) * 100 + Number(`${fraction}00`.slice(0, 2));
}

/** Whole cents as Shopify's Decimal text, e.g. 1960 → "19.60". */
export function centsPrice(cents: number): string {
	return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
