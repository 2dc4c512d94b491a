/**
 * CTRwow simulator (ASSUMED contract, see nodes/Ctrwow/transport/assumedContract.ts): OAuth2
 * authorization code with refresh, an API-key alternative, templates (paged), host options and
 * funnels with publish / unpublish. Published funnel pages carry a ctr__pageConfig like real
 * CTRwow pages (webKey, cid, crmEndpoint, offerName, offerId).
 */
import { randomBytes } from 'node:crypto';

import { oauthClientOf } from '../frame/oauthClient';
import type { Route, SimRequest, SimResponse, SimulatorDefinition } from '../frame/types';
import { type CtrwowState, initialCtrwowState, SIM_OAUTH_CLIENT, type SimFunnel } from './state';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

const API = '/api/v1';
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const error = (status: number, code: string, message: string, field?: string): SimResponse => ({ status, body: { error: { code, message, ...(field ? { field } : {}) } } });

function page<T>(req: SimRequest, records: T[]): SimResponse {
	const number = Math.max(1, Number(req.query.page ?? 1) || 1);
	const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 20) || 20));
	return { status: 200, body: { data: records.slice((number - 1) * limit, number * limit), meta: { page: number, limit, total: records.length, totalPages: Math.max(1, Math.ceil(records.length / limit)) } } };
}

const search = (req: SimRequest, ...values: string[]) => {
	const needle = (req.query.search ?? '').toLowerCase();
	return needle === '' || values.some((value) => value.toLowerCase().includes(needle));
};

function issueTokens(state: CtrwowState, scope: string): SimResponse {
	const accessToken = `ctw_at_${randomBytes(18).toString('hex')}`;
	const refreshToken = `ctw_rt_${randomBytes(18).toString('hex')}`;
	state.accessTokens[accessToken] = Date.now() + state.tokenLifetimeSeconds * 1000;
	state.refreshTokens.push(refreshToken);
	return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: state.tokenLifetimeSeconds, refresh_token: refreshToken, scope } };
}


function pageConfig(funnel: SimFunnel, webKey: string, productId: number, type: string, crmEndpoint: string) {
	return {
		type,
		url: `${funnel.url}/${type === 'order' ? 'index' : type}.html`,
		ctr__pageConfig: {
			webKey,
			cid: funnel.campaign.cid,
			crmEndpoint,
			websaleApiUrl: crmEndpoint,
			offerName: funnel.campaign.offerName ?? funnel.name,
			offerId: funnel.campaign.offerId ?? null,
			productId,
			successUrl: `${funnel.url}/confirm.html`,
			declineUrl: `${funnel.url}/index.html?declined=1`,
			confirmUrl: `${funnel.url}/confirm.html`,
		},
	};
}

