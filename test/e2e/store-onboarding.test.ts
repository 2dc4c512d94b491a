/**
 * The shipped onboarding form (workflows/store-onboarding.json) in the real n8n 2.41.0, walked over
 * HTTP the way n8n's form page script does it in a browser: GET the form, POST each page as
 * multipart/form-data, follow the `formWaitingUrl` the first answer gives, poll
 * `<waiting URL>/n8n-execution-status` until the next page is waiting, GET it, and so on; the last
 * page is the completion screen, which the browser POSTs once to end the execution. Field names
 * (`field-N`) and choices are read from each page's HTML, so the dropdowns must really list the store's
 * products, eManageCRM's campaigns and CTRwow's templates and hosts. Asserts the end state in the
 * eManageCRM and CTRwow simulators and the settings link on the last page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import axios from 'axios';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { CtrwowState } from '../../simulators/ctrwow/state';
import { SIM_UPSELL_WEB_KEY, SIM_WEB_KEY, type EManageState, SIM_CLIENT_ID } from '../../simulators/emanage/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import { until } from '../support/until';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncOnboarding';
const STORE_A = 'shop-sync-a.myshopify.com';

interface Field {
	id: string;
	label: string;
	options: string[];
}

const decode = (text: string) =>
	text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The fields of a rendered n8n form page: `field-N`, its label and its choices (dropdown or checkboxes). */
function formFields(html: string): Field[] {
	const fields: Field[] = [];
	const label = /<label class='form-label[^']*'(?: for='(field-\d+)')?>([^<]*)<\/label>/g;
	const labels = [...html.matchAll(label)];
	for (const [index, match] of labels.entries()) {
		const end = index + 1 < labels.length ? labels[index + 1].index : html.length;
		const chunk = html.slice(match.index, end);
		const id = match[1] ?? /id='(field-\d+)'/.exec(chunk)?.[1];
		if (!id) continue;
		const options = [...chunk.matchAll(/<option value='([^']+)'/g), ...chunk.matchAll(/class='multiselect-checkbox' id='[^']*' value='([^']+)'/g)].map((option) => decode(option[1]));
		fields.push({ id, label: decode(match[2].trim()), options });
	}
	return fields;
}

