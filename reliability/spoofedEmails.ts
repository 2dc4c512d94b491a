/**
 * Delivery emails that SwiftParcel never sent, as they would land in the shop owner's Gmail: the
 * right subject and the SwiftParcel template's body, so the shipped search selects them and the
 * template matches, but an `Authentication-Results` (the one Gmail's mx.google.com adds on top)
 * that does not vouch for swiftparcel.example: missing, failed, passed for another or a look-alike
 * domain, a forged "pass" below Gmail's own, a display name dressed as SwiftParcel, or a genuine
 * pass on an email reusing an order number the CRM already holds (a replayed, edited email). One in
 * ten carries a 1 MB hostile value in a field the template reads.
 */
import { checkRow } from '../simulators/bigquery/rows';
import { SIMULATOR_PROJECT_ID } from '../simulators/bigquery/testServiceAccount';
import { contentHash, orderRow } from '../nodes/OrderStore/helpers/orderRows';
import { orderKey, type NormalizedOrder } from '../nodes/shared/order';
import type { ReliabilityEnvironment } from './environment';
import { HOSTILE_SHAPES } from './hostileValues';

export const SENDER_DOMAIN = 'swiftparcel.example';
const GMAIL = 'mx.google.com';

export interface SpoofedEmail {
	kind: string;
	orderNumber: string;
	mime: string;
}

interface Spoof {
	kind: string;
	from: string;
	/** Authentication-Results headers, top (Gmail's, newest) first. */
	results: string[];
	/** Reuses the order number the CRM already holds. */
	existing?: boolean;
}

const SPOOFS: Spoof[] = [
	{ kind: 'no Authentication-Results', from: `SwiftParcel <orders@${SENDER_DOMAIN}>`, results: [] },
	{ kind: 'DKIM and DMARC fail', from: `SwiftParcel <orders@${SENDER_DOMAIN}>`, results: [`${GMAIL}; dkim=fail header.i=@${SENDER_DOMAIN} header.s=s1 header.b=AbCdEf; spf=fail smtp.mailfrom=${SENDER_DOMAIN}; dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=${SENDER_DOMAIN}`] },
	{ kind: 'no signature at all', from: `SwiftParcel <orders@${SENDER_DOMAIN}>`, results: [`${GMAIL}; dkim=none; spf=softfail smtp.mailfrom=${SENDER_DOMAIN}; dmarc=none header.from=${SENDER_DOMAIN}`] },
	{ kind: 'pass for a foreign domain', from: `SwiftParcel <orders@${SENDER_DOMAIN}>`, results: [`${GMAIL}; dkim=pass header.i=@evil.example header.s=s1 header.b=AbCdEf; spf=pass smtp.mailfrom=evil.example; dmarc=pass (p=NONE) header.from=evil.example`] },
	{ kind: 'pass for a look-alike domain', from: `SwiftParcel <orders@not${SENDER_DOMAIN}>`, results: [`${GMAIL}; dkim=pass header.d=not${SENDER_DOMAIN} header.s=s1; dkim=pass header.i=@${SENDER_DOMAIN}.evil.example; dmarc=pass (p=NONE) header.from=not${SENDER_DOMAIN}`] },
	{
		kind: 'forged pass below Gmail\'s fail',
		from: `SwiftParcel <orders@${SENDER_DOMAIN}>`,
		results: [`${GMAIL}; dkim=none; spf=fail smtp.mailfrom=${SENDER_DOMAIN}; dmarc=fail (p=REJECT) header.from=${SENDER_DOMAIN}`, `${GMAIL}; dkim=pass header.d=${SENDER_DOMAIN} header.s=s1; spf=pass; dmarc=pass header.from=${SENDER_DOMAIN}`],
	},
	{ kind: 'forged pass from another server', from: `SwiftParcel <orders@${SENDER_DOMAIN}>`, results: [`${GMAIL}; dkim=none; spf=neutral smtp.mailfrom=${SENDER_DOMAIN}; dmarc=none`, `relay.evil.example; dkim=pass header.d=${SENDER_DOMAIN}; dmarc=pass header.from=${SENDER_DOMAIN}`] },
	{ kind: 'display name "SwiftParcel <…@swiftparcel.example>"', from: `"SwiftParcel <orders@${SENDER_DOMAIN}>" <attacker@evil.example>`, results: [`${GMAIL}; dkim=pass header.i=@evil.example header.s=s1; spf=pass smtp.mailfrom=evil.example; dmarc=pass (p=NONE) header.from=evil.example`] },
	{ kind: 'existing order number, genuine pass (replayed and edited)', from: `SwiftParcel <orders@${SENDER_DOMAIN}>`, results: [`${GMAIL}; dkim=pass header.i=@${SENDER_DOMAIN} header.s=s1 header.b=AbCdEf; spf=pass smtp.mailfrom=${SENDER_DOMAIN}; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=${SENDER_DOMAIN}`], existing: true },
];

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function templateHtml(orderNumber: string, fields: { customer: string; phone: string; total: string }): string {
	return (
		`<h2>New order #${orderNumber}</h2><table class="details"><tr><th>Customer:</th><td>${fields.customer}</td></tr><tr><th>Phone:</th><td>${fields.phone}</td></tr>` +
		'<tr><th>Email:</th><td>jo@example.com</td></tr><tr><th>Delivery address:</th><td>1 Harbor Way, Oakland, CA 94607</td></tr></table>' +
		`<table class="items"><tr><th>SKU</th><th>Product</th><th>Qty</th><th>Unit price</th><th>Total</th></tr><tr><td>MUG-1</td><td>Mug</td><td>1</td><td>$${fields.total}</td><td>$${fields.total}</td></tr></table>` +
		`<table class="totals"><tr><th>Total:</th><td>$${fields.total}</td></tr></table>`
	);
}

