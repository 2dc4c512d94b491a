import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { parseGid } from './gid';
import { PRICE } from './price';

/** Shopify keeps SKUs to 255 characters; longer text is not a SKU, whoever typed it. */
export const MAX_SKU_LENGTH = 255;

/** One line of a draft order as the node was given it, checked for shape only. */
export interface DraftOrderLine {
	/** How the error messages name the line, e.g. `Line Items (JSON) › line 2`. */
	label: string;
	quantity: number;
	variantId?: string;
	sku?: string;
	title: string;
	/** The typed unit price, a PRICE text, or undefined when none was given. */
	unitPrice?: string;
}

/**
 * Reads the line rows (from the fields or the JSON list): quantity a whole number ≥ 1, a variant ID
 * that parses, a SKU no longer than Shopify allows, a unit price that is a price. Which of these a
 * line needs depends on the pricing mode, checked by the caller.
 */
export function readLines(this: IExecuteFunctions, rows: IDataObject[], fromJson: boolean, itemIndex: number): DraftOrderLine[] {
	const node = this.getNode();
	return rows.map((row, index) => {
		const label = fromJson ? `Line Items (JSON) › line ${index + 1}` : `Line Items › Line Item ${index + 1}`;
		const quantity = Number(row.quantity ?? 1);
		if (!Number.isInteger(quantity) || quantity < 1) throw parameterError(node, `${label} › Quantity`, `"${String(row.quantity).slice(0, 40)}" is not a whole number ≥ 1`, 'Enter how many units.', itemIndex);
		const line: DraftOrderLine = { label, quantity, title: String(row.title ?? '').trim() };
		const variant = String(row.variantId ?? '').trim();
		if (variant !== '') {
			const gid = parseGid('ProductVariant', variant);
			if (!gid) throw parameterError(node, `${label} › Variant ID`, `"${variant.slice(0, 80)}" is not a ProductVariant ID`, 'Enter gid://shopify/ProductVariant/44112233445566 or 44112233445566.', itemIndex);
			line.variantId = gid;
		}
		const sku = String(row.sku ?? '').trim();
		if (sku.length > MAX_SKU_LENGTH) throw parameterError(node, `${label} › SKU`, `is ${sku.length} characters long; Shopify allows ${MAX_SKU_LENGTH}`, 'Enter the SKU exactly as the product variant has it in Shopify.', itemIndex);
		if (sku !== '') line.sku = sku;
		const unitPrice = String(row.unitPrice ?? '').trim();
		if (unitPrice !== '') {
			if (!PRICE.test(unitPrice)) throw parameterError(node, `${label} › Unit Price`, `"${unitPrice.slice(0, 40)}" is not a price`, 'Write it as a decimal number with a dot, e.g. 24.50.', itemIndex);
			line.unitPrice = unitPrice;
		}
		return line;
	});
}
