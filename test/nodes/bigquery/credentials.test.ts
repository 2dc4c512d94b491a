import type { ICredentialTestFunctions, INodeType } from 'n8n-workflow';

import { SIMULATOR_CLIENT_EMAIL, SIMULATOR_PRIVATE_KEY } from '../../../simulators/bigquery/testServiceAccount';
import { loadPackage } from '../harness/nodeTypes';
import { NODE, useBigQuery } from './setup';

describe('Order Store credential', () => {
	const bq = useBigQuery();

	const credentialTest = async (data: Record<string, unknown>) => {
		const { nodeTypes } = await loadPackage();
		const nodeType = nodeTypes.getByNameAndVersion('n8n-nodes-shop-sync.orderStore', 1) as INodeType;
		const test = nodeType.methods!.credentialTest!.orderStoreBigQueryApiTest;
		return await test.call({} as ICredentialTestFunctions, { id: 'x', name: 'BigQuery CRM', type: 'orderStoreBigQueryApi', data: data as never });
	};

	it('the credential test exchanges the key for a token and runs SELECT 1', async () => {
		expect(await credentialTest(bq.credentials().orderStoreBigQueryApi)).toEqual({ status: 'OK', message: 'Connection successful' });
		expect(bq.sim.server.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual(['POST /token 200', 'POST /bigquery/v2/projects/shop-sync-sim/queries 200']);
		expect(bq.sim.server.requests[1].headers.authorization).toBe('Bearer ***');
	});

	it('accepts project ID, client email and a private key with escaped newlines', async () => {
		const escaped = SIMULATOR_PRIVATE_KEY.replace(/\n/g, '\\n');
		const data = { ...bq.credentials().orderStoreBigQueryApi, keyFormat: 'fields', serviceAccountSecret: '', projectId: 'shop-sync-sim', clientEmail: SIMULATOR_CLIENT_EMAIL, privateKey: escaped };
		expect(await credentialTest(data)).toEqual({ status: 'OK', message: 'Connection successful' });
	});

	it('reports a key the token endpoint refuses, a broken key and a foreign project, without the key in the message', async () => {
		const { generateKeyPairSync } = await import('node:crypto');
		const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const base = { ...bq.credentials().orderStoreBigQueryApi, keyFormat: 'fields', projectId: 'shop-sync-sim', clientEmail: SIMULATOR_CLIENT_EMAIL };
		const refused = await credentialTest({ ...base, privateKey: stranger });
		expect(refused).toEqual({ status: 'Error', message: expect.stringMatching(/^BigQuery: Google refused the service account \(invalid_grant: Invalid JWT Signature.\)/) });
		expect(await credentialTest({ ...base, privateKey: 'not a key' })).toEqual({ status: 'Error', message: expect.stringMatching(/not a PEM key/) });
		expect(await credentialTest({ ...bq.credentials().orderStoreBigQueryApi, serviceAccountSecret: '{"type": "service_account"' })).toEqual({ status: 'Error', message: expect.stringMatching(/not valid JSON/) });
		const foreign = await credentialTest({ ...bq.credentials().orderStoreBigQueryApi, projectId: 'someone-else' });
		expect(foreign).toEqual({ status: 'Error', message: expect.stringMatching(/Access Denied: Project someone-else/) });
		for (const result of [refused, foreign]) expect(JSON.stringify(result)).not.toContain('PRIVATE KEY');
	});

	it('a node run without a valid token is refused by the simulator (401), and a fresh token is fetched once', async () => {
		await bq.ensureSchema();
		bq.sim.server.state.tokens = {}; // as if the simulator restarted: every issued token is unknown
		const result = await bq.run({ resource: 'order', operation: 'get', orderKey: 'email:x:1' });
		expect(result.error(NODE)).toBeUndefined();
		const statuses = bq.sim.server.requests.slice(-3).map((request) => `${request.path.replace(/.*\//, '')} ${request.status}`);
		expect(statuses).toEqual(['queries 401', 'token 200', 'queries 200']);
	});
});
