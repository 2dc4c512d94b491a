/**
 * The shipped manual order form (workflows/order-form.json) in the real n8n 2.41.0, driven as a
 * browser drives it: GET the form page, POST its fields as multipart to the form URL (both with the
 * managers' Basic Auth login), follow the `formWaitingUrl` n8n answers (poll its execution status,
 * GET the completion page, POST to resume). End state is read from the simulators: BigQuery's orders
 * table, ManyChat's deliveries, the Shopify store's draft orders.
 */
import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DEV_ORDER_FORM_LOGIN, simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import { SUBSCRIBER_CAROL, w3cTime, type ManyChatDelivery, type ManyChatState } from '../../simulators/manychat/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import type { ShopifyState } from '../../simulators/shopify/state';
import { ensureCrmSchema } from '../support/crmSchema';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncOrderForm';
const MANAGERS = ['1000000001', '9007199254740993'];
/** A customer who wrote to the page a few minutes ago, with the phone the manager types. */
const EVE = { id: '1000000042', phone: '+33612345678', email: 'eve@example.com' };

type Fields = Record<string, string | string[]>;
type Login = { user: string; password: string } | null;

const basic = (login: Login): Record<string, string> => (login ? { authorization: `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` } : {});

const BASE: Fields = {
	'Your Name': 'Paul Manager',
	'Customer Name': 'Eve Martin',
	Phone: '+33 6 12 34 56 78',
	Email: 'Eve@Example.com',
	'Delivery Address': '12 rue de la Paix\n75002 Paris',
	Items: 'SER-30; 2 x Rose Serum 30ml @ 24.50\n1 x Night Cream @ 31,00',
	'Delivery Method': 'Courier',
	'Payment Method': 'Cash on delivery',
	'Shipping Cost': '4.90',
	Currency: 'EUR',
	'Discount Reason': '',
	Note: 'Ring twice',
	'Payment Link': [],
};
/** The store's catalog (store A): what a payment link charges, whatever the form says. */
const CATALOG = [
	{ title: 'Rose Serum 30ml', sku: 'SER-30', price: '24.50' },
	{ title: 'Night Cream', sku: 'CRM-50', price: '31.00' },
	{ title: 'Lip Balm', sku: 'LIP-01', price: '6.90' },
];
const LINK = 'Send the customer a payment link in ManyChat';

