/**
 * The password and token go only where the user pointed the credential: no default address, and
 * no server-named link (nextExport) followed to another origin. A second local server records
 * every hit, to prove nothing was sent there.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { EManageCrm } from '../../../nodes/EManageCrm/EManageCrm.node';
import { SIM_WEB_KEY } from '../../../simulators/emanage/state';
import { recordCredentialTest } from '../harness/credentialTest';
import { useRecordingServer, useRedirectingServer } from '../harness/recordingServer';
import { runWorkflow } from '../harness/runWorkflow';
import { eManageWorkflow, NODE, useEManage } from './setup';

const listOrders = { resource: 'order', operation: 'getMany', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-03T00:00:00Z', returnAll: true, pageSize: 100 };

describe('eManageCRM: secrets go only where the credential points', () => {
	const { sim, credentials, control } = useEManage();
	const elsewhere = useRecordingServer();
	const redirector = useRedirectingServer(() => elsewhere.url);

	/** The credential test with a context whose request helper counts what it sends. */
	const credentialTest = async (overrides: ICredentialDataDecryptedObject) =>
		await recordCredentialTest(new EManageCrm().methods.credentialTest.eManageCrmApiTest, { id: '', name: 'eManageCRM check', type: 'eManageCrmApi', data: credentials(overrides).eManageCrmApi });

	it.each([
		['empty', '', 'is empty'],
		['not an http(s) address', 'public-api.example.com', 'is not an http(s) address ("public-api.example.com")'],
	])('the credential test refuses a Public API Base URL that is %s, before sending anything', async (_case, apiBaseUrl, problem) => {
		const { result, sent } = await credentialTest({ apiBaseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`"Public API Base URL" in the "eManageCRM API" credential ${problem}, so nothing was sent`);
		expect(result.message).toContain('ask DFO / WowSuite support');
		expect(sent).toEqual([]);
		expect(sim.server.requests).toHaveLength(0);
	});

	it('the credential test still logs in where the credential points', async () => {
		const { result, sent } = await credentialTest({});
		expect(result.status).toBe('OK');
		expect(sent.map((options) => new URL(String(options.uri)).origin)).toEqual([sim.server.url, sim.server.url]);
	});

	it('does not follow a login redirect to another origin: the password stays', async () => {
		const run = await runWorkflow(eManageWorkflow(listOrders), { credentials: credentials({ apiBaseUrl: redirector.url }) });
		expect(run.error(NODE)?.message).toBe('eManageCRM: the login endpoint redirected (HTTP 307); the password was not sent on');
		expect(redirector.hits.map((hit) => `${hit.method} ${hit.url}`)).toEqual(['POST /auth']);
		expect(elsewhere.hits).toEqual([]);
	});

	it('a node run without Public API Base URL fails naming the field, without any request', async () => {
		const run = await runWorkflow(eManageWorkflow(listOrders), { credentials: credentials({ apiBaseUrl: '' }) });
		expect(run.error(NODE)?.message).toBe('eManageCRM: "Public API Base URL" in the "eManageCRM API" credential is empty, so nothing was sent');
		expect(run.error(NODE)?.description).toContain('Enter it as "Public API Base URL" in the "eManageCRM API" credential.');
		expect(sim.server.requests).toHaveLength(0);
	});

	it('a Web Sales call without Web Sales API Base URL fails naming the field, without any request', async () => {
		const run = await runWorkflow(eManageWorkflow({ resource: 'campaign', operation: 'getPrices', campaign: { __rl: true, mode: 'webKey', value: SIM_WEB_KEY }, output: 'products' }), {
			credentials: credentials({ webSalesBaseUrl: '' }),
		});
		expect(run.error(NODE)?.message).toBe('eManageCRM: "Web Sales API Base URL" in the "eManageCRM API" credential is empty, so nothing was sent');
		expect(run.error(NODE)?.description).toContain('"crmEndpoint"');
		expect(sim.server.requests).toHaveLength(0);
	});

	it('Build Settings Link without Settings Page URL fails before a sign-in token is issued', async () => {
		const run = await runWorkflow(eManageWorkflow({ resource: 'syncApp', operation: 'buildSettingsLink', shopDomain: 'store-a.myshopify.com' }), { credentials: credentials({ settingsPageUrl: '' }) });
		expect(run.error(NODE)?.message).toBe('Settings Page URL: is empty in the "eManageCRM API" credential');
		expect(run.error(NODE)?.description).toContain('Ask DFO / WowSuite support');
		expect(sim.server.requests.filter((entry) => entry.path.includes('settings-token'))).toHaveLength(0);
	});

	it('refuses a nextExport link to another origin: nothing, and no token, is sent there', async () => {
		await control('PATCH', '/__sim/settings', { exportContinuationBase: elsewhere.url });
		const run = await runWorkflow(eManageWorkflow({ resource: 'order', operation: 'export', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-02T00:00:00Z', output: 'order', pageSize: 1 }), {
			credentials: credentials(),
		});
		const error = run.error(NODE);
		expect(error?.message).toBe(`eManageCRM: refused to follow "nextExport" to ${elsewhere.url}: it is not the origin of "Public API Base URL" (${sim.server.url})`);
		expect(error?.description).toContain('Nothing was sent there');
		expect(elsewhere.hits).toEqual([]);
		// The first page was asked where the credential points, with the token.
		expect(sim.server.requests.filter((entry) => entry.path.includes('/export/')).map((entry) => entry.path)).toEqual(['/order/export/1/1']);
	});

	it('follows a nextExport link on the credential\'s own origin (the control case)', async () => {
		const run = await runWorkflow(eManageWorkflow({ resource: 'order', operation: 'export', startDate: '2026-03-01T00:00:00Z', endDate: '2026-03-02T00:00:00Z', output: 'order', pageSize: 1 }), {
			credentials: credentials(),
		});
		expect(run.error(NODE)).toBeUndefined();
		expect(sim.server.requests.filter((entry) => entry.path.includes('/export/')).length).toBeGreaterThan(1);
		expect(elsewhere.hits).toEqual([]);
	});
});
