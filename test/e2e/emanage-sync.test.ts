/**
 * The shipped eManageCRM sync workflow (workflows/emanage-sync.json) in the real n8n 2.41.0, driven
 * from its real entry points: products and orders created or changed "in the admin" of Shopify store A
 * (signed webhooks from the Shopify simulator), and products changed "in eManageCRM" that the polling
 * trigger picks up (n8n polls at most once a minute, so the eManageCRM steps wait for a poll). Asserts
 * the end state in both simulators, that each Sync App switch stops its lane, and that every write
 * has a bounded number of echoes (no loop).
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LATEST_STABLE_API_VERSION } from '../../nodes/Shopify/transport/apiVersion';
import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { ImportedOrder } from '../../simulators/emanage/orderImport';
import type { EManageState } from '../../simulators/emanage/state';
import type { LoggedRequest } from '../../simulators/frame/types';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import { simulatorAppCredentials, type ShopifyState } from '../../simulators/shopify/state';
import { until } from '../support/until';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncEManageSync';
const FUNNEL = 'fnl_0001';
const STORE_A = 'shop-sync-a.myshopify.com';
/** A poll every minute, plus a loaded machine's slack. */
const POLL_WAIT_MS = 150_000;

type Server = { url: string; state: unknown; requests: readonly LoggedRequest[] };

