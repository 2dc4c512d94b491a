/**
 * The shipped ManyChat catalog workflow (workflows/manychat-catalog.json) in the real n8n 2.41.0:
 * ManyChat's External Request (the subscriber's full contact data, as ManyChat sends it) reaches the
 * production webhook; the answer is a dynamic block v2 gallery of the Shopify simulator's published
 * products, well inside ManyChat's ~10 s limit, and each request is one client touch in BigQuery.
 * The webhook answers only a request with the `X-Shop-Sync-Token` header (n8n's Header Auth).
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CONTENT_LIMITS } from '../../nodes/ManyChat/helpers/content';
import { DEV_CATALOG_WEBHOOK_HEADER, simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import { SUBSCRIBER_CAROL, type ManyChatState } from '../../simulators/manychat/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import { ensureCrmSchema } from '../support/crmSchema';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncCatalog';
/** ManyChat gives up on an External Request after about 10 seconds (research notes, pitfall 20). */
const MANYCHAT_TIMEOUT_MS = 10_000;
/** What ManyChat's External Request sends besides the contact: the header the webhook's Header Auth checks. */
const TOKEN_HEADER = { [DEV_CATALOG_WEBHOOK_HEADER.name]: DEV_CATALOG_WEBHOOK_HEADER.value };

interface Card {
	title: string;
	subtitle?: string;
	image_url?: string;
	action_url?: string;
	buttons: Array<{ type: string; caption: string; url: string }>;
}

