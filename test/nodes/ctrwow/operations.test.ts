/** Every CTRwow operation against the simulator, with the API key and with OAuth2. */
import { SIM_API_KEY } from '../../../simulators/ctrwow/state';
import { listSearch, runWorkflow } from '../harness/runWorkflow';
import { ctrwowWorkflow, NODE, useCtrwow } from './setup';

const WEB_KEY = '9C4ABE3D-7B1E-4C55-9F0A-2D7E6B3C1A90';
const UPSELL_KEY = '4B7E1C2D-9A3F-4E6B-8C1D-0F2A3B4C5D6E';
const CID = 'e1ec116b-5a0c-4d6e-9c61-5f0d4b8e7a21';

const createFunnel = {
	resource: 'funnel',
	operation: 'create',
	name: 'Ultra Radiance – Spring',
	template: { __rl: true, mode: 'list', value: 'tpl_001' },
	hostOption: { __rl: true, mode: 'id', value: 'host_custom' },
	campaignWebKey: WEB_KEY,
	clientId: CID,
	mainProductId: 301,
	upsells: { upsell: [{ webKey: UPSELL_KEY, productId: 401 }] },
	additionalFields: { campaignName: 'Ultra Radiance EN 89 List', offerId: 17, path: '/spring' },
};

describe('CTRwow node operations', () => {
	const { sim, credentials, connect } = useCtrwow();
	const run = async (parameters: Record<string, unknown>, options: { oauth?: Record<string, unknown>; settings?: Record<string, unknown> } = {}) =>
		await runWorkflow(ctrwowWorkflow(parameters as never, options.settings), { credentials: credentials({}, (options.oauth ?? {}) as never) });

	it('gets the connected account with the API key, sent only as its header', async () => {
		const result = await run({ resource: 'account', operation: 'get' });
		expect(result.output(NODE)[0].json).toEqual({ id: 'acc_1001', name: 'Shop Sync Demo', email: 'owner@shop-sync.invalid' });
		expect(sim.server.requests[0].headers['x-api-key']).toBe('***');
		expect(JSON.stringify(result.run.data)).not.toContain(SIM_API_KEY);
	});

	it('explains a wrong API key without showing it', async () => {
		const result = await runWorkflow(ctrwowWorkflow({ resource: 'account', operation: 'get' }), { credentials: credentials({ apiKey: 'wrong-key-123456' }) });
		expect(result.error(NODE)?.message).toBe('CTRwow: HTTP 401: Missing API key or access token.');
		expect(result.error(NODE)?.description).toContain('"API Key" in the "CTRwow API" credential');
		expect(JSON.stringify(result.run.data)).not.toContain('wrong-key-123456');
	});

	it('works through an OAuth2 connection (authorization code), sending the bearer token', async () => {
		const tokens = await connect();
		const result = await run({ resource: 'account', operation: 'get', authentication: 'oAuth2' }, { oauth: { oauthTokenData: tokens } });
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)[0].json.id).toBe('acc_1001');
		const call = sim.server.requests.find((entry) => entry.path === '/api/v1/me');
		expect(call?.headers.authorization).toBe('Bearer ***');
		expect(JSON.stringify(result.run.data)).not.toContain(String(tokens.access_token));
	});

	it('refreshes an expired OAuth2 access token with the refresh token and repeats the call', async () => {
		const tokens = await connect();
		sim.server.state.accessTokens = {}; // CTRwow forgot the access token (expired or revoked)
		const result = await run({ resource: 'hostOption', operation: 'getMany', authentication: 'oAuth2' }, { oauth: { oauthTokenData: tokens } });
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)).toHaveLength(2);
		expect(sim.server.requests.map((entry) => `${entry.path} ${entry.status}`)).toEqual(['/oauth/authorize 302', '/oauth/token 200', '/api/v1/host-options 401', '/oauth/token 200', '/api/v1/host-options 200']);
	});

	it('lists all templates across pages, or up to a limit, and searches them', async () => {
		const all = await run({ resource: 'template', operation: 'getMany', returnAll: true });
		expect(all.output(NODE)).toHaveLength(55);
		expect(sim.server.requests.map((entry) => entry.query.page)).toEqual(['1', '2']);
		const some = await run({ resource: 'template', operation: 'getMany', returnAll: false, limit: 3 });
		expect(some.output(NODE).map((item) => item.json.id)).toEqual(['tpl_001', 'tpl_002', 'tpl_003']);
		const found = await run({ resource: 'template', operation: 'getMany', search: 'skincare', returnAll: true });
		expect(found.output(NODE).map((item) => item.json.name)).toEqual(['Single Offer – Skincare']);
	});

	it('lists host options', async () => {
		const result = await run({ resource: 'hostOption', operation: 'getMany' });
		expect(result.output(NODE).map((item) => item.json.domain)).toEqual(['shop-sync-demo.ctrwow.site', 'www.ultraradianceskin.com']);
	});

	it('creates a funnel bound to the eManageCRM campaign, then gets, publishes and unpublishes it', async () => {
		const created = await run(createFunnel);
		expect(created.error(NODE)).toBeUndefined();
		const funnel = created.output(NODE)[0].json;
		expect(funnel).toMatchObject({ id: 'fnl_0001', status: 'draft', url: 'https://www.ultraradianceskin.com/spring', mainProduct: { productId: 301 }, upsells: [{ position: 1, webKey: UPSELL_KEY, productId: 401 }] });
		const pages = funnel.pages as Array<{ type: string; ctr__pageConfig: Record<string, unknown> }>;
		expect(pages.map((page) => page.type)).toEqual(['order', 'special-offer-1', 'confirm']);
		expect(pages[0].ctr__pageConfig).toMatchObject({ webKey: WEB_KEY, cid: CID, offerName: 'Ultra Radiance EN 89 List', offerId: 17 });
		expect(pages[1].ctr__pageConfig.webKey).toBe(UPSELL_KEY);

		const funnelRef = { __rl: true, mode: 'list', value: 'fnl_0001' };
		expect((await run({ resource: 'funnel', operation: 'publish', funnel: funnelRef })).output(NODE)[0].json.status).toBe('published');
		expect((await run({ resource: 'funnel', operation: 'get', funnel: funnelRef })).output(NODE)[0].json.status).toBe('published');
		expect((await run({ resource: 'funnel', operation: 'unpublish', funnel: funnelRef })).output(NODE)[0].json).toMatchObject({ status: 'draft', publishedAt: null });
	});

	it('takes upsells as a JSON list built by earlier nodes, of any length, in order', async () => {
		const upsellsJson = `={{ [401, 301].map((productId) => ({ productId, webKey: '${UPSELL_KEY}' })) }}`;
		const created = await run({ ...createFunnel, upsells: {}, upsellsInput: 'json', upsellsJson });
		expect(created.error(NODE)).toBeUndefined();
		expect(created.output(NODE)[0].json.upsells).toEqual([
			{ position: 1, webKey: UPSELL_KEY, productId: 401 },
			{ position: 2, webKey: UPSELL_KEY, productId: 301 },
		]);
		const none = await run({ ...createFunnel, upsells: {}, upsellsInput: 'json', upsellsJson: '[]' });
		expect(none.output(NODE)[0].json.upsells).toEqual([]);
		const requests = sim.server.requests.length;
		const notList = await run({ ...createFunnel, upsellsInput: 'json', upsellsJson: '{"productId": 401}' });
		expect(notList.error(NODE)?.message).toBe('Upsells (JSON): is not a list of upsells');
		const badRow = await run({ ...createFunnel, upsellsInput: 'json', upsellsJson: `[{"productId": 401, "webKey": "${UPSELL_KEY}"}, {"productId": 401}]` });
		expect(badRow.error(NODE)?.message).toBe('Upsells (JSON) → item 2 → webKey: "" is not a web key');
		expect(sim.server.requests).toHaveLength(requests);
	});

	it('names the field to fix before calling CTRwow', async () => {
		const badKey = await run({ ...createFunnel, campaignWebKey: 'not-a-key' });
		expect(badKey.error(NODE)?.message).toBe('Campaign Web Key: "not-a-key" is not a web key');
		const badUpsell = await run({ ...createFunnel, upsells: { upsell: [{ webKey: UPSELL_KEY, productId: 0 }] } });
		expect(badUpsell.error(NODE)?.message).toBe('Upsells → Upsell 1 → Product ID: must be a positive whole number');
		const noTemplate = await run({ ...createFunnel, template: { __rl: true, mode: 'list', value: '={{ "" }}' } });
		expect(noTemplate.error(NODE)?.message).toBe('Template: is empty');
		expect(sim.server.requests).toHaveLength(0);
	});

	it('reports CTRwow\'s own refusal with the field it names', async () => {
		const result = await run({ ...createFunnel, template: { __rl: true, mode: 'id', value: 'tpl_999' } });
		expect(result.error(NODE)?.message).toBe('CTRwow: HTTP 422: Unknown template "tpl_999". (field: templateId)');
		const missing = await run({ resource: 'funnel', operation: 'get', funnel: { __rl: true, mode: 'id', value: 'fnl_9999' } });
		expect(missing.error(NODE)?.message).toBe('CTRwow: HTTP 404: Funnel fnl_9999 not found.');
	});

	it('offers templates, host options and funnels in the pickers', async () => {
		await run(createFunnel);
		const workflow = ctrwowWorkflow(createFunnel as never);
		const templates = await listSearch(workflow, NODE, 'searchTemplates', 'gadget', { credentials: credentials() });
		expect(templates.results).toEqual([{ name: 'Single Offer – Gadget (Shopping Cart)', value: 'tpl_002' }]);
		const hosts = await listSearch(workflow, NODE, 'searchHostOptions', 'ultra', { credentials: credentials() });
		expect(hosts.results).toEqual([{ name: 'www.ultraradianceskin.com (customDomain)', value: 'host_custom' }]);
		const funnels = await listSearch(workflow, NODE, 'searchFunnels', '', { credentials: credentials() });
		expect(funnels.results).toEqual([{ name: 'Ultra Radiance – Spring (draft)', value: 'fnl_0001' }]);
	});

	it('sends any request with the credential (API Request)', async () => {
		const result = await run({ resource: 'apiRequest', operation: 'send', method: 'GET', path: '/templates', query: '{"limit": 2}' });
		expect((result.output(NODE)[0].json.data as unknown[]).length).toBe(2);
		const absolute = await run({ resource: 'apiRequest', operation: 'send', method: 'GET', path: 'https://evil.example/x' });
		expect(absolute.error(NODE)?.message).toBe('Path: "https://evil.example/x" does not start with /');
	});

	it('waits out a 429 with Retry-After', async () => {
		sim.server.setFaults({ failNext: [{ status: 429, retryAfter: 1 }] });
		const result = await run({ resource: 'hostOption', operation: 'getMany' });
		expect(result.error(NODE)).toBeUndefined();
		expect(sim.server.requests.map((entry) => entry.status)).toEqual([429, 200]);
	});
});
