/**
 * Hostile and malformed emails: each one, alone, through the real engine. None may crash the
 * workflow or hang: each ends as an order, a review item with a reason, or an item error, within
 * its time bound.
 */
import { seededRandom } from '../../../simulators/frame/random';
import { runWorkflow } from '../harness/runWorkflow';
import { PARSER, parserWorkflow } from './workflow';

/**
 * A bound that catches runaway (super-linear) work, not a speed target: the largest input here
 * (20,000 item rows, 1.3 MB of HTML) is linear work of about 5 s of CPU on a loaded 2-core machine
 * (5.35 s seen in a full CI run); speed itself is measured by `npm run bench -- email`.
 */
const PER_EMAIL_BOUND_MS = 15_000;

const headers = (extra = '') =>
	`From: SwiftParcel <orders@swiftparcel.example>\r\nTo: owner@shop.example\r\nSubject: New order SP-9\r\nDate: Fri, 20 Nov 2026 10:15:00 +0000\r\nMessage-ID: <h@swiftparcel.example>\r\nMIME-Version: 1.0\r\n${extra}`;

const validHtml =
	'<h2>New order #SP-9</h2><table class="details"><tr><th>Customer:</th><td>Jo</td></tr><tr><th>Phone:</th><td>(415) 555-0123</td></tr></table>' +
	'<table class="items"><tr><th>SKU</th><th>Product</th><th>Qty</th><th>Unit price</th><th>Total</th></tr><tr><td>A</td><td>Mug</td><td>1</td><td>$5.00</td><td>$5.00</td></tr></table>' +
	'<table class="totals"><tr><th>Total:</th><td>$5.00</td></tr></table>';

const validMultipart = `${headers('Content-Type: multipart/alternative; boundary="b1"\r\n')}\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNew order\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(validHtml).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--b1--\r\n`;

function hostileInputs(): Array<{ name: string; mime: string }> {
	const random = seededRandom(20261122);
	const inputs: Array<{ name: string; mime: string }> = [];
	// 1. Truncated at 80 points.
	for (let n = 1; n <= 80; n++) inputs.push({ name: `truncated at ${n}/80`, mime: validMultipart.slice(0, Math.floor((validMultipart.length * n) / 81)) });
	// 2. Random bytes.
	for (let n = 0; n < 40; n++) {
		const length = Math.floor(random() * 4000);
		inputs.push({ name: `random bytes #${n}`, mime: Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 256))).join('') });
	}
	// 3. Nested multiparts.
	for (const depth of [10, 50, 200, 1000]) {
		let body = `Content-Type: text/html\r\n\r\n${validHtml}`;
		for (let level = 0; level < depth; level++) body = `Content-Type: multipart/mixed; boundary="n${level}"\r\n\r\n--n${level}\r\n${body}\r\n--n${level}--`;
		inputs.push({ name: `multipart nested ${depth} deep`, mime: headers() + body });
	}
	// 4. Huge and numerous headers.
	inputs.push({ name: 'one 300 KB header', mime: `${headers(`X-Big: ${'x'.repeat(300_000)}\r\nContent-Type: text/html\r\n`)}\r\n${validHtml}` });
	inputs.push({ name: 'one 6 MB header (over the size cap)', mime: `${headers(`X-Big: ${'x'.repeat(6_000_000)}\r\n`)}\r\n${validHtml}` });
	inputs.push({ name: '20,000 headers', mime: `${headers(Array.from({ length: 20_000 }, (_, n) => `X-H${n}: v`).join('\r\n') + '\r\nContent-Type: text/html\r\n')}\r\n${validHtml}` });
	inputs.push({ name: 'header folded 50,000 times', mime: `${headers(`Subject: a${'\r\n b'.repeat(50_000)}\r\nContent-Type: text/html\r\n`)}\r\n${validHtml}` });
	// 5. ReDoS-shaped and oversized text in the places the templates read.
	for (const [name, html] of [
		['phone of 100,000 digits', validHtml.replace('(415) 555-0123', '1'.repeat(100_000))],
		['label line of 200,000 colons', `<p>${':'.repeat(200_000)}</p>${validHtml}`],
		['order number regex bait', `<h2>New order ${'#'.repeat(50_000)}</h2>${validHtml.replace('<h2>New order #SP-9</h2>', '')}`],
		['20,000 item rows', validHtml.replace('</table><table class="totals">', `${'<tr><td>A</td><td>Mug</td><td>1</td><td>$5.00</td><td>$5.00</td></tr>'.repeat(20_000)}</table><table class="totals">`)],
		['tables nested 3,000 deep', `${'<table><tr><td>'.repeat(3000)}x${'</td></tr></table>'.repeat(3000)}${validHtml}`],
		['3,000 unclosed divs', `${'<div>'.repeat(3000)}${validHtml}`],
		['script and style', `<script>while(true){}</script><style>*{}</style>${validHtml}`],
		['entity flood', `${'&amp;'.repeat(100_000)}${validHtml}`],
		['money with 10,000 digits', validHtml.replace('$5.00</td></tr></table>', `$${'9'.repeat(10_000)}.00</td></tr></table>`)],
	] as const) {
		inputs.push({ name, mime: `${headers('Content-Type: text/html; charset=utf-8\r\n')}\r\n${html}` });
	}
	// 6. Broken encodings and structure.
	for (const [name, extra, body] of [
		['invalid base64', 'Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n', '!!!@@@###'.repeat(1000)],
		['invalid quoted-printable', 'Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n', '=ZZ=Q'.repeat(5000)],
		['unknown charset', 'Content-Type: text/html; charset=x-no-such-charset\r\n', validHtml],
		['multipart without boundary', 'Content-Type: multipart/alternative\r\n', validHtml],
		['boundary never closed', 'Content-Type: multipart/alternative; boundary="open"\r\n', `--open\r\nContent-Type: text/html\r\n\r\n${validHtml}`],
		['RFC 2047 garbage subject', 'Subject: =?utf-8?B?####?= =?x?Q?=ZZ?=\r\nContent-Type: text/html\r\n', validHtml],
		['NUL bytes', 'Content-Type: text/html\r\n', `${validHtml}\u0000\u0000\u0000`],
		['empty body', 'Content-Type: text/html\r\n', ''],
	] as const) {
		inputs.push({ name, mime: `${headers(extra)}\r\n${body}` });
	}
	// 7. Random mutations of a valid email: byte flips, dropped and duplicated spans.
	for (let n = 0; n < 60; n++) {
		const chars = [...validMultipart];
		for (let flips = 0; flips < 1 + Math.floor(random() * 20); flips++) {
			const at = Math.floor(random() * chars.length);
			const action = random();
			if (action < 0.4) chars[at] = String.fromCharCode(Math.floor(random() * 256));
			else if (action < 0.7) chars.splice(at, Math.floor(random() * 50));
			else chars.splice(at, 0, ...chars.slice(at, at + Math.floor(random() * 200)));
		}
		inputs.push({ name: `mutation #${n}`, mime: chars.join('') });
	}
	return inputs;
}

