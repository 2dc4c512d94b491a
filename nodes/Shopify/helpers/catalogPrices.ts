import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { shopifyGraphql } from '../transport';
import { documents } from '../transport/documents';
import type { DraftOrderLine } from './draftOrderLines';
import { searchValue } from './searchQuery';

export interface CatalogVariant {
	id: string;
	sku: string | null;
	price: string;
	title: string;
	product: { title: string };
}

/** Search terms per request: keeps the query text and its cost (first × variant) small. */
const TERMS_PER_QUERY = 50;
const VARIANTS_PER_QUERY = 100;

const legacyId = (gid: string) => gid.replace(/^.*\//, '');
const sameSku = (a: string | null, b: string) => (a ?? '').trim().toLowerCase() === b.toLowerCase();

/**
 * The store's variants for the lines' variant IDs and SKUs (Shopify's productVariants search,
 * `sku:` and `id:` joined with OR), and the shop's currency. A SKU several variants share is
 * returned as often as it is found; the caller refuses it.
 */
export async function catalogVariants(this: IExecuteFunctions, lines: DraftOrderLine[], itemIndex: number): Promise<{ variants: CatalogVariant[]; currencyCode: string }> {
	const terms = [
		...new Set(lines.map((line) => (line.variantId ? `id:${legacyId(line.variantId)}` : line.sku ? `sku:${searchValue(line.sku)}` : '')).filter(Boolean)),
	];
	const variants: CatalogVariant[] = [];
	let currencyCode = '';
	for (let start = 0; start < Math.max(terms.length, 1); start += TERMS_PER_QUERY) {
		const chunk = terms.slice(start, start + TERMS_PER_QUERY);
		if (chunk.length === 0) break;
		const data = await shopifyGraphql.call(this, documents.draftOrderCatalog, { first: VARIANTS_PER_QUERY, query: chunk.join(' OR ') }, { itemIndex });
		currencyCode = String((data.shop as IDataObject).currencyCode);
		const found = data.productVariants as { nodes: CatalogVariant[]; pageInfo: { hasNextPage: boolean } };
		if (found.pageInfo.hasNextPage) {
			throw parameterError(this.getNode(), 'Line Items', `more than ${VARIANTS_PER_QUERY} product variants share these SKUs`, 'Give each variant its own SKU in Shopify, or enter Variant IDs instead of SKUs.', itemIndex);
		}
		variants.push(...found.nodes);
	}
	return { variants, currencyCode };
}

/** Why a line cannot be priced from the catalog: the line's field to change and what is wrong with it. */
export interface CatalogProblem {
	field: 'SKU' | 'Variant ID';
	problem: string;
}

/** What the store sells a line as, or why it cannot be priced from the catalog. */
export function findVariant(line: DraftOrderLine, variants: CatalogVariant[]): { variant: CatalogVariant } | CatalogProblem {
	if (line.variantId) {
		const variant = variants.find((candidate) => candidate.id === line.variantId);
		return variant ? { variant } : { field: 'Variant ID', problem: `${legacyId(line.variantId)} is not a variant of this store` };
	}
	if (!line.sku) return { field: 'SKU', problem: 'is empty, and there is no Variant ID either' };
	const shown = line.sku.length > 60 ? `${line.sku.slice(0, 60)}…` : line.sku;
	const matching = variants.filter((candidate) => sameSku(candidate.sku, line.sku!));
	if (matching.length === 0) return { field: 'SKU', problem: `"${shown}" is not a SKU of this store` };
	if (matching.length > 1) return { field: 'SKU', problem: `"${shown}" belongs to ${matching.length} variants` };
	return { variant: matching[0] };
}
