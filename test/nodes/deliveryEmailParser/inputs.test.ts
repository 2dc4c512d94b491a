import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { PARSER, parserWorkflow } from './workflow';

const html =
	'<h2>New order #SP-77</h2><table class="details"><tr><th>Customer:</th><td>Ann Lee</td></tr><tr><th>Email:</th><td>ANN@Example.com</td></tr></table>' +
	'<table class="items"><tr><th>SKU</th><th>Product</th><th>Qty</th><th>Unit price</th><th>Total</th></tr><tr><td>T1</td><td>Tea &amp; honey</td><td>3</td><td>$2.00</td><td>$6.00</td></tr></table>' +
	'<table class="totals"><tr><th>Total:</th><td>$6.00</td></tr></table>';

/** What Gmail's receiving server writes on top of a message SwiftParcel signed. */
const passing = 'mx.google.com; dkim=pass header.i=@swiftparcel.example header.s=s1 header.b=AbC; spf=pass smtp.mailfrom=bounces@swiftparcel.example; dmarc=pass (p=REJECT) header.from=swiftparcel.example';

const mime = [
	`Authentication-Results: ${passing}`,
	'From: "SwiftParcel" <Orders@SwiftParcel.example>',
	'To: owner@shop.example',
	'Subject: New order SP-77',
	'Date: Sat, 21 Nov 2026 09:00:00 +0100',
	'Message-ID: <sp77@swiftparcel.example>',
	'MIME-Version: 1.0',
	'Content-Type: text/html; charset=utf-8',
	'Content-Transfer-Encoding: quoted-printable',
	'',
	html.replace(/=/g, '=3D').replace(/.{70}/g, '$&=\r\n'),
].join('\r\n');

const expectedOrder = {
	service: 'swiftparcel',
	orderNumber: 'SP-77',
	customer: { name: 'Ann Lee', phone: null, email: 'ann@example.com' },
	items: [{ sku: 'T1', title: 'Tea & honey', quantity: 3, unitPrice: '2.00', total: '6.00' }],
	totals: { subtotal: null, shipping: null, total: '6.00' },
	currency: 'USD',
};
const expectedEmail = { messageId: '<sp77@swiftparcel.example>', receivedAt: '2026-11-21T08:00:00.000Z', from: 'orders@swiftparcel.example', subject: 'New order SP-77' };

async function parse(input: IDataObject, parameters: Record<string, unknown> = {}) {
	const result = await runWorkflow(parserWorkflow({ inputFormat: 'auto', options: { deduplicate: false }, ...parameters } as never), {
		input: [input],
	});
	return result;
}

describe('Delivery Email Parser › input shapes', () => {
	it('reads Gmail raw (base64url of the whole message), detected automatically', async () => {
		const result = await parse({ id: '18c0', threadId: '18c0', raw: Buffer.from(mime).toString('base64url') });
		expect(result.output(PARSER)[0].json).toMatchObject({ ...expectedOrder, email: expectedEmail });
	});

	it('reads the mailparser shape of Gmail (Simplify off) and the IMAP "resolved" format', async () => {
		const item = {
			html,
			text: 'New order',
			subject: 'New order SP-77',
			date: '2026-11-21T08:00:00.000Z',
			messageId: '<sp77@swiftparcel.example>',
			from: { value: [{ address: 'orders@swiftparcel.example', name: 'SwiftParcel' }], text: 'SwiftParcel <orders@swiftparcel.example>' },
			headers: {},
		};
		// n8n keeps one line per header name there, the LAST: for Authentication-Results the one a sender can write.
		const oneLine = await parse({ ...item, headers: { 'authentication-results': `Authentication-Results: ${passing}` } });
		expect(oneLine.output(PARSER)).toEqual([]);
		expect(oneLine.run.data.resultData.runData[PARSER][0].data!.main[1]![0].json.reason).toMatch(/^not authenticated for swiftparcel\.example: this input keeps only the last Authentication-Results header/);
		// Every occurrence as a list (topmost first) can be read.
		const result = await parse({ ...item, headers: { 'authentication-results': [`Authentication-Results: ${passing}`, 'mx.google.com; dkim=fail'] } });
		expect(result.output(PARSER)[0].json).toMatchObject({ ...expectedOrder, email: expectedEmail });
	});

	it('reads the IMAP "simple" format, whose headers are raw strings', async () => {
		const item = { textHtml: html, textPlain: '', subject: 'New order SP-77', date: '2026-11-21T08:00:00.000Z', from: 'SwiftParcel <orders@swiftparcel.example>', metadata: { 'message-id': '<sp77@swiftparcel.example>', 'authentication-results': passing }, attributes: { uid: 7 } };
		const result = await parse(item);
		expect(result.output(PARSER)[0].json).toMatchObject({ ...expectedOrder, email: expectedEmail });
	});

	it('reads a raw MIME message from a field and HTML from a field', async () => {
		expect((await parse({ eml: mime }, { inputFormat: 'rawField', field: 'eml' })).output(PARSER)[0].json).toMatchObject(expectedOrder);
		// Plain HTML carries no sender, subject or headers: a body marker matches it, but nobody can tell who sent it.
		const bodyTemplate = JSON.stringify([{ id: 'sp-html', name: 'SwiftParcel HTML', senderDomain: 'swiftparcel.example', match: { bodyContains: ['New order #SP-'] }, currency: 'USD', defaultCountry: 'US', fields: { orderNumber: { regex: 'New order\\s*#(SP-\\d+)' }, total: { label: 'Total' } }, items: { columns: { title: 'Product', quantity: 'Qty', total: 'Total' } } }]);
		const fromHtml = await parse({ body: html }, { inputFormat: 'html', field: 'body', customTemplates: bodyTemplate });
		expect(fromHtml.output(PARSER)).toEqual([]);
		expect(fromHtml.run.data.resultData.runData[PARSER][0].data!.main[1]![0].json).toMatchObject({
			reason: 'not authenticated for swiftparcel.example: the input is HTML only, without the email headers; give the node the whole email',
			service: 'sp-html',
			partial: { orderNumber: 'SP-77', email: { messageId: null, from: null } },
		});
	});

	it("rejects Gmail's simplified output, naming the setting to change", async () => {
		const result = await parse({ id: '18c0', snippet: 'New order SP-77…', payload: { mimeType: 'multipart/alternative' }, Subject: 'New order SP-77' });
		expect(result.error(PARSER)?.message).toBe("Input: this is Gmail's simplified output, which holds no email body");
		expect(result.error(PARSER)?.description).toBe('Turn off "Simplify" in the Gmail Trigger or Gmail node that fetches the email.');
	});

	it('rejects the IMAP "RAW" format (body without headers), naming the setting to change', async () => {
		const result = await parse({ raw: 'This is a multi-part message in MIME format.\r\n--b1\r\nContent-Type: text/html\r\n\r\n<p>hi</p>' });
		expect(result.error(PARSER)?.message).toBe('Input: this looks like the Email Trigger (IMAP) "RAW" format, which is the body without its headers');
		expect(result.error(PARSER)?.description).toContain('"Resolved"');
	});

	it('sends an email over the size cap to review instead of parsing it', async () => {
		const result = await parse({ eml: `${mime}<p>${'x'.repeat(2000)}</p>` }, { inputFormat: 'rawField', field: 'eml', options: { maxEmailKb: 1, deduplicate: false } });
		const review = result.run.data.resultData.runData[PARSER][0].data!.main[1]!;
		expect(review[0].json.reason).toMatch(/^the email is \d+ KB, over the 1 KB limit$/);
	});
});

