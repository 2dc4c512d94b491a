/**
 * The Shopify trigger in the real n8n 2.41.0, against the Shopify simulator over real HTTP:
 * publishing subscribes, a customer created "in the admin" of store A reaches n8n signed and with
 * its delivery metadata, forged and repeated deliveries start nothing (also after a restart), and
 * unpublishing unsubscribes.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { signShopifyBody } from '../../nodes/Shopify/helpers/webhookSignature';
import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { freePort } from '../../scripts/lib/freePort';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { until } from '../support/until';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ShopifyState } from '../../simulators/shopify/state';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'e2eShopifyTrigger';
const STORE_A = 'shop-sync-a.myshopify.com';

describe('Shopify Admin Trigger in n8n 2.41.0', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance | undefined;
	let port: number;
	const shopify = () => simulators.shopify as unknown as { url: string; state: ShopifyState };
	const storeA = () => shopify().state.stores.find((store) => store.domain === STORE_A)!;
	const launch = async () =>
		await N8nInstance.launch({
			userFolder,
			port,
			workflowDirs: [join(__dirname, 'shopify-workflows')],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			env: process.env.E2E_N8N_LOG_LEVEL ? { N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL } : undefined,
			log: (line) => process.stdout.write(`[e2e shopify] ${line}\n`),
		});
	const idle = async () => await axios.get(`${shopify().url}/__sim/webhooks/idle`);
	const executions = async () => await n8n!.executions(WORKFLOW);
	const waitForExecutions = async (count: number) => {
		for (let attempt = 0; attempt < 100; attempt++) {
			const list = await executions();
			if (list.length >= count && list.every((execution) => execution.status !== 'running' && execution.status !== 'new')) return list;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		return await executions();
	};

	/**
	 * n8n publishes workflows in the background after start: wait until our webhook answers and
	 * its subscriptions exist (n8n stores the webhook before it calls the node's create method).
	 */
	const webhookRegistered = async () => {
		await until('the trigger is registered', async () => {
			const probe = await axios.post(`${n8n!.baseUrl}/webhook/e2e-shopify-store-a/webhook`, '{}', { headers: { 'content-type': 'application/json' }, validateStatus: () => true });
			return probe.status === 401;
		});
		await until('the subscriptions exist', () => storeA().subscriptions.length === 3);
		// The activation saves the trigger's static data (subscription IDs) last; let it finish.
		await new Promise((resolve) => setTimeout(resolve, 1000));
	};

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-shopify-'));
		simulators = await startSimulators({ names: ['shopify'] });
		port = await freePort();
		n8n = await launch();
		await webhookRegistered();
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('subscribes one webhook per topic when the workflow is published', () => {
		const subscriptions = storeA().subscriptions;
		expect(subscriptions.map((subscription) => subscription.topic).sort()).toEqual(['CUSTOMERS_CREATE', 'CUSTOMERS_DELETE', 'CUSTOMERS_UPDATE']);
		expect(new Set(subscriptions.map((subscription) => subscription.uri))).toEqual(new Set([`http://localhost:${port}/webhook/e2e-shopify-store-a/webhook`]));
	});

	it('starts the workflow for a customer created in store A, with the delivery metadata', async () => {
		// The payload version is the app's configured webhooks version, not the credential's (2026-10)
		// with which the trigger subscribed.
		await axios.post(`${shopify().url}/__sim/shops/a/app`, { webhooksApiVersion: '2026-07' });
		const created = await axios.post(`${shopify().url}/__sim/shops/a/customers`, { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
		expect(created.status).toBe(201);
		await idle();
		const delivery = shopify().state.deliveries.find((entry) => entry.topic === 'customers/create')!;
		expect(delivery).toMatchObject({ delivered: true, lastStatus: 200, attempts: 1 });

		const [execution] = await waitForExecutions(1);
		const { data } = await n8n!.execution(execution.id);
		const item = data.resultData.runData['Received'][0].data!.main[0]![0].json;
		expect(item).toMatchObject({
			topic: 'customers/create',
			shopDomain: STORE_A,
			webhookId: delivery.webhookId,
			eventId: delivery.eventId,
			apiVersion: '2026-07',
			payload: { id: created.data.id, email: 'ada@example.com', first_name: 'Ada', admin_graphql_api_id: `gid://shopify/Customer/${created.data.id}` },
		});
		expect(typeof item.triggeredAt).toBe('string');
	});

	const signedPost = async (body: string, headers: Record<string, string>) =>
		await axios.post(`${n8n!.baseUrl}/webhook/e2e-shopify-store-a/webhook`, body, {
			headers: { 'content-type': 'application/json', ...headers },
			validateStatus: () => true,
		});

	const deliveryHeaders = (body: string, webhookId: string, secret = storeA().clientSecret) => ({
		'x-shopify-topic': 'customers/update',
		'x-shopify-hmac-sha256': signShopifyBody(body, secret),
		'x-shopify-shop-domain': STORE_A,
		'x-shopify-api-version': '2026-10',
		'x-shopify-webhook-id': webhookId,
		'x-shopify-event-id': 'event-1',
		'x-shopify-triggered-at': new Date().toISOString(),
	});

	it('answers 401 to forged signatures and 403 to another shop, and starts nothing', async () => {
		const before = (await executions()).length;
		const body = JSON.stringify({ id: 1, email: 'eve@example.com' });
		const forged = await signedPost(body, deliveryHeaders(body, 'forged-1', 'not-the-secret'));
		const tampered = await signedPost(body.replace('eve', 'mallory'), deliveryHeaders(body, 'forged-2'));
		const unsigned = await signedPost(body, { ...deliveryHeaders(body, 'forged-3'), 'x-shopify-hmac-sha256': '' });
		const otherShop = await signedPost(body, { ...deliveryHeaders(body, 'forged-4'), 'x-shopify-shop-domain': 'someone-else.myshopify.com' });
		expect([forged.status, tampered.status, unsigned.status, otherShop.status]).toEqual([401, 401, 401, 403]);
		expect(JSON.stringify([forged.data, otherShop.data])).not.toContain('sim-client-secret');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await executions()).length).toBe(before);
	});

	it('drops a repeated delivery, also after n8n restarts', async () => {
		const before = (await waitForExecutions(1)).length;
		const body = JSON.stringify({ id: 2, email: 'dup@example.com', first_name: 'Dup' });
		const headers = deliveryHeaders(body, 'dup-webhook-1');
		const first = await signedPost(body, headers);
		const second = await signedPost(body, headers);
		expect(first.status).toBe(200);
		expect(first.data).toEqual({ received: true, webhookId: 'dup-webhook-1' });
		expect(second.status).toBe(200);
		expect(second.data).toEqual({ duplicate: true, webhookId: 'dup-webhook-1' });
		expect((await waitForExecutions(before + 1)).length).toBe(before + 1);

		await n8n!.stop();
		n8n = await launch();
		await webhookRegistered();
		const afterRestart = await signedPost(body, headers);
		expect(afterRestart.status).toBe(200);
		expect(afterRestart.data).toEqual({ duplicate: true, webhookId: 'dup-webhook-1' });
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await executions()).length).toBe(before + 1);
		// The restart re-registered nothing twice.
		expect(storeA().subscriptions).toHaveLength(3);
	});

	it("tests the credential the way the editor's Test button does: client credentials, static token, wrong secret", async () => {
		const base = { shopDomain: STORE_A, apiVersion: '2026-10', baseUrl: `${shopify().url}/shops/${STORE_A}`, webhookSecret: '', previousWebhookSecret: '', sessionToken: '', sessionTokenExpiresAt: 0 };
		// As in the editor: the credential is saved, then tested (a token fetched for it is kept with it).
		let serial = 0;
		const test = async (data: Record<string, unknown>) => {
			const saved = await n8n!.rest<{ data: { id: string; name: string } }>('POST', '/rest/credentials', { name: `Shopify check ${++serial}`, type: 'shopifyAdminApi', data: { ...base, ...data } });
			expect(saved.status).toBe(200);
			const { id, name } = saved.data.data;
			const result = await n8n!.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', { credentials: { id, name, type: 'shopifyAdminApi', data: { ...base, ...data } } });
			return result.data.data;
		};
		expect(await test({ authentication: 'clientCredentials', clientId: storeA().clientId, clientSecret: storeA().clientSecret })).toEqual({ status: 'OK', message: expect.any(String) });
		expect(await test({ authentication: 'accessToken', accessToken: storeA().staticToken })).toEqual({ status: 'OK', message: expect.any(String) });
		const wrong = await test({ authentication: 'clientCredentials', clientId: storeA().clientId, clientSecret: 'wrong-secret-0000000000' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(/client credentials|invalid_client|401|400/i);
		expect(wrong.message).not.toContain('wrong-secret-0000000000');
		const badToken = await test({ authentication: 'accessToken', accessToken: 'shpat_not_a_real_token_000000' });
		expect(badToken.status).toBe('Error');
		expect(badToken.message).not.toContain('shpat_not_a_real_token_000000');
	});

	it('removes the subscriptions when the workflow is unpublished', async () => {
		const response = await n8n!.rest('POST', `/rest/workflows/${WORKFLOW}/deactivate`, {});
		expect(response.status).toBe(200);
		await until('the subscriptions are removed', () => storeA().subscriptions.length === 0);
		expect(storeA().subscriptions).toEqual([]);
		const after = await axios.post(`${n8n!.baseUrl}/webhook/e2e-shopify-store-a/webhook`, '{}', { headers: { 'content-type': 'application/json' }, validateStatus: () => true });
		expect(after.status).toBe(404);
	});
});
