/** The Sync App's endpoints: all ASSUMED (nodes/EManageCrm/transport/assumedContract.ts). */
import { randomBytes } from 'node:crypto';

import type { Route, SimResponse } from '../frame/types';
import type { EManageState } from './state';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

const SETTINGS = ['fulfilledByEManage', 'keepProductsSynchronized', 'keepOrdersSynchronized'];
const invalid = (field: string, message: string): SimResponse => ({ status: 400, body: { message: 'The request is invalid.', errors: { [field]: [message] } } });

export const syncRoutes: Array<Route<EManageState>> = [
	{
		method: 'POST',
		path: '/sync/shops',
		handler: (req, ctx) => {
			const body = (req.body ?? {}) as Body;
			const domain = String(body.shopDomain ?? '').toLowerCase();
			if (!/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(domain)) return invalid('shopDomain', 'A myshopify.com domain is required.');
			if (!/^[^@\s]+@[^@\s]+$/.test(String(body.ownerEmail ?? ''))) return invalid('ownerEmail', 'An e-mail address is required.');
			if (!['own', 'shared'].includes(String(body.instance))) return invalid('instance', 'instance must be "own" or "shared".');
			const existing = ctx.state.shops.find((shop) => shop.shopDomain === domain);
			if (existing) return { status: 200, body: existing };
			const shop = {
				shopId: `shp_${randomBytes(4).toString('hex')}`,
				shopDomain: domain,
				ownerEmail: body.ownerEmail,
				shopName: body.shopName ?? domain,
				instance: body.instance,
				instanceUrl: body.instance === 'shared' ? 'https://shared.tryemanagecrm.com' : `https://${domain.split('.')[0]}.tryemanagecrm.com`,
				ctrwowAccountId: null,
				createdAt: new Date().toISOString(),
			};
			ctx.state.shops.push(shop);
			ctx.changed();
			return { status: 201, body: shop };
		},
	},
	{
		method: 'PUT',
		path: '/sync/shops/:shopDomain/ctrwow',
		handler: (req, ctx) => {
			const shop = ctx.state.shops.find((entry) => entry.shopDomain === req.params.shopDomain.toLowerCase());
			if (!shop) return { status: 404, body: { message: `Shop ${req.params.shopDomain} is not signed up.` } };
			const accountId = String(((req.body ?? {}) as Body).ctrwowAccountId ?? '');
			if (accountId === '') return invalid('ctrwowAccountId', 'ctrwowAccountId is required.');
			shop.ctrwowAccountId = accountId;
			ctx.changed();
			return { status: 200, body: shop };
		},
	},
	{
		method: 'POST',
		path: '/sync/shops/:shopDomain/settings-token',
		handler: (req, ctx) => {
			const domain = req.params.shopDomain.toLowerCase();
			if (!ctx.state.shops.some((entry) => entry.shopDomain === domain)) return { status: 404, body: { message: `Shop ${domain} is not signed up.` } };
			const funnelId = ((req.body ?? {}) as Body).funnelId as string | undefined;
			const token = randomBytes(18).toString('base64url');
			ctx.state.settingsTokens[token] = { shopDomain: domain, ...(funnelId ? { funnelId } : {}) };
			ctx.changed();
			return { status: 200, body: { token, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() } };
		},
	},
	{
		method: 'GET',
		path: '/sync/funnels',
		handler: (_req, ctx) => ({ status: 200, body: { funnels: ctx.state.funnels.map(({ funnelId, name, shopDomain }) => ({ funnelId, name, shopDomain })) } }),
	},
	{
		method: 'GET',
		path: '/sync/funnels/:funnelId/settings',
		handler: (req, ctx) => {
			const funnel = ctx.state.funnels.find((entry) => entry.funnelId === req.params.funnelId);
			return funnel ? { status: 200, body: { funnelId: funnel.funnelId, ...funnel.settings } } : { status: 404, body: { message: `Funnel ${req.params.funnelId} is not known to the Sync App.` } };
		},
	},
	{
		method: 'PATCH',
		path: '/sync/funnels/:funnelId/settings',
		handler: (req, ctx) => {
			const body = (req.body ?? {}) as Body;
			const unknown = Object.keys(body).filter((key) => !SETTINGS.includes(key) && key !== 'name' && key !== 'shopDomain');
			if (unknown.length) return invalid(unknown[0], `Unknown setting; known: ${SETTINGS.join(', ')}.`);
			for (const key of SETTINGS) if (body[key] !== undefined && typeof body[key] !== 'boolean') return invalid(key, `${key} must be true or false.`);
			let funnel = ctx.state.funnels.find((entry) => entry.funnelId === req.params.funnelId);
			if (!funnel) {
				funnel = { funnelId: req.params.funnelId, name: String(body.name ?? req.params.funnelId), shopDomain: String(body.shopDomain ?? ''), settings: { fulfilledByEManage: false, keepProductsSynchronized: false, keepOrdersSynchronized: false } };
				ctx.state.funnels.push(funnel);
			}
			for (const key of SETTINGS) if (typeof body[key] === 'boolean') funnel.settings[key] = body[key];
			ctx.changed();
			return { status: 200, body: { funnelId: funnel.funnelId, ...funnel.settings } };
		},
	},
];
