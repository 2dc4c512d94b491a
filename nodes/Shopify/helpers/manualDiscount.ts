import type { IDataObject, INode } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import type { DraftOrderLine } from './draftOrderLines';
import { centsPrice, priceCents } from './price';

/** Who may sell below the catalog price, how far, and why; set on the node, filled per item. */
export interface DiscountPolicy {
	maxPercent: number;
	givenBy: string;
	reason: string;
}

/** Shopify's text fields on a discount; longer text is cut, not refused. */
const MAX_DISCOUNT_TEXT = 255;

/**
 * A line priced from the catalog: no typed price or one at or above the catalog price sells at the
 * catalog price (no discount); a lower one within the policy's maximum becomes the line's applied
 * discount (a fixed amount per unit, Shopify's FIXED_AMOUNT), titled with who gave it and described
 * with why. Anything else fails naming the field to change.
 */
export function catalogDiscount(node: INode, line: DraftOrderLine, catalogPrice: string, policy: DiscountPolicy, itemIndex: number): IDataObject | undefined {
	if (line.unitPrice === undefined) return undefined;
	const catalog = priceCents(catalogPrice);
	const typed = priceCents(line.unitPrice);
	if (typed >= catalog) return undefined;
	const lowest = Math.ceil((catalog * (100 - policy.maxPercent)) / 100 - 1e-9);
	const percent = Math.round(((catalog - typed) / catalog) * 10_000) / 100;
	if (typed < lowest) {
		throw parameterError(
			node,
			`${line.label} › Unit Price`,
			`${line.unitPrice} is ${percent}% below the catalog price ${catalogPrice}, more than the Maximum Discount (%) of ${policy.maxPercent}`,
			policy.maxPercent > 0
				? `Enter at least ${centsPrice(lowest)}, or leave the price empty to sell at the catalog price.`
				: 'Leave the price empty to sell at the catalog price; this node allows no discount (Maximum Discount (%) is 0).',
			itemIndex,
		);
	}
	const below = `${line.label} is priced below the catalog (${line.unitPrice} instead of ${catalogPrice})`;
	if (policy.givenBy === '') throw parameterError(node, 'Discount Given By', `is empty, but ${below}`, 'Enter who set the lower price: the draft order records it with the discount.', itemIndex);
	if (policy.reason === '') throw parameterError(node, 'Discount Reason', `is empty, but ${below}`, 'Enter why the price is lower: the draft order records it with the discount.', itemIndex);
	return {
		valueType: 'FIXED_AMOUNT',
		value: (catalog - typed) / 100,
		title: `Price set by ${policy.givenBy}`.slice(0, MAX_DISCOUNT_TEXT),
		description: policy.reason.slice(0, MAX_DISCOUNT_TEXT),
	};
}
