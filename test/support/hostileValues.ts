/**
 * 1 MB hostile values and every parser and form-field adapter that reads untrusted text, for
 * test/unit/shared/hostileInput.test.ts (each call under 100 ms) and `npm run bench -- hostile`
 * (the worst time per call). Each value is shaped to make a backtracking regular expression
 * rescan the rest of the text from every position: long runs without the character a pattern
 * waits for, separators repeated, nested brackets, digits, whitespace and non-ASCII text.
 */
import { checkSender, parseAuthenticationResults } from '../../nodes/DeliveryEmailParser/helpers/authenticationResults';
import { cleanText, emailAddress, parseMoney, parseQuantity, toE164 } from '../../nodes/DeliveryEmailParser/helpers/normalize';
import { parseXml } from '../../nodes/Cegid/helpers/xml';
import { mapShopifyCustomer, normalizePhone } from '../../nodes/Cegid/helpers/shopifyCustomer';
import { parseCsv } from '../../nodes/EManageCrm/helpers/csv';
import { describeLoginRefusal, parseMaybeJson, tokenFromAuthAnswer } from '../../nodes/EManageCrm/transport/auth';
import { parseApiDate } from '../../nodes/EManageCrm/transport/assumedContract';
import { coerceFieldValue, subscriberIdList } from '../../nodes/ManyChat/helpers/parameters';
import { checkOrder } from '../../nodes/OrderStore/helpers/orderRows';
import { redactSecrets, summarizeBody } from '../../nodes/shared/errors';
import { formOrderToNormalized, ORDER_FORM_FIELDS, parseItemLines } from '../../nodes/shared/formOrder';
import { parseLossless } from '../../nodes/shared/losslessJson';
import { shopifyOrderToNormalized } from '../../nodes/shared/shopifyOrder';
import { parseRetryAfter } from '../../nodes/shared/transport/retryPolicy';
import { parseGid } from '../../nodes/Shopify/helpers/gid';
import { splitTags } from '../../nodes/Shopify/helpers/customerInput';

const SIZE = 1_000_000;
/** `unit` repeated to SIZE characters (UTF-16 code units). */
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

export interface HostileValue {
	name: string;
	value: string;
}

export const HOSTILE_VALUES: HostileValue[] = [
	{ name: "'a' × 1M", value: fill('a') },
	{ name: "'@' × 1M", value: fill('@') },
	{ name: "'a@' repeated", value: fill('a@') },
	{ name: "'a@' then dots and a space", value: `a@${fill('.').slice(4)} x` },
	{ name: "'x@y.' repeated", value: fill('x@y.') },
	{ name: 'digits × 1M', value: fill('1') },
	{ name: "'1 x ' repeated", value: fill('1 x ') },
	{ name: "'1 x a @ ' repeated", value: fill('1 x a @ ') },
	{ name: "'SKU;' repeated", value: fill('SKU;') },
	{ name: 'spaces × 1M', value: fill(' ') },
	{ name: 'a word, 1M spaces, a word', value: `a${fill(' ').slice(2)}b` },
	{ name: "'1 x ', 1M spaces, a word", value: `1 x ${fill(' ').slice(5)}x` },
	{ name: 'tabs, spaces and newlines', value: fill(' \t\r\n') },
	{ name: 'no-break spaces', value: fill('\u00a0') },
	{ name: "'<' × 1M", value: fill('<') },
	{ name: 'nested brackets', value: `${'('.repeat(SIZE / 4)}${'['.repeat(SIZE / 4)}${']'.repeat(SIZE / 4)}${')'.repeat(SIZE / 4)}` },
	{ name: "'/' × 1M then 'x'", value: `${fill('/').slice(1)}x` },
	{ name: "'?' × 1M then a newline", value: `${fill('?').slice(1)}\n` },
	{ name: "'1,' repeated (money separators)", value: fill('1,') },
	{ name: "'$1 250,00 ' repeated", value: fill('$1 250,00 ') },
	{ name: 'quotes and commas (CSV)', value: fill('"a,""') },
	{ name: 'semicolons and equals (header fields)', value: fill('dkim=pass; ') },
	{ name: "'(comment' nested, unclosed", value: fill('(') },
	{ name: "'Bearer ' then spaces", value: `Bearer${fill(' ').slice(6)}` },
	{ name: 'Cyrillic text', value: fill('Быстрая Доставка р. ') },
	{ name: "'×' and '€' repeated", value: fill('2×€') },
	{ name: 'emoji (surrogate pairs)', value: fill('😀') },
	{ name: 'combining marks', value: fill('a\u0301\u0302\u0303') },
];

