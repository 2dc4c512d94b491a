/**
 * What the CTRwow simulator holds. Everything follows the ASSUMED contract in
 * nodes/Ctrwow/transport/assumedContract.ts: no CTRwow API documentation exists.
 */
/** Not secrets: they only open the local simulator. */
export const SIM_API_KEY = 'ctrwow-sim-key-0000000000000001';
export const SIM_OAUTH_CLIENT = { clientId: 'shop-sync-sim-client', clientSecret: 'Simulator-Client-Secret-0001' } as const;

export interface SimFunnel {
	id: string;
	name: string;
	status: 'draft' | 'published';
	templateId: string;
	hostOptionId: string;
	path: string;
	url: string;
	campaign: Record<string, unknown>;
	mainProduct: { productId: number };
	upsells: Array<{ position: number; webKey: string; productId: number }>;
	pages: Array<Record<string, unknown>>;
	createdAt: string;
	publishedAt: string | null;
}

export interface CtrwowState {
	account: { id: string; name: string; email: string };
	apiKeys: string[];
	codes: Record<string, { redirectUri: string; scope: string }>;
	accessTokens: Record<string, number>;
	refreshTokens: string[];
	tokenLifetimeSeconds: number;
	templates: Array<{ id: string; name: string; category: string; pageTypes: string[] }>;
	hostOptions: Array<{ id: string; type: 'subdomain' | 'customDomain'; domain: string; verified: boolean }>;
	funnels: SimFunnel[];
	nextFunnel: number;
	requestsPerSecond: number;
}

export function initialCtrwowState(): CtrwowState {
	return {
		account: { id: 'acc_1001', name: 'Shop Sync Demo', email: 'owner@shop-sync.invalid' },
		apiKeys: [SIM_API_KEY],
		codes: {},
		accessTokens: {},
		refreshTokens: [],
		tokenLifetimeSeconds: 3600,
		templates: Array.from({ length: 55 }, (_, index) => ({
			id: `tpl_${String(index + 1).padStart(3, '0')}`,
			name: index === 0 ? 'Single Offer – Skincare' : index === 1 ? 'Single Offer – Gadget' : `Template ${index + 1}`,
			category: index % 2 === 0 ? 'Single Offer' : 'Shopping Cart',
			pageTypes: ['order', 'upsell', 'confirm'],
		})),
		hostOptions: [
			{ id: 'host_sub', type: 'subdomain', domain: 'shop-sync-demo.ctrwow.site', verified: true },
			{ id: 'host_custom', type: 'customDomain', domain: 'www.ultraradianceskin.com', verified: true },
		],
		funnels: [],
		nextFunnel: 1,
		requestsPerSecond: 20,
	};
}