describe('Shipped workflow: eManageCRM sync (store A products and orders ↔ eManageCRM)', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const shopify = () => simulators.shopify as unknown as Server & { state: ShopifyState };
	const emanage = () => simulators.emanage as unknown as Server & { state: EManageState };
	const storeA = () => shopify().state.stores.find((store) => store.domain === STORE_A)!;
	const emProduct = (sku: string) => emanage().state.products.find((product) => product.sku === sku);
	const shopifyVariant = (sku: string) => storeA().products.flatMap((product) => product.variants).find((variant) => variant.sku === sku);
	const imported = () => emanage().state.orders.filter((order) => (order as Partial<ImportedOrder>).externalReference) as ImportedOrder[];

	/** Writes the workflow made: eManageCRM product creates/updates, Shopify product mutations sent by the node. */
	const writes = () => ({
		emanageCreates: emanage().requests.filter((request) => request.method === 'POST' && request.path === '/products').length,
		emanageUpdates: emanage().requests.filter((request) => request.method === 'PUT' && request.path.startsWith('/products/')).length,
		shopifyPriceUpdates: shopifyMutations('mutation ProductVariantsBulkUpdate'),
		shopifyProductSets: shopifyMutations('mutation ProductSet'),
	});
	const shopifyMutations = (operation: string) =>
		shopify().requests.filter((request) => request.path.endsWith('/graphql.json') && String((request.body as { query?: string })?.query ?? '').includes(operation)).length;
	const polls = () => emanage().requests.filter((request) => request.method === 'GET' && request.path === '/products' && request.query.UpdatedSince !== undefined).length;

	const executions = async (status: string) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW, status: [status] }));
		const response = await n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		return response.status === 200 ? response.data.data.count : -1;
	};
	/** Webhooks delivered and no execution left running. */
	const settled = async () => {
		await axios.get(`${shopify().url}/__sim/webhooks/idle`);
		return (await executions('running')) === 0;
	};
	/** Waits until a poll starts after now and the executions it started have finished. */
	const nextPoll = async () => {
		const before = polls();
		await until('the eManageCRM trigger polls again', () => polls() > before, POLL_WAIT_MS, 500);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		await until('executions finished', settled, 60_000, 500);
	};

	const setFunnel = (settings: Partial<Record<'fulfilledByEManage' | 'keepProductsSynchronized' | 'keepOrdersSynchronized', boolean>>) => {
		// What the shop owner does on the Sync App settings page.
		let funnel = emanage().state.funnels.find((entry) => entry.funnelId === FUNNEL);
		if (!funnel) {
			funnel = { funnelId: FUNNEL, name: 'Store A main funnel', shopDomain: STORE_A, settings: { fulfilledByEManage: false, keepProductsSynchronized: false, keepOrdersSynchronized: false } };
			emanage().state.funnels.push(funnel);
		}
		Object.assign(funnel.settings, settings);
	};

	let adminToken = '';
	/** A price change "in the Shopify admin" (the admin's own app, not the workflow's node). */
	const adminPriceChange = async (sku: string, price: string) => {
		const product = storeA().products.find((entry) => entry.variants.some((variant) => variant.sku === sku))!;
		const variant = product.variants.find((entry) => entry.sku === sku)!;
		const response = await axios.post(
			`${shopify().url}/shops/${STORE_A}/admin/api/${LATEST_STABLE_API_VERSION}/graphql.json`,
			{
				query: 'mutation AdminPriceChange($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { userErrors { message } } }',
				variables: { productId: `gid://shopify/Product/${product.id}`, variants: [{ id: `gid://shopify/ProductVariant/${variant.id}`, price }] },
			},
			{ headers: { 'x-shopify-access-token': adminToken } },
		);
		expect(response.data.data.productVariantsBulkUpdate.userErrors).toEqual([]);
	};
	const createOrder = async (email: string) => {
		const response = await axios.post(`${shopify().url}/__sim/shops/a/orders`, {
			email,
			lineItems: [{ title: 'Glow Serum - 30ml', sku: 'GLOW-30', quantity: 2, price: '32.50' }],
			shippingAddress: { firstName: 'Ada', lastName: 'Buyer', address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
		});
		expect(response.status).toBe(201);
		return response.data as { id: number; name: string; admin_graphql_api_id: string };
	};

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-emanage-sync-'));
		simulators = await startSimulators();
		setFunnel({ keepProductsSynchronized: true, keepOrdersSynchronized: true, fulfilledByEManage: true });
		const app = simulatorAppCredentials('a');
		const token = await axios.post(`${shopify().url}/shops/${STORE_A}/admin/oauth/access_token`, new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }).toString(), {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		adminToken = token.data.access_token;
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(ROOT, 'workflows')],
			publish: [WORKFLOW],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			log: (line) => process.stdout.write(`[e2e emanage-sync] ${line}\n`),
		});
		await until('store A has the products and orders subscriptions of this workflow', () => {
			const uris = storeA().subscriptions.map((subscription) => subscription.uri).join(' ');
			return uris.includes('shop-sync-emanage-products-store-a') && uris.includes('shop-sync-emanage-orders-store-a');
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('copies a new Shopify product and a Shopify price change into eManageCRM', async () => {
		const created = await axios.post(`${shopify().url}/__sim/shops/a/products`, {
			title: 'Glow Serum',
			variants: [
				{ title: '30ml', sku: 'GLOW-30', price: '30.00' },
				{ title: '50ml', sku: 'GLOW-50', price: '45.00' },
			],
		});
		const variants = created.data.variants as Array<{ sku: string; admin_graphql_api_id: string }>;
		await until('both variants are eManageCRM products', () => emProduct('GLOW-30') !== undefined && emProduct('GLOW-50') !== undefined, 120_000);
		expect(emProduct('GLOW-30')).toMatchObject({ name: 'Glow Serum - 30ml', price: 30, shopifyVariantId: variants.find((variant) => variant.sku === 'GLOW-30')!.admin_graphql_api_id });
		expect(emProduct('GLOW-50')).toMatchObject({ name: 'Glow Serum - 50ml', price: 45, shopifyVariantId: variants.find((variant) => variant.sku === 'GLOW-50')!.admin_graphql_api_id });

		await adminPriceChange('GLOW-30', '32.50');
		await until('the new price reached eManageCRM', () => emProduct('GLOW-30')?.price === 32.5, 120_000);
		await until('executions finished', settled, 60_000, 500);
		expect(emProduct('GLOW-50')!.price).toBe(45);
		expect(writes()).toMatchObject({ emanageCreates: 2, emanageUpdates: 1, shopifyPriceUpdates: 0, shopifyProductSets: 0 });
	});

	it('copies eManageCRM price changes and new products into store A on the next poll, and the echoes stop', async () => {
		const started = Date.now();
		await axios.patch(`${emanage().url}/__sim/products/${emProduct('GLOW-50')!.productId}`, { price: 49 });
		// A product made in eManageCRM (seeded, never in Shopify): the sync creates it in store A.
		await axios.patch(`${emanage().url}/__sim/products/${emProduct('JETF_1')!.productId}`, { price: 52 });
		await until('store A has the eManageCRM price and product', () => shopifyVariant('GLOW-50')?.price === '49.00' && shopifyVariant('JETF_1')?.price === '52.00', POLL_WAIT_MS, 500);
		process.stdout.write(`[e2e emanage-sync] eManageCRM → store A took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		const jet = storeA().products.find((product) => product.variants.some((variant) => variant.sku === 'JETF_1'))!;
		expect(jet).toMatchObject({ title: 'Jet Fuel 1 bottle', handle: 'jetf-1' });

		// Store A's own webhook for the new product links the eManageCRM product to its variant.
		await until('the eManageCRM product is linked to the new variant', () => emProduct('JETF_1')?.shopifyVariantId === `gid://shopify/ProductVariant/${jet.variants[0].id}`, 120_000);
		// That link is an eManageCRM change: the next poll sees it, finds store A equal, and writes nothing.
		await nextPoll();
		await nextPoll();
		expect(shopifyVariant('GLOW-50')!.price).toBe('49.00');
		expect(shopifyVariant('GLOW-30')!.price).toBe('32.50');
		expect(emProduct('GLOW-30')!.price).toBe(32.5);
		expect(emProduct('GLOW-50')!.price).toBe(49);
		expect(storeA().products.filter((product) => product.variants.some((variant) => variant.sku === 'JETF_1'))).toHaveLength(1);
		// One write per change, and one link: GLOW-30 price (1) + JETF_1 link (1) in eManageCRM; one price and one new product in store A.
		expect(writes()).toEqual({ emanageCreates: 2, emanageUpdates: 2, shopifyPriceUpdates: 1, shopifyProductSets: 1 });
	});

	it('imports each new store A order into eManageCRM once, marked for eManageCRM to ship', async () => {
		await axios.post(`${shopify().url}/__sim/webhooks`, { duplicateRate: 1 });
		const order = await createOrder('ada@example.com');
		await until('the order is in eManageCRM', () => imported().some((entry) => entry.externalReference === order.admin_graphql_api_id), 120_000);
		await until('executions finished', settled, 60_000, 500);
		await axios.post(`${shopify().url}/__sim/webhooks`, { duplicateRate: 0 });
		// The only order so far: each of its deliveries was sent twice.
		expect(shopify().state.deliveries.filter((delivery) => delivery.topic === 'orders/create' && delivery.duplicateOf !== undefined).length).toBeGreaterThanOrEqual(1);
		const [entry] = imported();
		expect(imported()).toHaveLength(1);
		expect(entry).toMatchObject({
			externalOrderNumber: order.name,
			source: 'shopify',
			email: 'ada@example.com',
			fulfilledByEManage: true,
			items: [{ sku: 'GLOW-30', quantity: 2, price: 32.5, productId: emProduct('GLOW-30')!.productId }],
		});
		expect(entry.productPrice).toBe(65);
	});

	it('stops each lane when its funnel setting is switched off', async () => {
		setFunnel({ keepOrdersSynchronized: false, keepProductsSynchronized: false });
		const before = writes();
		const successBefore = await executions('success');

		await createOrder('bob@example.com');
		await adminPriceChange('GLOW-50', '55.00');
		await until('both deliveries ran', async () => (await settled()) && (await executions('success')) >= successBefore + 2, 120_000, 500);
		expect(imported()).toHaveLength(1);
		expect(emProduct('GLOW-50')!.price).toBe(49);

		await axios.patch(`${emanage().url}/__sim/products/${emProduct('GLOW-30')!.productId}`, { price: 33 });
		await nextPoll();
		expect(shopifyVariant('GLOW-30')!.price).toBe('32.50');
		expect(writes()).toEqual(before);
		expect(await executions('error')).toBe(0);
		const figures = { ...writes(), webhookDeliveries: shopify().state.deliveries.length, polls: polls(), executions: await executions('success') };
		process.stdout.write(`[e2e emanage-sync] figures ${JSON.stringify(figures)}\n`);
	});
});
