/**
 * The shipped Shopify order-intake workflow (workflows/order-intake-shopify.json) in the real n8n
 * 2.41.0: orders created "in the admin" of stores A, B and C reach n8n as signed orders/create
 * webhooks (some delivered twice), land in the BigQuery simulator once each, in the shared order
 * shape, and each notifies the two managers once through the ManyChat simulator.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import type { ManyChatState } from '../../simulators/manychat/state';
import { until } from '../support/until';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ShopifyState } from '../../simulators/shopify/state';
import { setUpCrmTables } from '../../scripts/lib/manualRun';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncOrderIntake';

describe('Shipped workflow: Shopify order intake → BigQuery + ManyChat', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const shopify = () => simulators.shopify as unknown as { url: string; state: ShopifyState };
	const bigquery = () => simulators.bigquery as unknown as { url: string; state: BigQueryState };
	const manychat = () => simulators.manychat as unknown as { state: ManyChatState };
	const orderRows = () => bigquery().state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? [];
	const notifications = () => (manychat().state as unknown as { deliveries: Array<Record<string, unknown>> }).deliveries;

	const executions = async (status: string) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW, status: [status] }));
		const response = await n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		// An instance too busy to answer counts as busy.
		return response.status === 200 ? response.data.data.count : -1;
	};

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-order-intake-'));
		simulators = await startSimulators();
		const urls = simulatorUrls(simulators);
		n8n = await N8nInstance.launch({ userFolder, workflowDirs: [join(ROOT, 'workflows')], publish: [WORKFLOW], credentials: simulatorCredentials(urls), log: (line) => process.stdout.write(`[e2e order-intake] ${line}\n`) });
		await setUpCrmTables(n8n);
		await until('each store has its orders/create subscription', () =>
			shopify().state.stores.every((store) => store.subscriptions.some((subscription) => subscription.uri.includes('shop-sync-orders-store-'))),
		);
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('stores each new order once in the shared shape and tells both managers once, duplicates included', async () => {
		// Every delivery is sent twice, so the test always sees duplicates.
		await axios.post(`${shopify().url}/__sim/webhooks`, { duplicateRate: 1, reorderWindowMs: 200 });
		const created: Array<{ store: string; id: number; name: string }> = [];
		for (const [index, store] of (['a', 'b', 'c', 'a', 'b', 'c'] as const).entries()) {
			const response = await axios.post(`${shopify().url}/__sim/shops/${store}/orders`, {
				email: `buyer${index}@example.com`,
				lineItems: [
					{ title: 'Serum', sku: 'SER-30', quantity: 2, price: '24.50' },
					{ title: 'Cream', sku: 'CRM-50', quantity: 1, price: '10.00' },
				],
				shippingAddress: { firstName: 'Buyer', lastName: `N${index}`, address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
				shippingLine: { title: 'Standard', code: 'STD', price: '4.90' },
			});
			expect(response.status).toBe(201);
			created.push({ store, id: response.data.id, name: response.data.name });
		}
		await until('six orders stored and twelve notifications sent', async () => {
			await axios.get(`${shopify().url}/__sim/webhooks/idle`);
			return orderRows().length >= 6 && notifications().length >= 12 && (await executions('running')) === 0;
		});
		await new Promise((resolve) => setTimeout(resolve, 2000));

		const deliveries = shopify().state.deliveries.filter((delivery) => delivery.topic === 'orders/create');
		expect(deliveries.length).toBeGreaterThan(6); // duplicates were sent
		expect(orderRows()).toHaveLength(6);
		for (const order of created) {
			const domain = `shop-sync-${order.store}.myshopify.com`;
			const row = orderRows().find((candidate) => candidate.order_key === `shopify:${domain}:${order.id}`);
			expect(row).toMatchObject({ source: 'shopify', service: domain, order_number: order.name, currency: 'EUR' });
			expect(String(row!.total)).toBe('63.90');
			const messages = notifications().filter((notification) => JSON.stringify(notification).includes(`New order ${order.name} in`) && JSON.stringify(notification).includes(domain));
			expect(messages).toHaveLength(2);
			expect(JSON.stringify(messages[0])).toContain('2 × Serum');
			expect(JSON.stringify(messages[0])).toContain('Total: 63.90 EUR');
		}
		expect(notifications()).toHaveLength(12);
		expect(await executions('error')).toBe(0);
	});
});
