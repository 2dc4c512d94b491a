/**
 * Scenario 5, injection round-trip: names and order texts with quotes, `<>&`, SQL and XML
 * metacharacters, emoji, right-to-left text, control-like Unicode and 255-character fields
 * (Shopify's documented maximum for a name) go through the shipped customer sync (CEGID over REST,
 * stores B and C), through the CEGID node over SOAP (the e2e probe workflow with a SOAP
 * credential), and through order intake into BigQuery. Each must come back byte-identical. The
 * requests themselves are also read: no value may appear unescaped inside a SOAP envelope or
 * inlined into BigQuery SQL text (they travel as XML-escaped text and query parameters).
 */
import axios from 'axios';

import type { ReliabilityEnvironment } from '../environment';
import { figure, scenarioResult, type ScenarioResult } from '../report';
import { ShopTraffic } from '../shopTraffic';

export const HOSTILE_TEXTS = [
	`O'Brien "the Quote" Ó'Ceallaigh`,
	'<script>alert(1)</script> & <b>Co</b>',
	`Robert'); DROP TABLE customers;--`,
	`1' OR '1'='1`,
	'50% off_ _under\\score \\\\ back\\slash',
	']]><![CDATA[ </Name><Injected>x</Injected>',
	'${{ $json.secret }} {{ 7*7 }} `cmd`',
	'😀🛒 Zoë Ünïcødé 🏳️‍🌈',
	'שלום עולם مرحبا بالعالم',
	'\u202Eevil\u202C mirrored \u200B zero-width',
	'Ж'.repeat(200) + 'x'.repeat(55),
	'&amp; &lt; &#x3C; %3Cscript%3E',
];

export async function injection(env: ReliabilityEnvironment, quick: boolean): Promise<ScenarioResult> {
	const started = performance.now();
	const texts = quick ? HOSTILE_TEXTS.slice(0, 6).concat(HOSTILE_TEXTS.slice(-4)) : HOSTILE_TEXTS;
	const traffic = new ShopTraffic(env, quick ? 'inj-q' : 'inj', 5);
	const cegidLogStart = env.cegid.requests.length;
	const bigqueryLogStart = env.bigquery.requests.length;
	const mismatches: string[] = [];
	let checked = 0;
	const compare = (where: string, got: unknown, expected: string) => {
		checked++;
		if (got !== expected && mismatches.length < 1000) mismatches.push(`${where}: stored ${JSON.stringify(got)?.slice(0, 80)}, sent ${JSON.stringify(expected).slice(0, 80)}`);
	};

	// Customer sync: created in store A with hostile names → CEGID (REST) and stores B, C.
	const customers = [];
	for (const [index, text] of texts.entries()) {
		customers.push(await traffic.createCustomer(index * 3, { firstName: text, lastName: texts[(index + 1) % texts.length] }));
	}
	// Orders with hostile item titles and shipping names → BigQuery.
	const orders = [];
	for (const [index, text] of texts.entries()) orders.push({ text, order: await traffic.createOrder(index, { title: text, shippingLastName: text }) });
	await env.settle();

	const cegid = Object.values(env.cegid.state.customers);
	for (const customer of customers) {
		const record = cegid.find((candidate) => candidate.emails.some((entry) => entry.value === customer.email));
		compare(`CEGID (REST) first name of ${customer.email}`, record?.firstName, customer.firstName);
		compare(`CEGID (REST) last name of ${customer.email}`, record?.lastName, customer.lastName);
		for (const key of ['b', 'c']) {
			const copy = env.store(key).customers.find((candidate) => candidate.email === customer.email);
			compare(`store ${key} first name of ${customer.email}`, copy?.firstName, customer.firstName);
			compare(`store ${key} last name of ${customer.email}`, copy?.lastName, customer.lastName);
		}
	}
	const rows = env.orderRows();
	for (const { text, order } of orders) {
		const row = rows.find((candidate) => candidate.order_key === `shopify:${order.domain}:${order.id}`);
		const items = (row?.items ?? []) as Array<Record<string, unknown>>;
		compare(`BigQuery item title of ${order.name} in ${order.domain}`, items[0]?.title, text);
		compare(`BigQuery customer name of ${order.name} in ${order.domain}`, row?.customer_name, `Buyer ${text}`);
	}

	// CEGID over SOAP: the same texts through the CEGID node with a SOAP credential.
	for (const [index, text] of texts.entries()) {
		const email = `${quick ? 'inj-q' : 'inj'}-soap${index}@example.com`;
		const response = await axios.post(
			`${env.n8n.baseUrl}/webhook/e2e-cegid-soap-upsert`,
			{ id: 990_000 + index, admin_graphql_api_id: `gid://shopify/Customer/${990_000 + index}`, email, first_name: text, last_name: texts[(index + 1) % texts.length], email_marketing_consent: { state: 'subscribed' } },
			{ validateStatus: () => true, timeout: 120_000 },
		);
		if (response.status !== 200) mismatches.push(`SOAP upsert of ${email} answered HTTP ${response.status}: ${JSON.stringify(response.data).slice(0, 200)}`);
		const record = Object.values(env.cegid.state.customers).find((candidate) => candidate.emails.some((entry) => entry.value === email));
		compare(`CEGID (SOAP) first name of ${email}`, record?.firstName, text);
		compare(`CEGID (SOAP) last name of ${email}`, record?.lastName, texts[(index + 1) % texts.length]);
	}

	// On the wire: inside SOAP envelopes only escaped text; in BigQuery SQL no value at all.
	const hazardous = texts.filter((text) => /[<>&'"]/.test(text));
	let unescaped = 0;
	for (const request of env.cegid.requests.slice(cegidLogStart)) {
		if (!request.path.endsWith('.svc')) continue;
		const envelope = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '');
		for (const text of hazardous) if (envelope.includes(text)) unescaped++;
	}
	let inlinedSql = 0;
	for (const request of env.bigquery.requests.slice(bigqueryLogStart)) {
		const sql = String((request.body as { query?: unknown } | undefined)?.query ?? '');
		for (const text of texts) if (sql && sql.includes(text)) inlinedSql++;
	}
	return scenarioResult(
		'injection',
		'5. Injection round-trip',
		quick,
		started,
		[
			figure('hostile texts', texts.length),
			figure('stored values compared (CEGID REST + SOAP, stores, BigQuery)', checked),
			figure('not byte-identical', mismatches.length, true),
			figure('values unescaped in a SOAP envelope', unescaped, true),
			figure('values inlined into BigQuery SQL', inlinedSql, true),
		],
		['no target field in these paths documents a limit under 255 characters, so nothing may be cut', ...mismatches.slice(0, 8)],
	);
}