describe('Shipped workflow: store onboarding and first funnel (multi-page form)', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const emanage = () => simulators.emanage as unknown as { url: string; state: EManageState };
	const ctrwow = () => simulators.ctrwow as unknown as { url: string; state: CtrwowState };
	const shopifyUrl = () => (simulators.shopify as unknown as { url: string }).url;

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-onboarding-'));
		simulators = await startSimulators();
		// The store's catalogue: Jet Fuel is already an eManageCRM product (seeded SKU JETF_1), the others are not.
		for (const product of [
			{ title: 'Jet Fuel', variants: [{ sku: 'JETF_1', price: '49.95' }] },
			{ title: 'Glow Serum', variants: [{ title: '30ml', sku: 'GLOW-30', price: '30.00' }, { title: '50ml', sku: 'GLOW-50', price: '45.00' }] },
			{ title: 'Night Cream', variants: [{ sku: 'NIGHT-1', price: '19.90' }] },
			{ title: 'Gift Card', variants: [{ price: '25.00' }] },
		]) {
			await axios.post(`${shopifyUrl()}/__sim/shops/a/products`, product);
		}
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(ROOT, 'workflows')],
			publish: [WORKFLOW],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			log: (line) => process.stdout.write(`[e2e onboarding] ${line}\n`),
		});
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	/** POSTs a page as the browser does: multipart/form-data, one `field-N` per field, checkboxes as a JSON array. */
	const submit = async (url: string, fields: Field[], values: Record<string, string | string[]>) => {
		const body = new FormData();
		for (const [label, value] of Object.entries(values)) {
			const field = fields.find((entry) => entry.label === label);
			if (!field) throw new Error(`The page has no field "${label}"; it has: ${fields.map((entry) => entry.label).join(', ')}`);
			body.append(field.id, Array.isArray(value) ? JSON.stringify(value) : value);
		}
		return await fetch(url, { method: 'POST', body, redirect: 'manual' });
	};
	/** Polls the execution status the way the page script does, until the next page waits (or the run ended). */
	const nextPage = async (waitingUrl: URL) => {
		const status = new URL(waitingUrl);
		status.pathname += '/n8n-execution-status';
		let text = '';
		await until(
			'the next form page is waiting',
			async () => {
				text = (await (await fetch(status)).text()).trim();
				return ['form-waiting', 'success', 'error', 'canceled', 'crashed'].includes(text);
			},
			120_000,
			300,
		);
		expect(text).toBe('form-waiting');
		const page = await fetch(waitingUrl);
		expect(page.status).toBe(200);
		return await page.text();
	};
	const choose = (fields: Field[], label: string, includes: string) => {
		const options = fields.find((field) => field.label === label)?.options ?? [];
		const option = options.find((entry) => entry.includes(includes));
		if (!option) throw new Error(`"${label}" offers no choice with "${includes}"; it offers: ${options.join(' | ')}`);
		return option;
	};

	it('signs the shop up, links CTRwow, builds and publishes the funnel, and ends on the settings link', async () => {
		const started = Date.now();
		const formUrl = `${n8n.baseUrl}/form/shop-sync-onboarding`;
		const first = await fetch(formUrl);
		expect(first.status).toBe(200);
		const page1 = formFields(await first.text());
		expect(page1.map((field) => field.label)).toEqual(['Owner Email', 'eManageCRM Subscription']);

		const answer = await submit(formUrl, page1, { 'Owner Email': 'owner@shop-sync-a.example', 'eManageCRM Subscription': choose(page1, 'eManageCRM Subscription', 'shared') });
		expect(answer.status).toBe(200);
		const waitingUrl = new URL(((await answer.json()) as { formWaitingUrl: string }).formWaitingUrl);
		waitingUrl.host = new URL(n8n.baseUrl).host;

		// Page 2: campaign. The sign-up and the CTRwow link happened before it.
		const page2 = formFields(await nextPage(waitingUrl));
		expect(emanage().state.shops).toEqual([expect.objectContaining({ shopDomain: STORE_A, ownerEmail: 'owner@shop-sync-a.example', instance: 'shared', ctrwowAccountId: ctrwow().state.account.id })]);
		expect(page2.find((field) => field.label === 'Campaign')!.options).toEqual(emanage().state.campaigns.map((campaign) => `${campaign.name} (#${campaign.campaignId})`));
		await submit(waitingUrl.toString(), page2, { 'Funnel Name': 'Jet Fuel – Spring', Campaign: choose(page2, 'Campaign', '#17'), 'Funnel Path': '/spring' });

		// Page 3: main product, from the store's products (variants with a SKU only).
		const page3 = formFields(await nextPage(waitingUrl));
		const productChoices = page3.find((field) => field.label === 'Main Product')!.options;
		expect(productChoices).toEqual(expect.arrayContaining(['Jet Fuel (SKU JETF_1)', 'Glow Serum – 30ml (SKU GLOW-30)', 'Glow Serum – 50ml (SKU GLOW-50)', 'Night Cream (SKU NIGHT-1)']));
		expect(productChoices.some((choice) => choice.startsWith('Gift Card'))).toBe(false);
		await submit(waitingUrl.toString(), page3, { 'Main Product': choose(page3, 'Main Product', 'JETF_1') });

		// Page 4: upsells, in order, and the upsell campaign.
		const page4 = formFields(await nextPage(waitingUrl));
		await submit(waitingUrl.toString(), page4, {
			'Upsell Products': [choose(page4, 'Upsell Products', 'GLOW-30'), choose(page4, 'Upsell Products', 'NIGHT-1')],
			'Upsell Campaign': choose(page4, 'Upsell Campaign', '#18'),
		});

		// Page 5: template and host, listed from CTRwow.
		const page5 = formFields(await nextPage(waitingUrl));
		expect(page5.find((field) => field.label === 'Template')!.options).toHaveLength(ctrwow().state.templates.length);
		expect(page5.find((field) => field.label === 'Host')!.options).toEqual(ctrwow().state.hostOptions.map((host) => `${host.domain} (${host.id})`));
		await submit(waitingUrl.toString(), page5, { Template: choose(page5, 'Template', '(tpl_002)'), Host: choose(page5, 'Host', 'host_custom') });

		// Last page: the completion screen with the signed-in settings link.
		const last = await nextPage(waitingUrl);
		const seconds = (Date.now() - started) / 1000;
		process.stdout.write(`[e2e onboarding] form walked in ${seconds.toFixed(1)} s\n`);

		const [funnel] = ctrwow().state.funnels;
		expect(ctrwow().state.funnels).toHaveLength(1);
		const glow = emanage().state.products.find((product) => product.sku === 'GLOW-30');
		const night = emanage().state.products.find((product) => product.sku === 'NIGHT-1');
		expect(glow).toMatchObject({ name: 'Glow Serum - 30ml', price: 30, shopifyVariantId: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\/\d+$/) });
		expect(night).toMatchObject({ name: 'Night Cream', price: 19.9 });
		expect(emanage().state.products.filter((product) => product.sku === 'JETF_1')).toHaveLength(1); // found, not created again
		expect(funnel).toMatchObject({
			name: 'Jet Fuel – Spring',
			status: 'published',
			templateId: 'tpl_002',
			hostOptionId: 'host_custom',
			url: 'https://www.ultraradianceskin.com/spring',
			campaign: { webKey: SIM_WEB_KEY, cid: SIM_CLIENT_ID, offerName: 'Ultra Radiance EN 89 List', offerId: 17 },
			mainProduct: { productId: 301 },
			upsells: [
				{ position: 1, webKey: SIM_UPSELL_WEB_KEY, productId: glow!.productId },
				{ position: 2, webKey: SIM_UPSELL_WEB_KEY, productId: night!.productId },
			],
		});
		expect(funnel.publishedAt).not.toBeNull();
		expect(emanage().state.funnels).toEqual([expect.objectContaining({ funnelId: funnel.id, settings: { fulfilledByEManage: true, keepProductsSynchronized: true, keepOrdersSynchronized: true } })]);

		const tokens = Object.entries(emanage().state.settingsTokens);
		expect(tokens).toHaveLength(1);
		const [token, issued] = tokens[0];
		expect(issued).toEqual({ shopDomain: STORE_A, funnelId: funnel.id });
		const link = `${emanage().url}/settings?shop=${encodeURIComponent(STORE_A)}&funnel=${funnel.id}&token=${token}`;
		expect(decode(last)).toContain(`href="${link}"`);
		expect(decode(last)).toContain('Your funnel is live');

		// The browser posts the completion page once; that ends the execution.
		const end = await fetch(waitingUrl, { method: 'POST', body: new FormData() });
		expect(end.status).toBe(200);
		await until('the onboarding execution succeeded', async () => (await n8n.executions(WORKFLOW)).some((execution) => execution.status === 'success'), 60_000, 500);
		expect((await n8n.executions(WORKFLOW)).filter((execution) => execution.status === 'error')).toHaveLength(0);
	});
});