const redosTemplate = JSON.stringify([
	{
		id: 'redos',
		name: 'ReDoS bait',
		match: { bodyContains: ['REDOS-MARKER'] },
		currency: 'EUR',
		defaultCountry: 'FR',
		fields: { orderNumber: { regex: '(a+)+$', group: 1 }, total: { label: 'Total' } },
		items: { columns: { title: 'Product', quantity: 'Qty' } },
	},
]);

describe('Delivery Email Parser with hostile input', () => {
	const inputs = hostileInputs();
	inputs.push({ name: 'catastrophic template regex', mime: `${headers('Content-Type: text/html\r\n')}\r\n<p>REDOS-MARKER</p><p>${'a'.repeat(40)}!</p>` });

	it('has at least 200 hostile inputs', () => {
		expect(inputs.length).toBeGreaterThanOrEqual(200);
	});

	it.each(inputs.map((input, index) => [index, input.name] as const))('#%i %s: ends as an order, a review or an item error, in time', async (index) => {
		// CPU time of this process, not wall time: what the parser spends, whatever else the machine runs.
		const started = process.cpuUsage();
		const result = await runWorkflow(
			parserWorkflow({ inputFormat: 'rawField', field: 'mime', customTemplates: redosTemplate, options: { regexTimeoutMs: 50 } }, `hostile${index}`),
			{ input: [{ mime: inputs[index].mime }], nodeSettings: { [PARSER]: { onError: 'continueRegularOutput' } } },
		);
		const cpu = process.cpuUsage(started);
		const elapsed = (cpu.user + cpu.system) / 1000;

		expect(result.run.status).toBe('success');
		const outputs = result.run.data.resultData.runData[PARSER][0].data!.main;
		const produced = [...(outputs[0] ?? []), ...(outputs[1] ?? [])];
		expect(produced).toHaveLength(1);
		expect(produced[0].pairedItem).toEqual({ item: 0 });
		const json = produced[0].json;
		if (outputs[1]?.length) expect(typeof (json.reason ?? json.error)).toBe('string');
		expect(elapsed).toBeLessThan(PER_EMAIL_BOUND_MS);
	});

	it('stops a runaway template regex at its time limit and sends the email to review', async () => {
		const mime = inputs.at(-1)!.mime;
		const result = await runWorkflow(parserWorkflow({ inputFormat: 'rawField', field: 'mime', customTemplates: redosTemplate, options: { regexTimeoutMs: 50 } }), {
			input: [{ mime }],
		});
		const review = result.run.data.resultData.runData[PARSER][0].data!.main[1]!;
		expect(review[0].json.reason).toBe('could not read the email: the regular expression /(a+)+$/ ran longer than 50 ms');
	});
});
