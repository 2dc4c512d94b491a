import { checkSender, parseAuthenticationResults, trustedResults } from '../../../nodes/DeliveryEmailParser/helpers/authenticationResults';

const gmail = (results: string) => `mx.google.com;\r\n       ${results}`;
const check = (headers: string[], domain = 'swiftparcel.example', authservId = 'mx.google.com') => checkSender({ headers }, authservId, domain);

describe('Authentication-Results (RFC 8601)', () => {
	it('reads methods, results and properties, without comments, quotes or folding', () => {
		expect(
			parseAuthenticationResults(
				'mx.google.com 1;\r\n\tdkim=pass (2048-bit key; unprotected) header.i=@SwiftParcel.example header.s=s1 header.b="Xk3=";\r\n\tspf = pass (google.com: domain of a@b designates (nested) 1.2.3.4) smtp.mailfrom=a@b; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=swiftparcel.example',
			),
		).toEqual({
			authservId: 'mx.google.com',
			results: [
				{ method: 'dkim', result: 'pass', properties: { 'header.i': '@SwiftParcel.example', 'header.s': 's1', 'header.b': 'Xk3=' } },
				{ method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'a@b' } },
				{ method: 'dmarc', result: 'pass', properties: { 'header.from': 'swiftparcel.example' } },
			],
		});
		expect(parseAuthenticationResults('mx.google.com; none')).toEqual({ authservId: 'mx.google.com', results: [] });
		expect(parseAuthenticationResults('')).toBeUndefined();
	});

	it('trusts the topmost header of the receiving server, not one written further down', () => {
		const forged = gmail('dkim=pass header.d=swiftparcel.example');
		const real = gmail('dkim=pass header.d=attacker.example; dmarc=fail header.from=swiftparcel.example');
		expect(trustedResults(['attacker.example; dkim=pass header.d=swiftparcel.example', real, forged], 'MX.google.com')?.results[0].properties['header.d']).toBe('attacker.example');
		expect(check([real, forged])).toEqual({
			authenticated: false,
			reason: 'not authenticated for swiftparcel.example: dkim=pass (header.d=attacker.example), dmarc=fail (header.from=swiftparcel.example)',
		});
		// Another server's header never counts, whatever it says.
		expect(check(['attacker.example; dkim=pass header.d=swiftparcel.example; dmarc=pass header.from=swiftparcel.example'])).toEqual({
			authenticated: false,
			reason: 'not authenticated for swiftparcel.example: no Authentication-Results header from mx.google.com',
		});
	});

	it.each([
		['DKIM for the domain (header.d)', 'dkim=pass header.d=swiftparcel.example'],
		['DKIM for a subdomain (header.i)', 'dkim=pass header.i=@mail.SwiftParcel.example'],
		['DKIM identity with a local part', 'dkim=pass header.i=orders@swiftparcel.example'],
		['DMARC with the From domain', 'dkim=fail header.d=swiftparcel.example; dmarc=pass header.from=swiftparcel.example'],
		['DKIM passing for one of two signatures', 'dkim=pass header.d=esp.example; dkim=pass header.d=swiftparcel.example'],
	])('accepts %s', (_case, results) => {
		expect(check([gmail(results)]).authenticated).toBe(true);
	});

	it.each([
		['no header', [], 'the email has no Authentication-Results header'],
		['DKIM failing', [gmail('dkim=fail header.d=swiftparcel.example')], 'dkim=fail (header.d=swiftparcel.example)'],
		['a look-alike domain', [gmail('dkim=pass header.d=swiftparcel.example.net; dmarc=pass header.from=swiftparcel.example.net')], 'dkim=pass (header.d=swiftparcel.example.net), dmarc=pass (header.from=swiftparcel.example.net)'],
		['a domain ending like it', [gmail('dkim=pass header.d=evilswiftparcel.example')], 'dkim=pass (header.d=evilswiftparcel.example)'],
		['SPF alone', [gmail('spf=pass smtp.mailfrom=swiftparcel.example')], 'no DKIM or DMARC result'],
		['DMARC failing', [gmail('dkim=none; dmarc=fail header.from=swiftparcel.example')], 'dkim=none, dmarc=fail (header.from=swiftparcel.example)'],
		['an identity of the domain under another signing domain', [gmail('dkim=pass header.d=attacker.example header.i=@swiftparcel.example')], 'dkim=pass (header.d=attacker.example)'],
		['the domain only inside a comment', [gmail('dkim=fail (header.d=swiftparcel.example) header.d=other.example')], 'dkim=fail (header.d=other.example)'],
	])('refuses %s, saying why', (_case, headers, detail) => {
		expect(check(headers as string[])).toEqual({ authenticated: false, reason: `not authenticated for swiftparcel.example: ${detail}` });
	});

	it('honours another trusted server name', () => {
		expect(check(['mx.shop.example; dkim=pass header.d=swiftparcel.example'], 'swiftparcel.example', 'mx.shop.example').authenticated).toBe(true);
		expect(check([gmail('dkim=pass header.d=swiftparcel.example')], 'swiftparcel.example', 'mx.shop.example').authenticated).toBe(false);
	});

	it('reads a 1 MB hostile header in linear time and shows at most a short quote', () => {
		const started = performance.now();
		const result = check([`mx.google.com; dkim=fail header.d=${'('.repeat(500_000)}`, gmail(`dkim=fail header.d=${'a'.repeat(1_000_000)}`)]);
		expect(performance.now() - started).toBeLessThan(1000);
		expect(result.authenticated).toBe(false);
		expect((result as { reason: string }).reason.length).toBeLessThan(200);
	});
});