const routes: Array<Route<CtrwowState>> = [
	{
		method: 'GET',
		path: '/oauth/authorize',
		handler: (req, ctx) => {
			if (req.query.response_type !== 'code') return error(400, 'unsupported_response_type', 'response_type must be "code".');
			if (req.query.client_id !== SIM_OAUTH_CLIENT.clientId) return error(400, 'invalid_client', 'Unknown client_id.');
			if (!req.query.redirect_uri) return error(400, 'invalid_request', 'redirect_uri is required.');
			// The simulated shop owner consents at once.
			const code = randomBytes(12).toString('hex');
			ctx.state.codes[code] = { redirectUri: req.query.redirect_uri, scope: req.query.scope ?? '' };
			const target = new URL(req.query.redirect_uri);
			target.searchParams.set('code', code);
			if (req.query.state) target.searchParams.set('state', req.query.state);
			return { status: 302, headers: { location: target.toString() }, raw: '' };
		},
	},
	{
		method: 'POST',
		path: '/oauth/token',
		handler: (req, ctx) => {
			const form = (req.body ?? {}) as Record<string, string>;
			const client = oauthClientOf(req, form);
			if (client.id !== SIM_OAUTH_CLIENT.clientId || client.secret !== SIM_OAUTH_CLIENT.clientSecret) {
				return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } };
			}
			if (form.grant_type === 'authorization_code') {
				const grant = ctx.state.codes[form.code ?? ''];
				if (!grant || grant.redirectUri !== form.redirect_uri) return { status: 400, body: { error: 'invalid_grant', error_description: 'The code is invalid, used, or for another redirect_uri.' } };
				delete ctx.state.codes[form.code];
				return issueTokens(ctx.state, grant.scope);
			}
			if (form.grant_type === 'refresh_token') {
				const index = ctx.state.refreshTokens.indexOf(form.refresh_token ?? '');
				if (index < 0) return { status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid or revoked.' } };
				ctx.state.refreshTokens.splice(index, 1);
				return issueTokens(ctx.state, form.scope ?? '');
			}
			return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Use authorization_code or refresh_token.' } };
		},
	},
	{ method: 'GET', path: `${API}/me`, handler: (_req, ctx) => ({ status: 200, body: ctx.state.account }) },
	{ method: 'GET', path: `${API}/templates`, handler: (req, ctx) => page(req, ctx.state.templates.filter((template) => search(req, template.name, template.id))) },
	{ method: 'GET', path: `${API}/host-options`, handler: (req, ctx) => page(req, ctx.state.hostOptions) },
	{ method: 'GET', path: `${API}/funnels`, handler: (req, ctx) => page(req, ctx.state.funnels.filter((funnel) => search(req, funnel.name, funnel.id))) },
	{
		method: 'POST',
		path: `${API}/funnels`,
		handler: (req, ctx) => {
			const body = (req.body ?? {}) as Body;
			if (!String(body.name ?? '').trim()) return error(422, 'validation_failed', 'name is required.', 'name');
			if (!ctx.state.templates.some((template) => template.id === body.templateId)) return error(422, 'validation_failed', `Unknown template "${String(body.templateId)}".`, 'templateId');
			const host = ctx.state.hostOptions.find((option) => option.id === body.hostOptionId);
			if (!host) return error(422, 'validation_failed', `Unknown host option "${String(body.hostOptionId)}".`, 'hostOptionId');
			const campaign = (body.campaign ?? {}) as Body;
			if (!GUID.test(String(campaign.webKey ?? ''))) return error(422, 'validation_failed', 'campaign.webKey must be an eManageCRM web key.', 'campaign.webKey');
			if (!String(campaign.cid ?? '')) return error(422, 'validation_failed', 'campaign.cid is required.', 'campaign.cid');
			const productId = Number((body.mainProduct as Body | undefined)?.productId);
			if (!(productId > 0)) return error(422, 'validation_failed', 'mainProduct.productId is required.', 'mainProduct.productId');
			const upsells = (Array.isArray(body.upsells) ? body.upsells : []) as Body[];
			for (const [index, upsell] of upsells.entries()) {
				if (!GUID.test(String(upsell.webKey ?? '')) || !(Number(upsell.productId) > 0)) return error(422, 'validation_failed', `upsells[${index}] needs a webKey and a productId.`, `upsells[${index}]`);
			}
			const id = `fnl_${String(ctx.state.nextFunnel++).padStart(4, '0')}`;
			const path = String(body.path ?? `/${id}`).replace(/^\/?/, '/');
			const crmEndpoint = String(body.crmEndpoint ?? 'https://sales-prod.tryemanagecrm.com/api');
			const funnel: SimFunnel = {
				id,
				name: String(body.name),
				status: 'draft',
				templateId: String(body.templateId),
				hostOptionId: host.id,
				path,
				url: `https://${host.domain}${path}`,
				campaign,
				mainProduct: { productId },
				upsells: upsells.map((upsell, index) => ({ position: index + 1, webKey: String(upsell.webKey), productId: Number(upsell.productId) })),
				pages: [],
				createdAt: new Date().toISOString(),
				publishedAt: null,
			};
			funnel.pages = [
				pageConfig(funnel, String(campaign.webKey), productId, 'order', crmEndpoint),
				...funnel.upsells.map((upsell) => pageConfig(funnel, upsell.webKey, upsell.productId, `special-offer-${upsell.position}`, crmEndpoint)),
				pageConfig(funnel, String(campaign.webKey), productId, 'confirm', crmEndpoint),
			];
			ctx.state.funnels.push(funnel);
			ctx.changed();
			return { status: 201, body: funnel };
		},
	},
	{
		method: 'GET',
		path: `${API}/funnels/:id`,
		handler: (req, ctx) => {
			const funnel = ctx.state.funnels.find((entry) => entry.id === req.params.id);
			return funnel ? { status: 200, body: funnel } : error(404, 'not_found', `Funnel ${req.params.id} not found.`);
		},
	},
	...(['publish', 'unpublish'] as const).map((action) => ({
		method: 'POST',
		path: `${API}/funnels/:id/${action}`,
		handler: (req: SimRequest, ctx: { state: CtrwowState; changed(): void }) => {
			const funnel = ctx.state.funnels.find((entry) => entry.id === req.params.id);
			if (!funnel) return error(404, 'not_found', `Funnel ${req.params.id} not found.`);
			funnel.status = action === 'publish' ? 'published' : 'draft';
			funnel.publishedAt = action === 'publish' ? (funnel.publishedAt ?? new Date().toISOString()) : null;
			ctx.changed();
			return { status: 200, body: funnel };
		},
	})),
];

export const ctrwowSimulator: SimulatorDefinition<CtrwowState> = {
	name: 'ctrwow',
	defaultPort: 4106,
	initialState: initialCtrwowState,
	routes,
	authenticate(req, state) {
		if (req.path.startsWith('/oauth/')) return undefined;
		const key = req.headers['x-api-key'];
		if (typeof key === 'string' && state.apiKeys.includes(key)) return undefined;
		const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
		const expiresAt = bearer ? state.accessTokens[bearer[1]] : undefined;
		if (expiresAt !== undefined && expiresAt > Date.now()) return undefined;
		return error(401, 'unauthorized', bearer ? 'The access token is invalid or expired.' : 'Missing API key or access token.');
	},
	rateLimit: (req, _route, state) => (req.path.startsWith('/oauth/') ? undefined : { key: String(req.headers['x-api-key'] ?? req.headers.authorization ?? ''), limit: state.requestsPerSecond, windowMs: 1000 }),
	throttled: (retryAfterSeconds) => ({ status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests.' } }, headers: { 'retry-after': String(retryAfterSeconds) } }),
	errorResponse: (status, message) => error(status, 'error', message),
	notFound: () => error(404, 'not_found', 'No such endpoint.'),
	secretHeaders: ['x-api-key'],
};
