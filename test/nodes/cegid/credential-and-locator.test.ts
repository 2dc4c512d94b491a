/** The credential's Test button and the Customer locator's list, for both flavours. */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { Cegid } from '../../../nodes/Cegid/Cegid.node';
import { SIM_DATABASE, SIM_USER } from '../../../simulators/cegid/state';
import { listSearch } from '../harness/runWorkflow';
import { cegidWorkflow, type Flavour, NODE, useCegid } from './setup';

describe.each<Flavour>(['rest', 'soap'])('CEGID credential test and customer list (%s)', (flavour) => {
	const { sim, credentials } = useCegid();
	const test = async (overrides: ICredentialDataDecryptedObject = {}) =>
		await new Cegid().methods.credentialTest.cegidApiTest.call(new CredentialTestContext(), {
			id: '',
			name: 'CEGID check',
			type: 'cegidApi',
			data: credentials(flavour, overrides).cegidApi,
		});

	it('passes with the right user, password and database', async () => {
		const result = await test();
		expect(result.status).toBe('OK');
		expect(result.message).toContain(SIM_DATABASE);
	});

	it('passes with the OAuth2 password grant', async () => {
		expect((await test({ authentication: 'oauth2Password' })).status).toBe('OK');
	});

	it('says which login was refused for a wrong password, without the password', async () => {
		const result = await test({ password: 'Wrong-Password-123' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			`CEGID refused the login ${SIM_DATABASE}\\${SIM_USER} (HTTP 401). Check User and Password, and that Database ID "${SIM_DATABASE}" is the folder this user belongs to.`,
		);
		expect(result.message).not.toContain('Wrong-Password-123');
	});

	it('says the database ID is wrong when the user exists but not in that database', async () => {
		const result = await test({ databaseId: '90000000_002_TEST' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Database ID "90000000_002_TEST"');
	});

	it('refuses OAuth2 without a Token URL before sending the password anywhere', async () => {
		const context = new CredentialTestContext();
		const sent: unknown[] = [];
		const request = context.helpers.request;
		context.helpers.request = (async (options: never) => {
			sent.push(options);
			return await request(options);
		}) as typeof request;
		const result = await new Cegid().methods.credentialTest.cegidApiTest.call(context, { id: '', name: 'CEGID check', type: 'cegidApi', data: credentials(flavour, { authentication: 'oauth2Password', tokenUrl: '' }).cegidApi });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('CEGID: "Token URL" in the "CEGID Retail Y2 API" credential is empty, so nothing was sent.');
		expect(result.message).toContain('Cegid gives it with the cloud subscription');
		expect(sent).toEqual([]);
		expect(sim.server.requests).toHaveLength(0);
	});

	it('explains a refused OAuth2 login', async () => {
		const result = await test({ authentication: 'oauth2Password', password: 'Wrong-Password-123' });
		expect(result.message).toContain('invalid_grant');
		expect(result.message).not.toContain('Wrong-Password-123');
	});

	it('lists customers for the locator by last name or e-mail', async () => {
		const workflow = cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'list', value: '' } });
		const byName = await listSearch(workflow, NODE, 'searchCustomers', 'mart', { credentials: credentials(flavour) });
		expect(byName.results).toEqual([{ name: 'Camille Martin (camille.martin@example.com) – C000001', value: 'C000001' }]);
		const byEmail = await listSearch(workflow, NODE, 'searchCustomers', 'jonas.weber@example.de', { credentials: credentials(flavour) });
		expect(byEmail.results.map((entry) => entry.value)).toEqual(['C000002']);
		expect((await listSearch(workflow, NODE, 'searchCustomers', '', { credentials: credentials(flavour) })).results).toEqual([]);
		expect(sim.server.requests.length).toBeGreaterThan(0);
	});
});
