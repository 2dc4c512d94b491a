import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../shared/transport/serviceRequest';
import { shopifyGraphql } from './index';

export interface Connection<T = IDataObject> {
	nodes: T[];
	pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface PageOptions {
	returnAll: boolean;
	limit: number;
	/** Largest page asked for; keeps a query under Shopify's cost ceiling of 1000. */
	pageSize: number;
	itemIndex?: number;
}

/**
 * Cursor paging over one connection. The query must take `$first: Int!` and `$after: String`, and
 * `pick` returns the connection from the response.
 */
export async function paginate(
	this: RequestContext,
	query: string,
	variables: IDataObject,
	pick: (data: IDataObject) => Connection | undefined,
	options: PageOptions,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let after: string | null = null;
	for (;;) {
		const wanted = options.returnAll ? options.pageSize : Math.min(options.pageSize, options.limit - results.length);
		if (wanted <= 0) break;
		const data = await shopifyGraphql.call(this, query, { ...variables, first: wanted, after }, { itemIndex: options.itemIndex });
		const connection = pick(data);
		if (!connection) break;
		results.push(...connection.nodes);
		if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
		after = connection.pageInfo.endCursor;
	}
	return options.returnAll ? results : results.slice(0, options.limit);
}
