/**
 * ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
 * │ CTRwow API CONTRACT — EVERYTHING HERE IS ASSUMED.                                            │
 * │                                                                                              │
 * │ No public documentation of CTRwow's OAuth, template, host or funnel API exists (research:    │
 * │ emanage-ctrwow.md §2.3). Only the page config a published page embeds is known (§2.2), and   │
 * │ the funnel's `pageConfig` below mirrors it. Change paths, fields and defaults here (and in   │
 * │ simulators/ctrwow/) once DFO / WowSuite gives the spec; the README section "eManageCRM and   │
 * │ CTRwow: assumed contract" lists each item. Anything not modelled: the "API Request"          │
 * │ operation, with the same credential.                                                         │
 * └──────────────────────────────────────────────────────────────────────────────────────────────┘
 */

export interface Endpoint {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
}

export const ENDPOINTS = {
	/** The connected account: { id, name, email }. Proves a connection works. */
	account: { method: 'GET', path: '/me' },
	/** Templates: ?search=&page=&limit= → { data: [...], meta: { page, totalPages } }. */
	templateList: { method: 'GET', path: '/templates' },
	/** Host options (domains / subdomains a funnel can be published on): { data: [...] }. */
	hostOptionList: { method: 'GET', path: '/host-options' },
	/** Funnels: ?search=&page=&limit= → { data: [...], meta }. */
	funnelList: { method: 'GET', path: '/funnels' },
	/** Create a draft funnel from FUNNEL_CREATE_FIELDS → the funnel. */
	funnelCreate: { method: 'POST', path: '/funnels' },
	funnelGet: { method: 'GET', path: '/funnels/{funnelId}' },
	/** Publishing is idempotent: a published funnel answers with itself. */
	funnelPublish: { method: 'POST', path: '/funnels/{funnelId}/publish' },
	funnelUnpublish: { method: 'POST', path: '/funnels/{funnelId}/unpublish' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

export function endpointPath(name: EndpointName, values: Record<string, string | number> = {}): string {
	return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_match, key: string) => {
		const value = values[key];
		if (value === undefined || value === '') throw new Error(`missing ${key} for ${ENDPOINTS[name].path}`);
		return encodeURIComponent(String(value));
	});
}

/** Where list answers put their records and page count. */
export const LIST_FIELDS = { records: 'data', totalPages: 'meta.totalPages' } as const;
export const PAGE_SIZE = 50;

/**
 * Funnel creation body: campaign info (eManageCRM web key, client id, name, offer id), the main
 * product, upsells (each its own campaign web key and product), template and host. The names
 * follow a CTRwow page's ctr__pageConfig where one exists (webKey, cid, offerName, offerId).
 */
export const FUNNEL_CREATE_FIELDS = ['name', 'templateId', 'hostOptionId', 'path', 'campaign', 'mainProduct', 'upsells', 'crmEndpoint'] as const;

/** ASSUMED: the scopes the workflows need (no address defaults: see transport/addresses.ts). */
export const DEFAULT_SCOPE = 'funnels templates';
/** The API-key alternative sends the key in this header. */
export const API_KEY_HEADER = 'X-Api-Key';