describe('Shipped workflow: manual order form → BigQuery + managers, optional Shopify payment link via ManyChat', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance;
	const bigquery = () => simulators.bigquery as unknown as { state: BigQueryState };
	const manychat = () => simulators.manychat as unknown as { state: ManyChatState };
	const shopify = () => simulators.shopify as unknown as { state: ShopifyState };
	const orderRows = () => bigquery().state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? [];
	const deliveries = () => manychat().state.deliveries;
	const draftOrders = () => shopify().state.stores.find((store) => store.key === 'a')!.draftOrders;

	const executions = async (status: string) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW, status: [status] }));
		const response = await n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		return response.status === 200 ? response.data.data.count : -1;
	};

	const formUrl = () => `${n8n.baseUrl}/form/shop-sync-order-form`;
	const allExecutions = async () => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW }));
		const response = await n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		return response.status === 200 ? response.data.data.count : -1;
	};

	/** The form page's multipart body for these fields, as the browser builds it. */
	async function formBody(fields: Fields): Promise<FormData> {
		const page = await axios.get<string>(formUrl(), { responseType: 'text', headers: basic(DEV_ORDER_FORM_LOGIN) });
		expect(page.status).toBe(200);
		const body = new FormData();
		for (const [label, value] of Object.entries(fields)) {
			const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			const match = new RegExp(`<label class='form-label[^']*'(?: for='[^']*')?>${escaped}</label>[\\s\\S]*?id='(field-\\d+)'`).exec(page.data);
			if (!match) throw new Error(`the form page has no field "${label}"`);
			if (Array.isArray(value)) {
				// Checkboxes: the browser appends each box (it has no name) and then the field's choices as JSON.
				body.append('', LINK);
				body.append(match[1], JSON.stringify(value));
			} else body.append(match[1], value);
		}
		return body;
	}

	/** What the browser does from opening the form to the completion page; returns that page's HTML. */
	async function submitForm(fields: Fields): Promise<{ html: string; ms: number }> {
		const body = await formBody(fields);
		const started = Date.now();
		const posted = await fetch(formUrl(), { method: 'POST', body, headers: basic(DEV_ORDER_FORM_LOGIN) });
		expect(posted.status).toBe(200);
		const { formWaitingUrl } = (await posted.json()) as { formWaitingUrl: string };
		expect(formWaitingUrl).toContain('/form-waiting/');
		const waiting = new URL(formWaitingUrl);
		const statusUrl = new URL(waiting.toString());
		statusUrl.pathname += '/n8n-execution-status';
		let status = '';
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			status = (await (await fetch(statusUrl)).text()).trim();
			if (status !== 'running' && status !== 'new' && status !== '') break;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		expect(status).toBe('form-waiting');
		const completion = await fetch(waiting);
		expect(completion.status).toBe(200);
		const html = await completion.text();
		const ms = Date.now() - started;
		// The completion page then posts back, which ends the execution.
		const resumed = await fetch(waiting, { method: 'POST', body: '[object Object]', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
		expect(resumed.status).toBeLessThan(400);
		return { html, ms };
	}

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-order-form-'));
		simulators = await startSimulators();
		const urls = simulatorUrls(simulators);
		await ensureCrmSchema(simulatorCredentials(urls));
		for (const { title, sku, price } of CATALOG) {
			const added = await fetch(`${urls.shopify}/__sim/shops/a/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, variants: [{ sku, price }] }) });
			expect(added.status).toBe(201);
		}
		// Eve wrote to the page five minutes ago (inside Messenger's 24-hour window) and shared her phone.
		const carol = manychat().state.subscribers[SUBSCRIBER_CAROL];
		manychat().state.subscribers[EVE.id] = {
			...structuredClone(carol),
			id: EVE.id,
			first_name: 'Eve',
			last_name: 'Martin',
			name: 'Eve Martin',
			phone: EVE.phone,
			email: EVE.email,
			last_interaction: w3cTime(Date.now() - 5 * 60_000),
			last_seen: w3cTime(Date.now() - 5 * 60_000),
			tags: [],
		};
		n8n = await N8nInstance.launch({ userFolder, workflowDirs: [join(ROOT, 'workflows')], publish: [WORKFLOW], credentials: simulatorCredentials(urls), log: (line) => process.stdout.write(`[e2e order-form] ${line}\n`) });
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('without the managers\' login n8n answers 401 and nothing runs: no credentials, a wrong password, a wrong user, a forged form token', async () => {
		const executionsBefore = await allExecutions();
		expect(executionsBefore).toBeGreaterThanOrEqual(0);
		for (const login of [null, { ...DEV_ORDER_FORM_LOGIN, password: 'wrong-password' }, { ...DEV_ORDER_FORM_LOGIN, user: 'admin' }]) {
			const page = await fetch(formUrl(), { headers: basic(login) });
			expect({ login, status: page.status }).toEqual({ login, status: 401 });
			expect(page.headers.get('www-authenticate')).toMatch(/^Basic /);
			expect(await page.text()).not.toContain('Customer Name');
		}
		const body = await formBody({ ...BASE, 'Payment Link': [LINK] });
		const attempts: Array<Record<string, string>> = [
			{},
			basic({ ...DEV_ORDER_FORM_LOGIN, password: 'wrong-password' }),
			basic({ user: 'manager2', password: DEV_ORDER_FORM_LOGIN.password }),
			{ 'x-auth-token': 'f'.repeat(64) },
		];
		for (const headers of attempts) {
			const posted = await fetch(formUrl(), { method: 'POST', body, headers });
			expect({ headers, status: posted.status }).toEqual({ headers, status: 401 });
		}
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await allExecutions()).toBe(executionsBefore);
		expect(orderRows()).toHaveLength(0);
		expect(deliveries()).toHaveLength(0);
		expect(draftOrders()).toHaveLength(0);
	});

	it('saves an order without a link: one row in the shared shape, both managers told, no draft order', async () => {
		const { html, ms } = await submitForm(BASE);
		expect(orderRows()).toHaveLength(1);
		const row = orderRows()[0];
		expect(row).toMatchObject({ source: 'form', service: 'order form', customer_name: 'Eve Martin', customer_phone: '+33 6 12 34 56 78', customer_email: 'eve@example.com', delivery_method: 'Courier', payment_method: 'Cash on delivery', currency: 'EUR', status: 'new' });
		expect(String(row.order_key)).toMatch(/^form:order form:F-[0-9a-f]{16}$/);
		expect([row.subtotal, row.shipping, row.total].map(String)).toEqual(['80.00', '4.90', '84.90']);
		const items = (typeof row.items === 'string' ? JSON.parse(row.items) : row.items) as Array<Record<string, unknown>>;
		expect(items.map((item) => [item.sku, item.title, Number(item.quantity), String(item.unit_price ?? item.unitPrice)])).toEqual([
			['SER-30', 'Rose Serum 30ml', 2, '24.50'],
			[null, 'Night Cream', 1, '31.00'],
		]);

		const notes = deliveries().filter((delivery) => delivery.kind === 'flow');
		expect(notes.map((delivery) => delivery.subscriber_id).sort()).toEqual([...MANAGERS].sort());
		for (const note of notes) {
			const text = String(note.custom_fields.order_message);
			expect(text).toContain(`New order ${String(row.order_number)} (order form)`);
			expect(text).toContain('Customer: Eve Martin, +33 6 12 34 56 78');
			expect(text).toContain('2 × Rose Serum 30ml');
			expect(text).toContain('Total: 84.90 EUR');
			expect(text).toContain('Delivery: Courier, 12 rue de la Paix');
		}
		expect(html).toContain('Order saved');
		expect(html).toContain(String(row.order_number));
		expect(draftOrders()).toHaveLength(0);
		process.stdout.write(`[e2e order-form] without link: ${ms} ms from submit to completion page\n`);
	});

	/** The completion page's words, with what differs from order to order (number, link) replaced. */
	const pageText = (html: string) =>
		html
			.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/F-[0-9a-f]{16}/g, '<order>')
			.replace(/https:\/\/shop-sync-a\.myshopify\.com\/\d+\/invoices\/[0-9a-f]{32}/g, '<link>')
			.replace(/\s+/g, ' ')
			.trim();
	let linkPage = '';

	it('with the link option: a Shopify draft order at the catalog prices, its invoice URL sent to the customer found by phone, and shown to the manager', async () => {
		const before = deliveries().length;
		const { html, ms } = await submitForm({ ...BASE, Items: 'LIP-01; 3 x Lip Balm @ 6.90', 'Payment Method': 'Online (payment link)', 'Payment Link': [LINK] });
		expect(orderRows()).toHaveLength(2);
		expect(draftOrders()).toHaveLength(1);
		const draft = draftOrders()[0];
		expect(draft.lineItems.map((line) => [line.sku, line.title, line.quantity, line.price, line.appliedDiscount ?? null])).toEqual([['LIP-01', 'Lip Balm', 3, '6.90', null]]);
		expect(draft.shippingLine).toEqual({ title: 'Delivery: Courier', code: null, price: '4.90' });
		expect(draft.email).toBe('eve@example.com');
		expect(draft.shippingAddress).toMatchObject({ firstName: 'Eve', lastName: 'Martin', address1: '12 rue de la Paix', address2: '75002 Paris', phone: '+33 6 12 34 56 78' });
		expect(draft.tags).toEqual(['order-form']);
		expect(draft.note).toContain('entered by Paul Manager');
		// The simulator's invoice URL ends with the draft order's own token.
		const invoiceUrl = new RegExp(`https://shop-sync-a\\.myshopify\\.com/\\d+/invoices/${draft.invoiceToken}`).exec(html)?.[0];
		expect(invoiceUrl).toBeDefined();

		const fresh = deliveries().slice(before);
		expect(fresh.filter((delivery) => delivery.kind === 'flow').map((delivery) => delivery.subscriber_id).sort()).toEqual([...MANAGERS].sort()); // the managers, again
		const toCustomer = fresh.filter((delivery) => delivery.kind === 'content') as Array<ManyChatDelivery & { content: { messages: Array<{ text: string; buttons: Array<{ type: string; url: string }> }> } }>;
		expect(toCustomer).toHaveLength(1);
		expect(toCustomer[0].subscriber_id).toBe(EVE.id);
		expect(toCustomer[0].content.messages[0].text).toBe('Hello Eve! Your order is ready: 25.60 EUR. Tap the button to pay securely.');
		expect(toCustomer[0].content.messages[0].buttons).toEqual([{ type: 'url', caption: 'Pay for my order', url: invoiceUrl }]);

		expect(html).toContain('payment link created');
		linkPage = pageText(html);
		expect(linkPage).toContain('Payment link (25.60 EUR, the store\'s prices): <link>');
		process.stdout.write(`[e2e order-form] with link: ${ms} ms from submit to completion page\n`);
	});

	it('the last page is the same whether the phone is a contact ManyChat cannot message now (24-hour window) or no contact at all', async () => {
		const before = deliveries().length;
		const carol = await submitForm({ ...BASE, 'Customer Name': 'Carol Shopper', Phone: '+15550000003', Items: 'LIP-01; 3 x Lip Balm @ 6.90', 'Payment Link': [LINK] });
		const stranger = await submitForm({ ...BASE, 'Customer Name': 'Nobody Known', Phone: '+33799999999', Items: 'LIP-01; 3 x Lip Balm @ 6.90', 'Payment Link': [LINK] });
		expect(draftOrders()).toHaveLength(3);
		expect(deliveries().slice(before).filter((delivery) => delivery.kind === 'content')).toHaveLength(0);
		expect(deliveries().slice(before).filter((delivery) => delivery.kind === 'flow')).toHaveLength(4); // 2 managers × 2 orders
		for (const [index, { html }] of [carol, stranger].entries()) {
			expect(html).toContain(draftOrders()[1 + index].invoiceToken);
			expect(pageText(html)).toBe(linkPage);
		}
	});

	it('a payment link never charges less than the catalog allows: a typed price below the maximum discount, or an unknown or missing SKU, makes no draft order and says why', async () => {
		const before = { drafts: draftOrders().length, rows: orderRows().length, sent: deliveries().filter((delivery) => delivery.kind === 'content').length };
		const cheap = await submitForm({ ...BASE, Items: 'SER-30; 10 x Rose Serum 30ml @ 0.01', 'Payment Link': [LINK] });
		expect(cheap.html).toContain('Order saved, NO payment link');
		expect(pageText(cheap.html)).toContain('no payment link was made: Line Items (JSON) › line 1 › Unit Price: 0.01 is 99.96% below the catalog price 24.50, more than the Maximum Discount (%) of 20.');
		const unknown = await submitForm({ ...BASE, Items: 'SER-30; 1 x Rose Serum 30ml @ 24.50\nNOPE-1; 1 x Anything @ 1.00', 'Payment Link': [LINK] });
		expect(pageText(unknown.html)).toContain('no payment link was made: Line Items (JSON) › line 2 › SKU: "NOPE-1" is not a SKU of this store.');
		const noSku = await submitForm({ ...BASE, Items: '1 x Night Cream @ 0.50', 'Payment Link': [LINK] });
		expect(pageText(noSku.html)).toContain('no payment link was made: Line Items (JSON) › line 1 › SKU: is empty, and there is no Variant ID either.');
		const noReason = await submitForm({ ...BASE, Items: 'SER-30; 2 x Rose Serum 30ml @ 19.60', 'Payment Link': [LINK] });
		expect(pageText(noReason.html)).toContain('no payment link was made: Discount Reason: is empty, but Line Items (JSON) › line 1 is priced below the catalog (19.60 instead of 24.50).');
		expect(draftOrders()).toHaveLength(before.drafts);
		expect(deliveries().filter((delivery) => delivery.kind === 'content')).toHaveLength(before.sent);
		// The orders themselves are saved (and the managers told): only the link is refused.
		expect(orderRows()).toHaveLength(before.rows + 4);
	});

	it('a lower price within the maximum discount, with a reason, is recorded on the draft order with who gave it and why', async () => {
		const { html } = await submitForm({ ...BASE, Items: 'SER-30; 2 x Rose Serum 30ml @ 19.60\nCRM-50; 1 x Night Cream @ 40.00', 'Discount Reason': 'Loyal customer', 'Payment Link': [LINK] });
		const draft = draftOrders().at(-1)!;
		expect(draft.lineItems.map((line) => [line.sku, line.quantity, line.price, line.appliedDiscount ?? null])).toEqual([
			['SER-30', 2, '24.50', { valueType: 'FIXED_AMOUNT', value: 4.9, title: 'Price set by Paul Manager', description: 'Loyal customer' }],
			['CRM-50', 1, '31.00', null], // typed above the catalog: the catalog price
		]);
		// 2 × 19.60 + 31.00 + 4.90 shipping
		expect(pageText(html)).toContain('Payment link (75.10 EUR, the store\'s prices): <link>');
	});

	it('a form with a mistake tells the manager what to fix and saves and sends nothing', async () => {
		const rows = orderRows().length;
		const sent = deliveries().length;
		const drafts = draftOrders().length;
		const empty = await submitForm({ ...BASE, Items: '', 'Payment Link': [LINK] });
		expect(empty.html).toContain('Order not saved');
		expect(empty.html).toContain('Items is empty: write one item per line');
		const noPrice = await submitForm({ ...BASE, Items: '2 x Rose Serum 30ml', 'Payment Link': [LINK] });
		expect(noPrice.html).toContain('Order not saved');
		expect(noPrice.html).toContain('Items line 1 "2 x Rose Serum 30ml" does not read as "2 x Title @ 24.50"');
		expect(orderRows()).toHaveLength(rows);
		expect(deliveries()).toHaveLength(sent);
		expect(draftOrders()).toHaveLength(drafts);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executions('error')).toBe(0);
		expect(await executions('waiting')).toBe(0);
	});
});
