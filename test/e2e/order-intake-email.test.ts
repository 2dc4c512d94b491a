/**
 * The shipped delivery-email order intake (workflows/order-intake-email.json) in the real n8n
 * 2.41.0, from its real entry point: n8n's own Gmail Trigger polls "Gmail" on its production
 * schedule (every minute). Gmail is the Gmail simulator, reached through the Google-intercepting
 * proxy (n8n started with HTTPS_PROXY and the test CA in NODE_EXTRA_CA_CERTS), so n8n calls the
 * real URLs https://www.googleapis.com/gmail/v1/… and https://oauth2.googleapis.com/token.
 * The trigger lists new emails (headers only) and the workflow downloads each as raw bytes.
 * Fixture emails of both delivery services and one that needs review land in the mailbox; the
 * test asserts the BigQuery rows, the ManyChat notifications, and that a later poll re-processes
 * nothing.
 */
import axios from 'axios';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { simulatorCredentials } from '../../scripts/lib/devCredentials';
import { N8nInstance } from '../../scripts/lib/n8nInstance';
import { ROOT } from '../../scripts/lib/paths';
import type { BigQueryState } from '../../simulators/bigquery/state';
import { SIMULATOR_PROJECT_ID } from '../../simulators/bigquery/testServiceAccount';
import type { LoggedRequest } from '../../simulators/frame/types';
import { type GoogleProxy, startGoogleProxy } from '../../simulators/gmail/proxy';
import type { GmailState } from '../../simulators/gmail/state';
import type { ManyChatDelivery, ManyChatState } from '../../simulators/manychat/state';
import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../../simulators/registry';
import { until } from '../support/until';
import { ensureCrmSchema } from '../support/crmSchema';

jest.setTimeout(20 * 60_000);

const WORKFLOW = 'shopSyncEmailIntake';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'delivery-emails');
/** Both delivery services (base64 and quoted-printable bodies, as Gmail's raw format carries them intact) and one review case. */
const ORDER_FIXTURES = ['swiftparcel-alternative-qp', 'bystraya-koi8r-base64'];
const REVIEW_FIXTURE = 'swiftparcel-items-mismatch';
/** Not from a delivery service: the trigger's search leaves it out, so nobody hears of it. */
const UNRELATED_FIXTURE = 'other-unrelated-sender';
const MANAGERS = 2;

interface Expected {
	output: 'order' | 'review';
	value: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON
}
const expected = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected;

