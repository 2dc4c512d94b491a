/** The eManageCRM and CTRwow simulators over real HTTP: auth, known shapes, limits, control routes. */
import { parseCsv } from '../../../nodes/EManageCrm/helpers/csv';
import { ctrwowSimulator } from '../../../simulators/ctrwow';
import { type CtrwowState, SIM_API_KEY } from '../../../simulators/ctrwow/state';
import { eManageSimulator } from '../../../simulators/emanage';
import { type EManageState, SIM_CLIENT_ID, SIM_PASSWORD, SIM_USERNAME, SIM_WEB_KEY } from '../../../simulators/emanage/state';
import { SimulatorServer } from '../../../simulators/frame/server';

const BASIC = `Basic ${Buffer.from(`${SIM_USERNAME}:${SIM_PASSWORD}`).toString('base64')}`;

describe('eManageCRM simulator', () => {
	const server = new SimulatorServer<EManageState>(eManageSimulator);
	beforeAll(async () => {
		await server.start();
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	const login = async (authorization = BASIC) => await fetch(`${server.url}/auth`, { method: 'POST', headers: { authorization } });
	const get = async (path: string, headers: Record<string, string>) => {
		const response = await fetch(`${server.url}${path}`, { headers });
		return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
	};

	it('issues a token as plain text and accepts it as "bearer"', async () => {
		const response = await login();
		expect(response.headers.get('content-type')).toContain('text/plain');
		const token = await response.text();
		expect(token.split('.')).toHaveLength(3);
		const list = await get('/order/1/2?StartDate=2026-03-01%2000:00:00&EndDate=2026-03-31%2023:59:59', { authorization: `bearer ${token}` });
		expect(list.status).toBe(200);
		expect(list.body.paging).toEqual({ page: 1, pageSize: 2, totalCount: 3, nextPage: 2 });
		expect((await get('/order/1/2?StartDate=2026-03-01&EndDate=2026-03-02', { authorization: 'bearer nope' })).status).toBe(401);
	});

	it('refuses wrong, expired and locked logins with distinct messages', async () => {
		expect(await (await login(`Basic ${Buffer.from(`${SIM_USERNAME}:x`).toString('base64')}`)).json()).toEqual({ message: 'Invalid username or password.' });
		expect(await (await login(`Basic ${Buffer.from(`expired-user:${SIM_PASSWORD}`).toString('base64')}`)).json()).toMatchObject({ code: 'PasswordExpired' });
		expect(await (await login(`Basic ${Buffer.from(`locked-user:${SIM_PASSWORD}`).toString('base64')}`)).json()).toMatchObject({ code: 'AccountLocked' });
	});

	it('exports a CSV with the known columns, quoted fields and repeated receipt rows', async () => {
		const token = await (await login()).text();
		const answer = await get('/order/export/1/10?StartDate=2026-03-01&EndDate=2026-03-01', { authorization: `bearer ${token}` });
		expect(answer.body).toMatchObject({ hasMoreToExport: false, nextExport: null });
		const csv = await (await fetch(String(answer.body.link))).text();
		const { header, rows } = parseCsv(csv);
		expect(header).toEqual(expect.arrayContaining(['Order ID', 'Order Number', 'Order Status Name', 'Receipt Status Name', 'Amount USD', 'Updated Date', 'Create Date (Receipts)', 'TransactionId', 'ReferenceId']));
		expect(rows.map((row) => row['Order ID'])).toEqual(['1', '1', '2', '2']);
		expect(rows[2]['Customer Name']).toBe('Anna "Annie" Smith, Jr.');
	});

	it('serves the Web Sales API by X_CID and web key', async () => {
		expect((await get(`/sales/api/campaigns/${SIM_WEB_KEY}/products/prices`, { x_cid: SIM_CLIENT_ID })).body.prices).toHaveLength(2);
		expect((await get(`/sales/api/campaigns/${SIM_WEB_KEY}/products/prices`, { x_cid: 'other' })).status).toBe(401);
	});

	it('answers 429 with Retry-After beyond its limit', async () => {
		await fetch(`${server.url}/__sim/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requestsPerSecond: 2 }) });
		const statuses: number[] = [];
		let retryAfter: string | null = null;
		for (let index = 0; index < 3; index++) {
			const response = await get(`/sales/api/campaigns/${SIM_WEB_KEY}/products/prices`, { x_cid: SIM_CLIENT_ID });
			statuses.push(response.status);
			retryAfter ??= response.headers.get('retry-after');
		}
		expect(statuses).toEqual([200, 200, 429]);
		expect(Number(retryAfter)).toBeGreaterThan(0);
	});

	it('changes its own records on request', async () => {
		const placed = (await (await fetch(`${server.url}/__sim/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderDate: '2026-04-01T10:00:00' }) })).json()) as { orderId: number };
		await fetch(`${server.url}/__sim/orders/${placed.orderId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderStatus: 'Refunded', receipt: {}, at: '2026-04-02T08:00:00' }) });
		const order = server.state.orders.find((entry) => entry.orderId === placed.orderId)!;
		expect(order).toMatchObject({ orderStatus: 'Refunded', orderDate: '2026-04-01T10:00:00', lastUpdateDate: '2026-04-02T08:00:00' });
		expect(order.receipts.map((receipt) => receipt.paymentStatus)).toEqual(['Paid', 'Refunded']);
	});
});

describe('CTRwow simulator', () => {
	const server = new SimulatorServer<CtrwowState>(ctrwowSimulator);
	beforeAll(async () => {
		await server.start();
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it('pages templates and refuses a missing key', async () => {
		const page = (await (await fetch(`${server.url}/api/v1/templates?page=3&limit=20`, { headers: { 'x-api-key': SIM_API_KEY } })).json()) as { data: unknown[]; meta: Record<string, number> };
		expect(page.data).toHaveLength(15);
		expect(page.meta).toMatchObject({ page: 3, totalPages: 3, total: 55 });
		expect((await fetch(`${server.url}/api/v1/templates`)).status).toBe(401);
	});

	it('refuses a code used twice', async () => {
		const redirect = 'http://localhost/cb';
		const consent = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=shop-sync-sim-client&redirect_uri=${encodeURIComponent(redirect)}`, { redirect: 'manual' });
		const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
		const exchange = async () =>
			await fetch(`${server.url}/oauth/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'shop-sync-sim-client', client_secret: 'Simulator-Client-Secret-0001' }).toString(),
			});
		expect((await exchange()).status).toBe(200);
		expect(await (await exchange()).json()).toMatchObject({ error: 'invalid_grant' });
	});
});
