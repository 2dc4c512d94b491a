import { randomBytes } from 'node:crypto';

import type { Route, SimResponse, SimulatorDefinition } from '../frame/types';
import { adminRoutes } from './admin';
import { ensureAdminSchemas } from '../../scripts/lib/shopifyAdminSchema';
import { runGraphql } from './graphql';
import { servedApiVersion } from './schema';
import { initialShopifyState, type ShopifyState } from './state';
import { storeOf, tokenValid } from './stores';
import { WebhookDispatcher } from './webhooks';

/** Shopify's answer to a missing or wrong access token. */
const INVALID_TOKEN: SimResponse = { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };

const routes: Array<Route<ShopifyState>> = [
	{
		method: 'POST',
		path: '/shops/:shop/admin/oauth/access_token',
		handler: (req, ctx) => {
			const store = storeOf(req, ctx.state);
			if (!store) return { status: 404, body: { errors: 'Not Found' } };
			const form = (req.body ?? {}) as Record<string, string>;
			if (form.grant_type !== 'client_credentials') {
				return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'The grant type is not supported.' } };
			}
			if (form.client_id !== store.clientId || form.client_secret !== store.clientSecret) {
				return { status: 400, body: { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' } };
			}
			const token = `shpat_${randomBytes(16).toString('hex')}`;
			store.tokens[token] = Date.now() + ctx.state.tokenLifetimeSeconds * 1000;
			ctx.changed();
			return { status: 200, body: { access_token: token, scope: 'read_customers,write_customers,read_products,write_products,read_orders,read_draft_orders,write_draft_orders', expires_in: ctx.state.tokenLifetimeSeconds } };
		},
	},
	{
		method: 'POST',
		path: '/shops/:shop/admin/api/:version/graphql.json',
		handler: async (req, ctx) => {
			const store = storeOf(req, ctx.state)!;
			// authenticate() answered 404 for a version Shopify does not serve.
			const version = servedApiVersion(req.params.version)!;
			const result = await runGraphql(ctx.state, store, ctx.runtime as WebhookDispatcher | undefined, version, req.body as { query?: unknown }, true);
			ctx.changed();
			// Shopify names the version it actually used (after falling forward from an expired one).
			return { ...result, headers: { 'x-shopify-api-version': version } };
		},
	},
];

export const shopifySimulator: SimulatorDefinition<ShopifyState> = {
	name: 'shopify',
	defaultPort: 4102,
	initialState: initialShopifyState,
	routes,
	controlRoutes: adminRoutes,
	// Shopify's published schemas are fetched once (first run) before the first request needs them.
	prepare: async () => await ensureAdminSchemas(),
	start: (host) => new WebhookDispatcher(host),
	authenticate(req, state) {
		const store = storeOf(req, state);
		if (!store) return { status: 404, body: { errors: 'Not Found' } };
		if (req.path.endsWith('/oauth/access_token')) return undefined;
		const token = req.headers['x-shopify-access-token'];
		if (typeof token !== 'string' || !tokenValid(store, token)) return INVALID_TOKEN;
		if (req.params.version !== undefined && !servedApiVersion(req.params.version)) return { status: 404, body: { errors: 'Not Found' } };
		return undefined;
	},
	// Shopify meters GraphQL by cost (in graphql.ts), not by request count.
	throttled: (retryAfterSeconds) => ({ status: 429, body: { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }, headers: { 'retry-after': retryAfterSeconds.toFixed(1) } }),
	errorResponse: (status, message) => ({ status, body: { errors: message } }),
	notFound: () => ({ status: 404, body: { errors: 'Not Found' } }),
	secretHeaders: ['x-shopify-access-token'],
};
