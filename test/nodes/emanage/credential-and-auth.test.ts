/** Login, token renewal, the expired-password and locked-account messages, and secrets kept out. */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { EManageCrm } from '../../../nodes/EManageCrm/EManageCrm.node';
import { SIM_PASSWORD, SIM_USERNAME } from '../../../simulators/emanage/state';
import { runWorkflow } from '../harness/runWorkflow';
import { eManageWorkflow, NODE, useEManage } from './setup';

const listOrders = eManageWorkflow({ resource: 'order', operation: 'getMany', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-03T00:00:00Z', returnAll: true, pageSize: 100 });

describe('eManageCRM credential', () => {
	const { sim, credentials, control } = useEManage();
	const test = async (overrides: ICredentialDataDecryptedObject = {}) =>
		await new EManageCrm().methods.credentialTest.eManageCrmApiTest.call(new CredentialTestContext(), { id: '', name: 'eManageCRM check', type: 'eManageCrmApi', data: credentials(overrides).eManageCrmApi });

	it('passes with the right user and password', async () => {
		expect(await test()).toEqual({ status: 'OK', message: `Connected to eManageCRM as ${SIM_USERNAME}` });
		const login = sim.server.requests.find((entry) => entry.path === '/auth');
		expect(login?.headers.authorization).toBe('Basic ***');
	});

	it('names the wrong login without the password', async () => {
		const result = await test({ password: 'Wrong-Password-123' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`the login of user "${SIM_USERNAME}" was refused (HTTP 401, Invalid username or password.)`);
		expect(result.message).not.toContain('Wrong-Password-123');
	});

	it('says the password expired (every 3 months) and what to do', async () => {
		const result = await test({ username: 'expired-user' });
		expect(result.message).toContain('the password of user "expired-user" has expired');
		expect(result.message).toContain('expire every 3 months');
	});

	it('says the account is locked', async () => {
		const result = await test({ username: 'locked-user' });
		expect(result.message).toContain('the account of user "locked-user" is locked');
		expect(result.message).toContain('administrator to unlock');
	});

	it('reports a wrong base URL', async () => {
		const result = await test({ apiBaseUrl: `${sim.server.url}/nothing-here` });
		expect(result.message).toContain('no login endpoint at /auth (HTTP 404)');
	});

	it('logs in once, reuses the token, and renews it after a 401', async () => {
		const options = { credentials: credentials() };
		const first = await runWorkflow(listOrders, options);
		expect(first.error(NODE)).toBeUndefined();
		expect(first.output(NODE)).toHaveLength(3);
		const second = await runWorkflow(listOrders, { credentials: options.credentials });
		expect(second.output(NODE)).toHaveLength(3);
		expect(sim.server.requests.filter((entry) => entry.path === '/auth')).toHaveLength(1);

		await control('POST', '/__sim/tokens/revoke');
		const third = await runWorkflow(listOrders, { credentials: options.credentials });
		expect(third.error(NODE)).toBeUndefined();
		expect(third.output(NODE)).toHaveLength(3);
		expect(sim.server.requests.filter((entry) => entry.path === '/auth')).toHaveLength(2);
		const bearer = sim.server.requests.filter((entry) => entry.path.startsWith('/order/'));
		expect(bearer.every((entry) => entry.headers.authorization === 'bearer ***')).toBe(true);
	});

	it('fails a node run with the expired-password message, no password, no token', async () => {
		await control('PATCH', `/__sim/users/${SIM_USERNAME}`, { passwordExpired: true });
		const run = await runWorkflow(listOrders, { credentials: credentials() });
		const error = run.error(NODE);
		expect(error?.message).toBe(`eManageCRM: the password of user "${SIM_USERNAME}" has expired`);
		expect(error?.description).toContain('expire every 3 months');
		expect(JSON.stringify(run.run.data)).not.toContain(SIM_PASSWORD);
	});

	it('fails a node run with the locked-account message', async () => {
		await control('PATCH', `/__sim/users/${SIM_USERNAME}`, { locked: true });
		const run = await runWorkflow(listOrders, { credentials: credentials() });
		expect(run.error(NODE)?.message).toBe(`eManageCRM: the account of user "${SIM_USERNAME}" is locked`);
	});

	it('keeps the token and password out of output and errors', async () => {
		const creds = credentials();
		const ok = await runWorkflow(listOrders, { credentials: creds });
		const token = String(creds.eManageCrmApi.accessToken);
		expect(token.length).toBeGreaterThan(20);
		const failed = await runWorkflow(eManageWorkflow({ resource: 'apiRequest', operation: 'send', api: 'public', method: 'GET', path: '/no/such/path' }), { credentials: creds });
		for (const text of [JSON.stringify(ok.run.data), JSON.stringify(failed.run.data), JSON.stringify(failed.error(NODE)), String(failed.error(NODE)?.description)]) {
			expect(text).not.toContain(token);
			expect(text).not.toContain(SIM_PASSWORD);
		}
		expect(failed.error(NODE)?.message).toContain('HTTP 404');
	});
});