/** A parser or form-field adapter fed one untrusted value; it may return or throw an Error. */
export interface HostileTarget {
	name: string;
	/** Puts the value where the parser meets it (e.g. escaped into a CSV cell); not timed. */
	prepare?(value: string): string;
	run(value: string): unknown;
	/** A normal-size value for the same call: the baseline of the benchmark. */
	normal: string;
}

const formFields = Object.values(ORDER_FORM_FIELDS);
const formSubmission = (field: string, value: string) => ({
	[ORDER_FORM_FIELDS.customer]: 'Ana Lima',
	[ORDER_FORM_FIELDS.items]: '1 x Tea @ 4.30',
	[field]: value,
	submittedAt: '2026-11-22T09:00:00.000Z',
});

/** Sets `path` (dot-separated) in a deep copy of `base` to `value`. */
function withField(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
	const copy = structuredClone(base);
	const keys = path.split('.');
	let node: Record<string, unknown> = copy;
	for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
	node[keys[keys.length - 1]] = value;
	return copy;
}

/** One target per field of a payload: each field gets the hostile value alone (the others stay normal). */
const perField = (name: string, base: Record<string, unknown>, fields: string[], run: (payload: Record<string, unknown>) => unknown, normal: string): HostileTarget[] =>
	fields.map((field) => ({ name: `${name}: ${field}`, run: (value: string) => run(withField(base, field, value)), normal }));

const shopifyOrder = {
	id: 1,
	admin_graphql_api_id: 'gid://shopify/Order/1',
	name: '#1001',
	email: 'jane@example.com',
	phone: '+14155550123',
	total_price: '30.00',
	subtotal_price: '25.00',
	currency: 'USD',
	created_at: '2026-11-20T10:15:00Z',
	financial_status: 'paid',
	customer: { first_name: 'Jane', last_name: 'Doe', email: 'jane@example.com', phone: '+14155550123' },
	shipping_address: { name: 'Jane Doe', address1: '12 Main St', city: 'Springfield', zip: '62701', country_code: 'US', phone: '+14155550123' },
	shipping_lines: [{ title: 'Courier', price: '5.00' }],
	line_items: [{ title: 'Blue mug', name: 'Blue mug', sku: 'MUG-BLU', quantity: 2, price: '12.50' }],
	payment_gateway_names: ['card'],
};
const normalizedOrder = {
	source: 'email',
	service: 'swiftparcel',
	orderNumber: 'SP-1',
	customer: { name: 'Jane Doe', email: 'jane@example.com', phone: '+14155550123' },
	delivery: { address: '12 Main St', method: 'Courier' },
	totals: { total: '25.00' },
	currency: 'USD',
	items: [{ title: 'Blue mug', quantity: 2, unitPrice: '12.50', total: '25.00' }],
	createdAt: '2026-11-20T10:15:00Z',
};
const shopifyCustomer = {
	id: 1,
	admin_graphql_api_id: 'gid://shopify/Customer/1',
	first_name: 'Ana',
	last_name: 'Lima',
	email: 'ana@example.pt',
	phone: '+351912345678',
	default_address: { address1: 'Rua Augusta 1', address2: '2 Esq', city: 'Lisboa', zip: '1100-048', country_code: 'PT', phone: '+351912345678' },
};