/** The order the CRM already holds, whose number the replayed emails reuse. */
export function existingOrder(tag: string): NormalizedOrder {
	const number = `SP-E${tag}`;
	const now = new Date().toISOString();
	return {
		source: 'email',
		service: 'swiftparcel',
		serviceName: 'SwiftParcel',
		sourceOrderId: number,
		orderNumber: number,
		orderKey: orderKey('email', 'swiftparcel', number),
		customer: { name: 'Jo Real', phone: '+14155550123', email: 'jo@example.com' },
		delivery: { address: '1 Harbor Way, Oakland, CA 94607', addressParts: null, method: null },
		paymentMethod: null,
		items: [{ sku: 'MUG-1', title: 'Mug', quantity: 1, unitPrice: '5.00', total: '5.00' }],
		totals: { subtotal: null, shipping: null, total: '5.00' },
		currency: 'USD',
		status: 'new',
		createdAt: now,
		ingestedAt: now,
		email: { messageId: `<${number}@${SENDER_DOMAIN}>`, receivedAt: now, from: `orders@${SENDER_DOMAIN}`, subject: `SwiftParcel order: New order ${number}` },
		raw: {},
	};
}

/** Puts the order into the CRM's orders table as the Order Store saves it (one version row). */
export function seedExistingOrder(env: ReliabilityEnvironment, order: NormalizedOrder): void {
	const table = env.bigquery.state.tables[`${SIMULATOR_PROJECT_ID}.crm.orders`];
	if (!table) throw new Error('the CRM orders table does not exist (setUpCrmTables did not run)');
	const { row, errors } = checkRow(table.schema?.fields ?? [], orderRow(order, contentHash(order), new Date().toISOString()), false);
	if (!row) throw new Error(`the seeded order row does not fit the orders table: ${JSON.stringify(errors)}`);
	table.rows.push(row);
	table.rowArrivals.push(Date.now());
}

export function spoofedEmails(count: number, tag: string, existingNumber: string): SpoofedEmail[] {
	return Array.from({ length: count }, (_, n) => {
		const spoof = SPOOFS[n % SPOOFS.length];
		const orderNumber = spoof.existing ? existingNumber : `SP-X${tag}-${n}`;
		// One in ten: a 1 MB hostile value where the template reads the customer, phone or total.
		const hostile = n % 10 === 9 ? HOSTILE_SHAPES[Math.floor(n / 10) % HOSTILE_SHAPES.length] : undefined;
		const value = hostile ? escapeHtml(hostile.make()) : undefined;
		const field = (['customer', 'phone', 'total'] as const)[Math.floor(n / 10) % 3];
		const fields = { customer: 'Jo Real', phone: '(415) 555-0123', total: spoof.existing ? '999.00' : '5.00', ...(value ? { [field]: value } : {}) };
		const html = templateHtml(orderNumber, fields);
		const headers = [
			...spoof.results.map((result) => `Authentication-Results: ${result}`),
			`From: ${spoof.from}`,
			'To: owner@shop.example',
			`Subject: SwiftParcel order: New order ${orderNumber}`,
			`Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
			`Message-ID: <${orderNumber}.${n}.${tag}@mail.evil.example>`,
			'MIME-Version: 1.0',
			'Content-Type: text/html; charset=utf-8',
			'Content-Transfer-Encoding: 8bit',
		];
		return { kind: hostile ? `${spoof.kind}, 1 MB ${hostile.name} as ${field}` : spoof.kind, orderNumber, mime: `${headers.join('\r\n')}\r\n\r\n${html}\r\n` };
	});
}