describe('Delivery Email Parser › custom templates', () => {
	const thirdService = {
		id: 'pakketpost',
		name: 'PakketPost',
		senderDomain: 'pakketpost.example',
		match: { subjectContains: ['PakketPost bestelling'] },
		currency: 'EUR',
		defaultCountry: 'NL',
		fields: {
			orderNumber: { selector: 'span.order-id' },
			phone: [{ label: 'Telefoon' }, { regex: 'tel\\.?\\s*([+\\d ]+)', flags: 'i' }],
			total: { label: 'Totaal' },
		},
		items: { columns: { title: 'Artikel', quantity: 'Aantal', total: 'Bedrag' } },
	};
	const dutch = [
		'Authentication-Results: mx.google.com; dkim=pass header.d=mail.pakketpost.example header.s=k1; dmarc=pass header.from=pakketpost.example',
		'From: PakketPost <noreply@pakketpost.example>',
		'Subject: PakketPost bestelling PP-3',
		'Date: Sat, 21 Nov 2026 09:00:00 +0000',
		'Message-ID: <pp3@pakketpost.example>',
		'Content-Type: text/html; charset=utf-8',
		'',
		'<p>Bestelling <span class="order-id">PP-3</span></p><p>Bel ons: tel. 020 123 4567</p>',
		'<table><tr><th>Artikel</th><th>Aantal</th><th>Bedrag</th></tr><tr><td>Fiets</td><td>1</td><td>€ 1.250,00</td></tr></table><p>Totaal: € 1.250,00</p>',
	].join('\r\n');

	it('reads a third service by CSS selector, label and regex fallback, without code', async () => {
		const result = await parse({ eml: dutch }, { inputFormat: 'rawField', field: 'eml', customTemplates: JSON.stringify([thirdService]) });
		expect(result.output(PARSER)[0].json).toMatchObject({
			service: 'pakketpost',
			orderNumber: 'PP-3',
			customer: { phone: '+31201234567' },
			items: [{ title: 'Fiets', quantity: 1, total: '1250.00' }],
			totals: { total: '1250.00' },
			currency: 'EUR',
		});
	});

	it('explains a broken template by template and key', async () => {
		const broken = [{ ...thirdService, currency: 'euro', fields: { ...thirdService.fields, colour: { label: 'Kleur' } } }];
		const result = await parse({ eml: dutch }, { inputFormat: 'rawField', field: 'eml', customTemplates: JSON.stringify(broken) });
		const message = result.error(PARSER)?.message ?? '';
		expect(message).toContain('Custom Templates (JSON): template 1 ("pakketpost"): "currency" must be an ISO code such as "EUR"');
		expect(message).toContain('unknown field "colour"');
	});
});