export const HOSTILE_TARGETS: HostileTarget[] = [
	{ name: 'order form: Items lines', run: (value) => parseItemLines(value), normal: '2 x Serum 30ml @ 24.50\nSER-30; 1 × Cream @ 9,90' },
	...formFields.map((field) => ({
		name: `order form: field "${field}"`,
		run: (value: string) => formOrderToNormalized(formSubmission(field, value), 'Order form'),
		normal: field === ORDER_FORM_FIELDS.items ? '1 x Tea @ 4.30' : field === ORDER_FORM_FIELDS.shipping ? '3.50' : 'Rua Augusta 1, Lisboa',
	})),
	...perField(
		'Shopify orders/create adapter',
		shopifyOrder,
		['admin_graphql_api_id', 'name', 'email', 'phone', 'total_price', 'subtotal_price', 'currency', 'created_at', 'financial_status', 'customer.first_name', 'customer.email', 'shipping_address.address1', 'shipping_address.zip', 'shipping_address.country_code', 'shipping_lines.0.title', 'shipping_lines.0.price', 'line_items.0.title', 'line_items.0.sku', 'line_items.0.price', 'payment_gateway_names.0'],
		(payload) => shopifyOrderToNormalized(payload, 'shop.myshopify.com'),
		'12.50',
	),
	...perField(
		'Order Store: normalized order check',
		normalizedOrder,
		['service', 'orderNumber', 'customer.name', 'customer.email', 'customer.phone', 'delivery.address', 'totals.total', 'currency', 'items.0.title', 'items.0.quantity', 'items.0.unitPrice', 'createdAt'],
		(payload) => checkOrder(payload, '2026-01-01T00:00:00.000Z'),
		'12.50',
	),
	{ name: 'email parser: email-address cell', run: (value) => emailAddress(value), normal: 'Jane Doe <jane.doe@example.com>' },
	{ name: 'email parser: money cell', run: (value) => parseMoney(value), normal: '$1,250.00' },
	{ name: 'email parser: quantity cell', run: (value) => parseQuantity(value), normal: '2 шт.' },
	{ name: 'email parser: phone normalisation', run: (value) => toE164(value, 'RU'), normal: '8 (912) 345-67-89' },
	{ name: 'email parser: whitespace cleaning', run: (value) => cleanText(value), normal: ' Jane\u00a0 Doe ' },
	{ name: 'email parser: Authentication-Results', run: (value) => [parseAuthenticationResults(value), checkSender({ headers: [value, `mx.google.com; dkim=pass header.d=${value}`] }, 'mx.google.com', 'swiftparcel.example')], normal: 'mx.google.com; dkim=pass header.i=@swiftparcel.example header.s=s1; spf=pass; dmarc=pass (p=REJECT) header.from=swiftparcel.example' },
	// One hostile cell, quoted and unquoted. A whole 1 MB export of short lines is up to 500,000 rows:
	// linear work, but more than 100 ms of it, so it is not one item's budget.
	{ name: 'eManageCRM export CSV: quoted cell', prepare: (value) => `Order ID,Amount\r\n1,"${value.replaceAll('"', '""')}"`, run: (csv) => parseCsv(csv), normal: '12.50' },
	{ name: 'eManageCRM export CSV: unquoted cell', prepare: (value) => `Order ID,Amount\r\n1,${value.replace(/[\r\n]/g, ' ')}`, run: (csv) => parseCsv(csv), normal: '12.50' },
	{ name: 'eManageCRM login answer', run: (value) => [tokenFromAuthAnswer(value), parseMaybeJson(value), describeLoginRefusal(401, value, 'user')], normal: '"abcdefghijklmnop"' },
	{ name: 'eManageCRM date', run: (value) => parseApiDate(value), normal: '2026-11-20 10:15:00' },
	{ name: 'CEGID SOAP answer (XML)', run: (value) => parseXml(`<a b="c">${value}</a>`), normal: 'Hello' },
	{ name: 'CEGID XML tag', run: (value) => parseXml(`<a${value}>`), normal: ' b="c"' },
	{ name: 'CEGID phone normalisation', run: (value) => normalizePhone(value, 'FR'), normal: '06 12 34 56 78' },
	...perField(
		'CEGID Shopify customer mapping',
		shopifyCustomer,
		['admin_graphql_api_id', 'first_name', 'last_name', 'email', 'phone', 'default_address.address1', 'default_address.address2', 'default_address.city', 'default_address.zip', 'default_address.country_code', 'default_address.phone'],
		(payload) => mapShopifyCustomer(payload),
		'Lima',
	),
	{ name: 'ManyChat subscriber ID list', run: (value) => subscriberIdList(value), normal: '1000000001, 9007199254740993' },
	{ name: 'ManyChat field value', run: (value) => coerceFieldValue(value), normal: '42' },
	{ name: 'Shopify GID or URL', run: (value) => [parseGid('Order', value), parseGid('Order', `https://admin.shopify.com/store/x/orders/${value}`)], normal: 'gid://shopify/Order/1' },
	{ name: 'Shopify tags', run: (value) => splitTags(value), normal: 'vip, newsletter' },
	{ name: 'lossless JSON', run: (value) => parseLossless(value), normal: '{"id": 9007199254740993}' },
	{ name: 'Retry-After header', run: (value) => parseRetryAfter(value), normal: 'Wed, 21 Oct 2026 07:28:00 GMT' },
	{ name: 'error body summary and redaction', run: (value) => [summarizeBody(`<html>${value}`), redactSecrets(value, ['secret-value'])], normal: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
];
