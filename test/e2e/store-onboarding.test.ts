/**
 * The shipped onboarding form (workflows/store-onboarding.json) in the real n8n 2.41.0, walked over
 * HTTP the way n8n's form page script does it in a browser: GET the form, POST each page as
 * multipart/form-data, follow the `formWaitingUrl` the first answer gives, poll
 * `<waiting URL>/n8n-execution-status` until the next page is waiting, GET it, and so on; the last
 * page is the completion screen, which the browser POSTs once to end the execution. Field names
 * (`field-N`) and choices are read from each page's HTML, so the dropdowns must really list the store's
 * products, eManageCRM's campaigns and CTRwow's templates and hosts. Asserts the end state in the
 * eManageCRM and CTRwow simulators and the settings link on the last page.
 *
 * The owner's form opens only through an invitation the admin form (n8n Basic Auth) creates: a
 * missing, forged, expired or used one ends on "Invitation not valid" before any vendor request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import axios from 'axios';

import { signInvitation } from '../../nodes/EManageCrm/helpers/invitation';
import { DEV_ADMIN_FORM_LOGIN, DEV_INVITATION_SECRET, simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { CtrwowState } from '../../simulators/ctrwow/state';
import { SIM_UPSELL_WEB_KEY, SIM_WEB_KEY, type EManageState, SIM_CLIENT_ID } from '../../simulators/emanage/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import { until } from '../support/until';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncOnboarding';
const STORE_A = 'shop-sync-a.myshopify.com';
const OWNER = 'owner@shop-sync-a.example';
const basicAuth = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
const ADMIN = basicAuth(DEV_ADMIN_FORM_LOGIN.user, DEV_ADMIN_FORM_LOGIN.password);

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
	const submit = async (url: string, fields: Field[], values: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
		const body = new FormData();
		for (const [label, value] of Object.entries(values)) {
			const field = fields.find((entry) => entry.label === label);
			if (!field) throw new Error(`The page has no field "${label}"; it has: ${fields.map((entry) => entry.label).join(', ')}`);
			body.append(field.id, Array.isArray(value) ? JSON.stringify(value) : value);
		}
		return await fetch(url, { method: 'POST', body, headers, redirect: 'manual' });
	};
	/** The follow-up pages' URL (with n8n's `signature`) that the answer to a form's first page gives. */
	const waitingUrlOf = async (answer: Response) => {
		expect(answer.status).toBe(200);
		const url = new URL(((await answer.json()) as { formWaitingUrl: string }).formWaitingUrl);
		url.host = new URL(n8n.baseUrl).host;
		return url;
	};
	/** Requests n8n sent to the vendors (simulator control calls are not logged). */
	const vendorRequests = () => ['emanage', 'ctrwow', 'shopify'].reduce((sum, name) => sum + simulators[name].requests.length, 0);
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
	/** The browser's last step on a completion page: one POST, which ends the execution. */
	const finish = async (waitingUrl: URL) => expect((await fetch(waitingUrl, { method: 'POST', body: new FormData() })).status).toBe(200);
	/** Waits until the execution behind a `/form-waiting/<id>` URL succeeded. */
	const succeeded = async (waitingUrl: URL) => {
		const id = waitingUrl.pathname.split('/').pop()!;
		await until(`execution ${id} succeeded`, async () => (await n8n.execution(id)).status === 'success', 60_000, 500);
	};

	/** What the admin does: the invitation form behind n8n's Basic Auth, then the link its last page shows. */
	const invite = async (shopDomain: string, ownerEmail: string) => {
		const url = `${n8n.baseUrl}/form/shop-sync-onboarding-invitation`;
		const page = await fetch(url, { headers: ADMIN });
		expect(page.status).toBe(200);
		const fields = formFields(await page.text());
		expect(fields.map((field) => field.label)).toEqual(['Shop Domain', 'Owner Email']);
		const waitingUrl = await waitingUrlOf(await submit(url, fields, { 'Shop Domain': shopDomain, 'Owner Email': ownerEmail }, ADMIN));
		const last = decode(await nextPage(waitingUrl));
		await finish(waitingUrl);
		await succeeded(waitingUrl);
		return { page: last, link: /href="([^"]+)"/.exec(last)?.[1] };
	};
	/** What the owner does first: open the link, choose the instance, submit. Returns the follow-up pages' URL. */
	const startOnboarding = async (formUrl: string) => {
		const first = await fetch(formUrl);
		expect(first.status).toBe(200);
		const page1 = formFields(await first.text());
		expect(page1.map((field) => field.label)).toEqual(['eManageCRM Subscription']);
		return await waitingUrlOf(await submit(formUrl, page1, { 'eManageCRM Subscription': choose(page1, 'eManageCRM Subscription', 'shared') }));
	};

	it('lets only the admin login open the invitation form', async () => {
		const url = `${n8n.baseUrl}/form/shop-sync-onboarding-invitation`;
		const before = (await n8n.executions(WORKFLOW)).length;
		expect((await fetch(url)).status).toBe(401);
		expect((await fetch(url, { headers: basicAuth(DEV_ADMIN_FORM_LOGIN.user, 'wrong-password') })).status).toBe(401);
		expect((await fetch(url, { headers: basicAuth('manager', DEV_ADMIN_FORM_LOGIN.password) })).status).toBe(401);
		const forged = new FormData();
		forged.append('field-0', STORE_A);
		forged.append('field-1', 'attacker@evil.example');
		expect((await fetch(url, { method: 'POST', body: forged })).status).toBe(401);
		expect((await n8n.executions(WORKFLOW)).length).toBe(before);
	});

	it('creates no invitation for a store the workflow does not onboard', async () => {
		const { page, link } = await invite('another-shop.myshopify.com', OWNER);
		expect(page).toContain('Not the store this form onboards');
		expect(page).toContain(`This workflow onboards ${STORE_A}`);
		expect(link).toBeUndefined();
	});


	it('signs the shop up, links CTRwow, builds and publishes the funnel, and ends on the settings link', async () => {
		const started = Date.now();
		// The admin's invitation: the owner's form URL with a signed token that expires in 72 hours.
		const { page: invitationPage, link: invitation } = await invite(STORE_A, OWNER);
		expect(invitationPage).toContain('Invitation created');
		const formUrl = `${n8n.baseUrl}/form/shop-sync-onboarding`;
		expect(invitation?.startsWith(`${formUrl}?invitation=`)).toBe(true);
		expect(new URL(invitation!).searchParams.get('invitation')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
		const expiresAt = new Date(/expires ([0-9T:.Z-]+):/.exec(invitationPage)![1]).getTime();
		expect(Math.abs(expiresAt - (Date.now() + 72 * 3600_000))).toBeLessThan(5 * 60_000);

		const waitingUrl = await startOnboarding(invitation!);

		// Page 2: campaign. The sign-up (shop and owner from the invitation) and the CTRwow link happened before it.
		const page2 = formFields(await nextPage(waitingUrl));
		expect(emanage().state.shops).toEqual([expect.objectContaining({ shopDomain: STORE_A, ownerEmail: OWNER, instance: 'shared', ctrwowAccountId: ctrwow().state.account.id })]);
		// n8n's follow-up pages need the session's signature: a stranger with the execution ID gets none of them.
		const bare = new URL(waitingUrl.pathname, n8n.baseUrl);
		expect((await fetch(bare)).status).toBe(401);
		expect((await fetch(`${bare.toString()}?signature=${'0'.repeat(64)}`)).status).toBe(401);
		expect((await fetch(`${bare.toString()}/n8n-execution-status`)).status).toBe(401);
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

		// Only the invited session sees the settings link: without the signature the same page answers 401.
		const stranger = await fetch(bare);
		expect(stranger.status).toBe(401);
		expect(await stranger.text()).not.toContain(token);

		// The browser posts the completion page once; that ends the execution.
		await finish(waitingUrl);
		await succeeded(waitingUrl);
		expect((await n8n.executions(WORKFLOW)).filter((execution) => execution.status === 'error')).toHaveLength(0);
	});

	it('ends a missing, forged, tampered, expired or used invitation on "Invitation not valid", before any vendor request', async () => {
		const formUrl = `${n8n.baseUrl}/form/shop-sync-onboarding`;
		const inAnHour = Math.floor(Date.now() / 1000) + 3600;
		const { link } = await invite(STORE_A, OWNER);
		const [payload, signature] = new URL(link!).searchParams.get('invitation')!.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
		const otherOwner = Buffer.from(JSON.stringify({ ...claims, email: 'attacker@evil.example' })).toString('base64url');

		// Used: a real invitation's session signs up; the same link then opens nothing more.
		const used = await startOnboarding(link!);
		expect(formFields(await nextPage(used)).map((field) => field.label)).toContain('Campaign');

		const attempts: Record<string, string> = {
			'no invitation': formUrl,
			'signed with another secret': `${formUrl}?invitation=${signInvitation('an-attacker-secret-of-sufficient-length-0123', { shopDomain: STORE_A, ownerEmail: 'attacker@evil.example', expiresAt: inAnHour, workflowId: WORKFLOW }).token}`,
			'another owner under the real signature': `${formUrl}?invitation=${otherOwner}.${signature}`,
			expired: `${formUrl}?invitation=${signInvitation(DEV_INVITATION_SECRET, { shopDomain: STORE_A, ownerEmail: OWNER, expiresAt: Math.floor(Date.now() / 1000) - 60, workflowId: WORKFLOW }).token}`,
			'an oversized invitation': `${formUrl}?invitation=${'A'.repeat(4000)}`,
			'already used': link!,
		};
		const shops = structuredClone(emanage().state.shops);
		for (const [what, url] of Object.entries(attempts)) {
			const requests = vendorRequests();
			const answer = await submit(url, [{ id: 'field-0', label: 'eManageCRM Subscription', options: [] }], { 'eManageCRM Subscription': 'Use the shared eManageCRM instance' });
			const waitingUrl = await waitingUrlOf(answer);
			const page = decode(await nextPage(waitingUrl));
			expect({ what, refused: page.includes('Invitation not valid'), settingsLink: page.includes('/settings?') }).toEqual({ what, refused: true, settingsLink: false });
			await finish(waitingUrl);
			await succeeded(waitingUrl);
			expect({ what, vendorRequests: vendorRequests() - requests }).toEqual({ what, vendorRequests: 0 });
		}
		expect(emanage().state.shops).toEqual(shops);
		expect(ctrwow().state.funnels).toHaveLength(1);
		expect((await n8n.executions(WORKFLOW)).filter((execution) => execution.status === 'error')).toHaveLength(0);
	});
});