describe('Shipped workflow: delivery-email order intake (Gmail Trigger → parser → BigQuery + ManyChat)', () => {
	let userFolder: string;
	let simulators: RunningSimulators = {};
	let proxy: GoogleProxy | undefined;
	let n8n: N8nInstance;
	const gmail = () => simulators.gmail as unknown as { url: string; state: GmailState; requests: readonly LoggedRequest[] };
	const bigquery = () => simulators.bigquery as unknown as { state: BigQueryState };
	const manychat = () => simulators.manychat as unknown as { state: ManyChatState };
	const orderRows = () => bigquery().state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`]?.rows ?? [];
	const notifications = () => manychat().state.deliveries;
	const text = (delivery: ManyChatDelivery) => String(delivery.custom_fields.order_message ?? '');
	const listCalls = () => gmail().requests.filter((request) => request.method === 'GET' && request.path === '/gmail/v1/users/me/messages');

	const executions = async (status: string) => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW, status: [status] }));
		const response = await n8n.rest<{ data: { count: number } }>('GET', `/rest/executions?filter=${filter}&limit=1`);
		return response.status === 200 ? response.data.data.count : -1;
	};

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-e2e-email-intake-'));
		simulators = await startSimulators();
		const urls = simulatorUrls(simulators);
		await ensureCrmSchema(simulatorCredentials(urls));
		proxy = await startGoogleProxy({ target: urls.gmail, caDir: join(userFolder, 'google-test-ca') });
		// The imported access token is dead, so n8n must refresh it at oauth2.googleapis.com (through the proxy).
		await axios.post(`${urls.gmail}/__sim/tokens/expire`);
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [join(ROOT, 'workflows')],
			publish: [WORKFLOW],
			credentials: simulatorCredentials(urls),
			env: proxy.env,
			log: (line) => process.stdout.write(`[e2e email-intake] ${line}\n`),
		});
		// Activation runs the first poll at once; it sets the trigger's "received after" cursor.
		await until('the Gmail Trigger has polled once', () => listCalls().some((call) => call.status === 200), 180_000, 500);
	});

	afterAll(async () => {
		await n8n?.stop();
		await proxy?.stop();
		await stopSimulators(simulators);
		if (!process.env.KEEP_E2E_FOLDER) rmSync(userFolder, { recursive: true, force: true });
	});

	it('saves each order email once in the shared shape, notifies the managers, sends the review case with its reason and Gmail link, and a later poll repeats nothing', async () => {
		const started = Date.now();
		const delivered = new Map<string, string>();
		for (const name of [...ORDER_FIXTURES, REVIEW_FIXTURE, UNRELATED_FIXTURE]) {
			const response = await axios.post(`${gmail().url}/__sim/messages`, readFileSync(join(FIXTURES, `${name}.eml`)), { headers: { 'content-type': 'message/rfc822' } });
			expect(response.status).toBe(201);
			delivered.set(name, response.data.id as string);
		}
		const orderNotifications = ORDER_FIXTURES.length * MANAGERS;
		const reviewNotifications = MANAGERS;
		await until(
			'the next poll has stored the orders and sent every notification',
			async () => orderRows().length >= ORDER_FIXTURES.length && notifications().length >= orderNotifications + reviewNotifications && (await executions('running')) === 0,
			// The trigger polls once a minute; allow two polls on a loaded machine.
			240_000,
			1000,
		);
		const processedAfterMs = Date.now() - started;
		await new Promise((resolve) => setTimeout(resolve, 2000));

		// BigQuery: one row per order email, in the shared order shape; none for the review email.
		expect(orderRows()).toHaveLength(ORDER_FIXTURES.length);
		for (const name of ORDER_FIXTURES) {
			const order = expected(name).value;
			const row = orderRows().find((candidate) => candidate.order_key === order.orderKey);
			expect(row).toMatchObject({
				source: 'email',
				service: order.service,
				service_name: order.serviceName,
				order_number: order.orderNumber,
				customer_name: order.customer.name,
				customer_email: order.customer.email,
				customer_phone: order.customer.phone,
				currency: order.currency,
				status: order.status,
				email_message_id: order.email.messageId,
			});
			expect(Number(row!.total)).toBe(Number(order.totals.total));
			expect((row!.items as Array<Record<string, unknown>>).map((item) => `${String(item.quantity)}×${String(item.sku)}`)).toEqual(order.items.map((item: Record<string, unknown>) => `${String(item.quantity)}×${String(item.sku)}`));
		}
		const reviewOrder = expected(REVIEW_FIXTURE).value;
		expect(orderRows().some((row) => String(row.email_message_id) === String(reviewOrder.email?.messageId))).toBe(false);

		// ManyChat: each order tells both managers once, with its own number and total.
		for (const name of ORDER_FIXTURES) {
			const order = expected(name).value;
			const messages = notifications().filter((delivery) => text(delivery).startsWith(`New order ${order.orderNumber} from ${order.serviceName}`));
			expect(messages).toHaveLength(MANAGERS);
			expect(new Set(messages.map((delivery) => delivery.subscriber_id)).size).toBe(MANAGERS);
			expect(text(messages[0])).toContain(`Total: ${order.totals.total} ${order.currency}`);
		}
		// The review email: the reason and a link to that very message in Gmail.
		const review = notifications().filter((delivery) => text(delivery).startsWith('Delivery email needs review:'));
		expect(review).toHaveLength(MANAGERS);
		expect(text(review[0])).toContain(expected(REVIEW_FIXTURE).value.reason as string);
		expect(text(review[0])).toContain(`https://mail.google.com/mail/u/0/#all/${delivered.get(REVIEW_FIXTURE)}`);
		// The unrelated email was never fetched, so nobody heard of it.
		expect(notifications()).toHaveLength(orderNotifications + reviewNotifications);
		const fetched = gmail().requests.filter((request) => request.path.startsWith('/gmail/v1/users/me/messages/'));
		expect(fetched.some((request) => request.path.endsWith(delivered.get(UNRELATED_FIXTURE)!))).toBe(false);
		// The trigger reads headers only (Simplify on); *Fetch Raw Email (Gmail)* downloads each
		// delivery email once as raw RFC 822 bytes, for the parser.
		expect(fetched.every((request) => ['metadata', 'raw'].includes(request.query.format))).toBe(true);
		for (const name of [...ORDER_FIXTURES, REVIEW_FIXTURE]) {
			const rawFetches = fetched.filter((request) => request.path.endsWith(`/${delivered.get(name)}`) && request.query.format === 'raw' && request.status === 200);
			expect({ name, rawFetches: rawFetches.length }).toEqual({ name, rawFetches: 1 });
		}

		// Every Gmail call came through the proxy as a call to Google's own host, with a refreshed token.
		const apiCalls = gmail().requests.filter((request) => request.path.startsWith('/gmail/v1/'));
		expect(apiCalls.length).toBeGreaterThan(0);
		expect(apiCalls.every((request) => request.headers['x-forwarded-host'] === 'www.googleapis.com')).toBe(true);
		expect(gmail().state.tokenGrants.refresh_token).toBeGreaterThanOrEqual(1);
		expect(gmail().requests.some((request) => request.path === '/token' && request.headers['x-forwarded-host'] === 'oauth2.googleapis.com' && request.status === 200)).toBe(true);
		expect(proxy!.stats.intercepted).toBeGreaterThan(0);

		// A later poll lists the same messages again (Gmail's after: is inclusive at the second), and
		// nothing is processed twice.
		const successful = await executions('success');
		const lastPoll = Math.max(...listCalls().map((call) => call.seq));
		await until('the Gmail Trigger has polled again', () => listCalls().some((call) => call.seq > lastPoll && call.status === 200), 150_000, 1000);
		await new Promise((resolve) => setTimeout(resolve, 5000));
		// That poll's own query still matches emails already processed, so the trigger had to drop them.
		const laterPoll = listCalls().find((call) => call.seq > lastPoll)!;
		const live = Object.entries(gmail().state.accessTokens).find(([, expiresAt]) => expiresAt > Date.now())![0];
		const relisted = await axios.get<{ messages?: Array<{ id: string }> }>(`${gmail().url}/gmail/v1/users/me/messages`, { params: { q: laterPoll.query.q }, headers: { authorization: `Bearer ${live}` } });
		const processedIds = [...ORDER_FIXTURES, REVIEW_FIXTURE].map((name) => delivered.get(name));
		expect((relisted.data.messages ?? []).some((message) => processedIds.includes(message.id))).toBe(true);
		expect(await executions('running')).toBe(0);
		expect(orderRows()).toHaveLength(ORDER_FIXTURES.length);
		expect(notifications()).toHaveLength(orderNotifications + reviewNotifications);
		expect(await executions('success')).toBe(successful);
		expect(await executions('error')).toBe(0);
		process.stdout.write(`[e2e email-intake] processed ${delivered.size} emails ${(processedAfterMs / 1000).toFixed(1)} s after delivery; ${apiCalls.length} Gmail API calls, ${gmail().state.tokenGrants.refresh_token} token refresh(es)\n`);
	});

	/** A SwiftParcel order email for the order number already stored by the test above, with other contents. */
	const changedOrderEmail = (quantity: number) =>
		[
			'From: SwiftParcel <orders@swiftparcel.example>',
			'To: owner@shop.example',
			'Subject: New order SP-100234',
			`Date: ${new Date().toUTCString()}`,
			`Message-ID: <changed-${quantity}.SP-100234@swiftparcel.example>`,
			'MIME-Version: 1.0',
			'Content-Type: text/html; charset=utf-8',
			'',
			`<h2>New order #SP-100234</h2><table class="details"><tr><th>Customer:</th><td>Jane Doe</td></tr></table><table class="items"><tr><th>SKU</th><th>Product</th><th>Qty</th><th>Unit price</th><th>Total</th></tr><tr><td>MUG-BLU</td><td>Blue mug</td><td>${quantity}</td><td>$12.50</td><td>$${(quantity * 12.5).toFixed(2)}</td></tr></table><table class="totals"><tr><th>Total:</th><td>$${(quantity * 12.5).toFixed(2)}</td></tr></table>`,
		].join('\r\n');

	it('sends spoofed emails and an email that contradicts a stored order to review, with the reason and both versions; nothing is written', async () => {
		const rowsBefore = orderRows().length;
		const notifiedBefore = notifications().length;
		const post = async (body: Buffer | { raw: string; authentication: string }) => {
			const response = Buffer.isBuffer(body)
				? await axios.post(`${gmail().url}/__sim/messages`, body, { headers: { 'content-type': 'message/rfc822' } })
				: await axios.post(`${gmail().url}/__sim/messages`, body);
			expect(response.status).toBe(201);
		};
		// Right subject and From address, but Gmail's DMARC check failed; and one with a forged "pass" header below Gmail's.
		await post(readFileSync(join(FIXTURES, 'spoof-forged-from-dmarc-fail.eml')));
		await post(readFileSync(join(FIXTURES, 'spoof-forged-second-header.eml')));
		// The simulator adds Gmail's failing header on top of a message that forged its own.
		const forged = changedOrderEmail(40).replace('From: ', 'Authentication-Results: mx.google.com; dkim=pass header.d=swiftparcel.example\r\nFrom: ').replace('<changed-40.', '<forged-40.');
		await post({ raw: Buffer.from(forged).toString('base64'), authentication: 'fail' });
		// Really from SwiftParcel, but the order number is stored with other contents.
		await post({ raw: Buffer.from(changedOrderEmail(20)).toString('base64'), authentication: 'pass' });

		const reviews = () => notifications().slice(notifiedBefore).filter((delivery) => text(delivery).startsWith('Delivery email needs review:'));
		await until('the next poll has sent the four review messages', async () => reviews().length >= 4 * MANAGERS && (await executions('running')) === 0, 240_000, 1000);
		await new Promise((resolve) => setTimeout(resolve, 2000));

		expect(orderRows()).toHaveLength(rowsBefore);
		expect(notifications().slice(notifiedBefore).filter((delivery) => text(delivery).startsWith('New order'))).toEqual([]);
		const texts = [...new Set(reviews().map(text))];
		expect(texts).toHaveLength(4);
		for (const name of ['spoof-forged-from-dmarc-fail', 'spoof-forged-second-header']) {
			expect(texts.some((message) => message.includes(expected(name).value.reason as string))).toBe(true);
		}
		expect(texts.filter((message) => message.includes('not authenticated for swiftparcel.example: dkim=fail (header.i=@swiftparcel.example), dmarc=fail (header.from=swiftparcel.example)'))).toHaveLength(1);
		const conflict = texts.find((message) => message.includes('is already stored with other contents'));
		expect(conflict).toContain('order SP-100234 is already stored with other contents (customer, delivery, paymentMethod, items, totals differ); this email changed nothing.');
		expect(conflict).toContain('Stored: Jane Doe, +14155550123, jane.doe@example.com; 2 × Blue mug @ 12.50; total 30.00 USD; 12 Main St, Springfield, IL 62701');
		expect(conflict).toContain('This email: Jane Doe; 20 × Blue mug @ 12.50; total 250.00 USD; no address');
		expect(await executions('error')).toBe(0);
	});
});
