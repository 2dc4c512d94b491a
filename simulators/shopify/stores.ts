import type { SimRequest } from '../frame/types';
import type { ShopifyState, StoreState } from './state';

/** A store by its short key (a, b, c) or its myshopify.com domain. */
export function findStore(state: ShopifyState, shop: string | undefined): StoreState | undefined {
	const wanted = String(shop ?? '').toLowerCase();
	return state.stores.find((store) => store.key === wanted || store.domain === wanted);
}

/** The store a request is for: the simulator serves each store below /shops/{domain}. */
export function storeOf(req: SimRequest, state: ShopifyState): StoreState | undefined {
	return findStore(state, req.params.shop);
}

export function tokenValid(store: StoreState, token: string, now: number = Date.now()): boolean {
	if (token === store.staticToken) return true;
	const expiresAt = store.tokens[token];
	return expiresAt !== undefined && expiresAt > now;
}
