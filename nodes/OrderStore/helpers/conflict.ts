/**
 * Two versions of one order side by side, for the managers who decide about an email that
 * disagrees with the stored order: which parts differ, and both in one short text each.
 */
import type { IDataObject } from 'n8n-workflow';

import type { NormalizedOrder } from '../../shared/order';
import { canonicalJson } from './orderRows';

/** The parts of an order a person compares (not when or how it was read). */
const COMPARED = ['customer', 'delivery', 'paymentMethod', 'items', 'totals', 'currency', 'status'] as const;

type OrderLike = Partial<Record<(typeof COMPARED)[number], unknown>>;

/** One line: customer, items, total, address. */
export function orderSummary(order: OrderLike & IDataObject): string {
	const customer = (order.customer ?? {}) as { name?: string | null; phone?: string | null; email?: string | null };
	const delivery = (order.delivery ?? {}) as { address?: string | null };
	const totals = (order.totals ?? {}) as { total?: string | null };
	const items = Array.isArray(order.items) ? (order.items as Array<{ quantity?: number; title?: string; unitPrice?: string | null }>) : [];
	return [
		[customer.name, customer.phone, customer.email].filter(Boolean).join(', ') || 'no customer',
		items.map((item) => `${item.quantity ?? '?'} × ${item.title ?? '?'}${item.unitPrice ? ` @ ${item.unitPrice}` : ''}`).join(', ') || 'no items',
		`total ${totals.total ?? '?'} ${String(order.currency ?? '')}`.trim(),
		delivery.address ?? 'no address',
	].join('; ');
}

export function versionsCompared(stored: IDataObject | undefined, incoming: NormalizedOrder): { changed: string[]; text: string } {
	const next = incoming as unknown as IDataObject;
	const changed = stored ? COMPARED.filter((key) => canonicalJson(stored[key] ?? null) !== canonicalJson(next[key] ?? null)) : [];
	return {
		changed: [...changed],
		text: `Stored: ${stored ? orderSummary(stored) : 'unavailable'}\nThis email: ${orderSummary(next)}`,
	};
}
