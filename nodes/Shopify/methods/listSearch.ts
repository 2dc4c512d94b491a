import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchValue } from '../helpers/searchQuery';
import { shopifyGraphql } from '../transport';
import { documents } from '../transport/documents';

interface Page {
	nodes: IDataObject[];
	pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A single plain word searches as a prefix (title:ser*); anything else as a quoted phrase. */
function titleQuery(text: string): string {
	return /^[\p{L}\p{N}_-]+$/u.test(text) ? `title:${text}*` : `title:${searchValue(text)}`;
}

function adminUrl(shopDomain: string, path: string, gid: string): string {
	const store = shopDomain.replace(/\.myshopify\.com$/, '');
	return `https://admin.shopify.com/store/${store}/${path}/${gid.replace(/^.*\//, '')}`;
}

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('shopifyAdminApi');
	const text = filter?.trim();
	const data = await shopifyGraphql.call(this, documents.pickCustomers, { first: 50, after: paginationToken ?? null, query: text ? searchValue(text) : null });
	const page = data.customers as Page;
	return {
		results: page.nodes.map((customer) => ({
			name: customer.email ? `${String(customer.displayName)} (${String(customer.email)})` : String(customer.displayName),
			value: String(customer.id),
			url: adminUrl(String(credentials.shopDomain), 'customers', String(customer.id)),
		})),
		paginationToken: page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined,
	};
}

export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('shopifyAdminApi');
	const text = filter?.trim();
	const data = await shopifyGraphql.call(this, documents.pickProducts, { first: 50, after: paginationToken ?? null, query: text ? titleQuery(text) : null });
	const page = data.products as Page;
	return {
		results: page.nodes.map((product) => ({
			name: String(product.title),
			value: String(product.id),
			url: adminUrl(String(credentials.shopDomain), 'products', String(product.id)),
		})),
		paginationToken: page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined,
	};
}
