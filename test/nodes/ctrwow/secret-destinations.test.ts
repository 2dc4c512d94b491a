/** CTRwow's addresses have no defaults: an empty one is refused, naming the field, before anything is sent. */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { CtrwowApi } from '../../../credentials/CtrwowApi.credentials';
import { CtrwowOAuth2Api } from '../../../credentials/CtrwowOAuth2Api.credentials';
import { Ctrwow } from '../../../nodes/Ctrwow/Ctrwow.node';
import { recordCredentialTest } from '../harness/credentialTest';
import { useRecordingServer, useRedirectingServer } from '../harness/recordingServer';
import { runWorkflow } from '../harness/runWorkflow';
import { ctrwowWorkflow, NODE, useCtrwow } from './setup';

describe('CTRwow: secrets go only where the credential points', () => {
	const { sim, credentials, connect } = useCtrwow();
	const elsewhere = useRecordingServer();
	const redirector = useRedirectingServer(() => elsewhere.url);

	const credentialTest = async (overrides: ICredentialDataDecryptedObject) =>
		await recordCredentialTest(new Ctrwow().methods.credentialTest.ctrwowApiTest, { id: '', name: 'CTRwow check', type: 'ctrwowApi', data: credentials(overrides).ctrwowApi });

	const oauthTest = async (oauth: ICredentialDataDecryptedObject) =>
		await recordCredentialTest(new Ctrwow().methods.credentialTest.ctrwowOAuth2ApiTest, { id: '', name: 'CTRwow OAuth check', type: 'ctrwowOAuth2Api', data: credentials({}, oauth).ctrwowOAuth2Api });

	it('the OAuth2 test refuses an empty API Base URL without sending the token', async () => {
		const { result, sent } = await oauthTest({ baseUrl: '', oauthTokenData: (await connect()) as IDataObject });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('"API Base URL" in the "CTRwow OAuth2 API" credential is empty, so nothing was sent');
		expect(sent).toEqual([]);
	});

	it('the OAuth2 test asks to connect first, and reads the account with the connected token', async () => {
		expect((await oauthTest({})).result).toEqual({ status: 'Error', message: expect.stringContaining('Not connected yet') });
		const before = sim.server.requests.length;
		const { result, sent } = await oauthTest({ oauthTokenData: (await connect()) as IDataObject });
		expect(result).toEqual({ status: 'OK', message: 'Connected to CTRwow as Shop Sync Demo' });
		expect(sent).toHaveLength(1);
		expect(sim.server.requests.slice(before).map((entry) => entry.path)).toContain('/api/v1/me');
	});

	it('ships no default address in either credential', () => {
		for (const credential of [new CtrwowApi(), new CtrwowOAuth2Api()]) {
			for (const property of credential.properties.filter((entry) => ['baseUrl', 'authUrl', 'accessTokenUrl'].includes(entry.name))) {
				expect([property.name, property.default, property.required]).toEqual([property.name, '', true]);
				expect(property.description).toContain('ask CTRwow');
			}
		}
	});

	it('the API key test refuses an empty API Base URL without sending the key', async () => {
		const { result, sent } = await credentialTest({ baseUrl: '' });
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringContaining('CTRwow: "API Base URL" in the "CTRwow API" credential is empty, so nothing was sent.'),
		});
		expect(sent).toEqual([]);
		expect(sim.server.requests).toHaveLength(0);
	});

	it('the API key test reads the account where the credential points', async () => {
		const { result, sent } = await credentialTest({});
		expect(result).toEqual({ status: 'OK', message: 'Connected to CTRwow as Shop Sync Demo' });
		expect(sent).toHaveLength(1);
		expect(sim.server.requests.map((entry) => entry.path)).toEqual(['/api/v1/me']);
	});

	it('the API key test names a refused key', async () => {
		const { result } = await credentialTest({ apiKey: 'wrong-key-123456' });
		expect(result.message).toContain('CTRwow refused the API key (HTTP 401)');
	});

	it('a node run without API Base URL fails naming the field, without any request', async () => {
		const run = await runWorkflow(ctrwowWorkflow({ resource: 'account', operation: 'get' }), { credentials: credentials({ baseUrl: '' }) });
		expect(run.error(NODE)?.message).toBe('CTRwow: "API Base URL" in the "CTRwow API" credential is empty, so nothing was sent');
		expect(run.error(NODE)?.description).toContain('ask CTRwow (DFO / WowSuite) support');
		expect(sim.server.requests).toHaveLength(0);
	});

	it('does not follow a redirect to another origin: the API key is not sent there', async () => {
		const run = await runWorkflow(ctrwowWorkflow({ resource: 'account', operation: 'get' }), { credentials: credentials({ baseUrl: `${redirector.url}/api/v1` }) });
		expect(run.error(NODE)?.message).toBe(`CTRwow: refused to follow a redirect (HTTP 307) to ${elsewhere.url}: it is not the origin of the base URL in the "CTRwow API" credential (${redirector.url})`);
		expect(redirector.hits.map((hit) => `${hit.method} ${hit.url}`)).toEqual(['GET /api/v1/me']);
		expect(elsewhere.hits).toEqual([]);
	});

	it('the API key test does not follow a redirect to another origin either', async () => {
		const { result } = await credentialTest({ baseUrl: `${redirector.url}/api/v1` });
		expect(result).toEqual({ status: 'Error', message: 'CTRwow answered HTTP 307 at /me. Check "API Base URL" in the "CTRwow API" credential.' });
		expect(elsewhere.hits).toEqual([]);
	});

	it('an OAuth2 run without Access Token URL fails naming the field, without any request', async () => {
		const tokens = await connect();
		const before = sim.server.requests.length;
		const run = await runWorkflow(ctrwowWorkflow({ resource: 'account', operation: 'get', authentication: 'oAuth2' }), {
			credentials: credentials({}, { oauthTokenData: tokens as never, accessTokenUrl: '' }),
		});
		expect(run.error(NODE)?.message).toBe('CTRwow: "Access Token URL" in the "CTRwow OAuth2 API" credential is empty, so nothing was sent');
		expect(sim.server.requests).toHaveLength(before);
	});
});
