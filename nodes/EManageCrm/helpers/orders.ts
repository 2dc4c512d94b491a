import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from '../../shared/transport/serviceRequest';
import { formatListDate, ORDER_FIELDS, ORDER_LIST_FIELDS, parseApiDate } from '../transport/assumedContract';
import { eManageRequest } from '../transport';

export interface OrderQuery {
	start: Date;
	end: Date;
	pageSize: number;
	/** Stop after this many orders (undefined: all). */
	limit?: number;
	itemIndex?: number;
	/** Safety stop against an API that never says "no next page". */
	maxPages?: number;
}

function ordersOf(body: unknown): IDataObject[] {
	const record = (body ?? {}) as IDataObject;
	for (const field of ORDER_LIST_FIELDS.orders) if (Array.isArray(record[field])) return record[field] as IDataObject[];
	return [];
}

function nextPageOf(body: unknown): number | undefined {
	const value = ORDER_LIST_FIELDS.nextPage.split('.').reduce<unknown>((node, key) => (node as IDataObject | undefined)?.[key], body);
	const page = Number(value);
	return value !== null && value !== undefined && Number.isInteger(page) && page > 0 ? page : undefined;
}

/** Reads the JSON order list page by page (pages start at 1). */
export async function listOrders(this: RequestContext, query: OrderQuery): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	let page: number | undefined = 1;
	const maxPages = query.maxPages ?? 1000;
	for (let read = 0; page !== undefined && read < maxPages; read++) {
		const body = await eManageRequest.call(this, 'orderList', { page, pageSize: query.pageSize }, {
			qs: { StartDate: formatListDate(query.start), EndDate: formatListDate(query.end) },
			itemIndex: query.itemIndex,
		});
		for (const order of ordersOf(body)) {
			orders.push(order);
			if (query.limit !== undefined && orders.length >= query.limit) return orders;
		}
		const next = nextPageOf(body);
		page = next !== undefined && next > page ? next : undefined;
	}
	return orders;
}

export const orderUpdatedAt = (order: IDataObject) => parseApiDate(order[ORDER_FIELDS.updated] ?? order[ORDER_FIELDS.created]);
export const orderKey = (order: IDataObject) => String(order[ORDER_FIELDS.id] ?? order[ORDER_FIELDS.number] ?? '');