describe('Shipped workflow: ManyChat product catalog (External Request → dynamic block) + client touch', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const shopifyUrl = () => (simulators.shopify as unknown as { url: string }).url;
	const bigquery = () => simulators.bigquery as unknown as { state: BigQueryState };
	const manychat = () => simulators.manychat as unknown as { state: ManyChatState };
	const touchRows = () => bigquery().state.tables[`${SIMULATOR_PROJECT_ID}.crm.client_touches`]?.rows ?? [];
	const url = () => `${n8n.baseUrl}/webhook/shop-sync/manychat-catalog`;

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-catalog-'));
		simulators = await startSimulators();
		const urls = simulatorUrls(simulators);
		// What an admin does once: run "Set Up CRM Tables (Once)" (here: the same node, same credential).
		await ensureCrmSchema(simulatorCredentials(urls));
		n8n = await N8nInstance.launch({ userFolder, workflowDirs: [join(ROOT, 'workflows')], publish: [WORKFLOW], credentials: simulatorCredentials(urls), log: (line) => process.stdout.write(`[e2e catalog] ${line}\n`) });
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('answers with a gallery of the published products and records each request as a touch of the same client', async () => {
		// The store's catalog "as in the Shopify admin": three published products, one draft (not shown).
		const products = [
			{ title: 'Rose Serum 30ml', imageUrl: 'https://cdn.example.com/rose-serum.jpg', variants: [{ price: '24.50', sku: 'SER-30' }, { price: '39.00', sku: 'SER-50' }] },
			{ title: 'Night Cream', imageUrl: 'https://cdn.example.com/night-cream.png', variants: [{ price: '31.00', sku: 'CRM-50' }] },
			{ title: 'Lip Balm', imageUrl: 'https://cdn.example.com/lip-balm.jpg', variants: [{ price: '6.90', sku: 'LIP-1' }] },
			{ title: 'Secret Launch', status: 'draft', imageUrl: 'https://cdn.example.com/secret.jpg', variants: [{ price: '99.00' }] },
		];
		for (const product of products) expect((await axios.post(`${shopifyUrl()}/__sim/shops/a/products`, product)).status).toBe(201);

		// ManyChat's "Full Contact Data": the subscriber object, as ManyChat holds it.
		const contact = structuredClone(manychat().state.subscribers[SUBSCRIBER_CAROL]);
		const ask = async () => {
			const started = Date.now();
			const response = await axios.post(url(), contact, { headers: TOKEN_HEADER, validateStatus: () => true, timeout: 30_000 });
			return { response, ms: Date.now() - started };
		};

		const first = await ask();
		expect(first.response.status).toBe(200);
		expect(first.response.headers['content-type']).toMatch(/application\/json/);
		expect(first.ms).toBeLessThan(MANYCHAT_TIMEOUT_MS);
		const block = first.response.data as { version: string; content: { messages: Array<{ type: string; image_aspect_ratio?: string; elements: Card[] }> } };
		expect(block.version).toBe('v2');
		expect(block.content.messages).toHaveLength(1);
		const [gallery] = block.content.messages;
		expect(gallery.type).toBe('cards');
		expect(gallery.elements.length).toBeLessThanOrEqual(CONTENT_LIMITS.cardsPerGallery);
		const published = products.filter((product) => product.status !== 'draft');
		expect(gallery.elements.map((card) => card.title).sort()).toEqual(published.map((product) => product.title).sort());
		for (const product of published) {
			const card = gallery.elements.find((candidate) => candidate.title === product.title)!;
			const handle = product.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
			const url = `https://shop-sync-a.myshopify.com/products/${handle}`;
			const lowest = product.variants.map((variant) => Number(variant.price)).sort((a, b) => a - b)[0].toFixed(2);
			expect(card).toEqual({ title: product.title, subtitle: `${lowest} EUR`, image_url: product.imageUrl, action_url: url, buttons: [{ type: 'url', caption: 'View product', url }] });
		}

		await new Promise((resolve) => setTimeout(resolve, 1100)); // a later moment: a distinct touch
		const second = await ask();
		expect(second.response.status).toBe(200);
		expect(second.ms).toBeLessThan(MANYCHAT_TIMEOUT_MS);
		expect(second.response.data).toEqual(first.response.data);

		// The touch is written after the answer: wait for both.
		const deadline = Date.now() + 60_000;
		while (touchRows().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
		const rows = touchRows();
		expect(rows).toHaveLength(2);
		for (const row of rows) {
			expect(row).toMatchObject({ customer_key: 'carol@example.com', customer_name: 'Carol Shopper', customer_email: 'carol@example.com', customer_phone: '+15550000003', channel: 'chatbot', reference: `manychat:${SUBSCRIBER_CAROL}` });
			expect(JSON.parse(String(row.details))).toMatchObject({ subscriberId: SUBSCRIBER_CAROL, request: 'catalog', productsShown: 3 });
		}
		expect(new Set(rows.map((row) => row.touch_id)).size).toBe(2);
		const times = rows.map((row) => new Date(String(row.touched_at)).getTime()).sort((a, b) => a - b);
		expect(times[1]).toBeGreaterThan(times[0]);
		process.stdout.write(`[e2e catalog] answer times: ${first.ms} ms (first, includes the Shopify token), ${second.ms} ms\n`);
	});

	it('answers 403 without the token header or with a wrong one, with no touch, no Shopify request and no execution', async () => {
		const contact = manychat().state.subscribers[SUBSCRIBER_CAROL];
		const shopify = simulators.shopify;
		const rows = touchRows().length;
		const shopifyRequests = shopify.requests.length;
		const executions = (await n8n.executions(WORKFLOW)).length;
		const attempts: Record<string, Record<string, string>> = {
			'no header': {},
			'empty value': { [DEV_CATALOG_WEBHOOK_HEADER.name]: '' },
			'wrong value': { [DEV_CATALOG_WEBHOOK_HEADER.name]: 'ShopSync-catalog-guess-0000000000000000' },
			'value with a suffix': { [DEV_CATALOG_WEBHOOK_HEADER.name]: `${DEV_CATALOG_WEBHOOK_HEADER.value}x` },
			'right value, other header': { 'X-Shop-Sync-Key': DEV_CATALOG_WEBHOOK_HEADER.value },
		};
		for (const [what, headers] of Object.entries(attempts)) {
			const response = await axios.post(url(), contact, { headers, validateStatus: () => true, timeout: 30_000 });
			expect({ what, status: response.status, gallery: JSON.stringify(response.data).includes('cards') }).toEqual({ what, status: 403, gallery: false });
		}
		// Give a (wrongly) started execution time to reach Shopify and the CRM before looking.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(touchRows()).toHaveLength(rows);
		expect(shopify.requests.length).toBe(shopifyRequests);
		expect((await n8n.executions(WORKFLOW)).length).toBe(executions);
	});
});
