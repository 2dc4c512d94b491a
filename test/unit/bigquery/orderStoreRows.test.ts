import { batches, MAX_ROWS_PER_REQUEST } from '../../../nodes/OrderStore/helpers/insert';
import { canonicalJson, checkOrder, contentHash, money } from '../../../nodes/OrderStore/helpers/orderRows';
import { normalizePrivateKey } from '../../../nodes/OrderStore/transport/account';

describe('money', () => {
	it('normalises amounts to at least two decimals and refuses what is not an amount', () => {
		expect(money('12.5')).toBe('12.50');
		expect(money(3)).toBe('3.00');
		expect(money('0.123456789')).toBe('0.123456789');
		expect(money('')).toBeNull();
		expect(money('1e3')).toBeUndefined();
		expect(money('12,50')).toBeUndefined();
		expect(money('1.0000000001')).toBeUndefined();
	});
});

describe('content hash', () => {
	const { order } = checkOrder(
		{ source: 'form', service: 'form', sourceOrderId: 'F-1', totals: { total: '10' }, currency: 'eur', items: [{ title: 'A', quantity: 1, unitPrice: 10, total: '10.0' }] },
		'2026-01-01T00:00:00.000Z',
	);

	it('fills the defaults and normalises money and currency', () => {
		expect(order).toMatchObject({ orderKey: 'form:form:F-1', orderNumber: 'F-1', currency: 'EUR', status: 'new', totals: { total: '10.00' }, items: [{ unitPrice: '10.00', total: '10.00' }] });
	});

	it('does not depend on key order, ingestedAt, raw or the email envelope; does depend on content', () => {
		const same = { ...order!, ingestedAt: '2027-01-01T00:00:00.000Z', raw: { x: 1 } };
		expect(contentHash(same)).toBe(contentHash(order!));
		expect(contentHash({ ...order!, status: 'paid' })).not.toBe(contentHash(order!));
		expect(canonicalJson({ b: 1, a: [2, { d: 3, c: null }] })).toBe('{"a":[2,{"c":null,"d":3}],"b":1}');
	});
});

describe('insertAll batches', () => {
	const row = (size: number) => ({ insertId: String(Math.random()), json: { text: 'x'.repeat(size) } });

	it('cuts at 500 rows', () => {
		expect(batches(Array.from({ length: 1001 }, () => row(10))).batches.map((batch) => batch.length)).toEqual([MAX_ROWS_PER_REQUEST, MAX_ROWS_PER_REQUEST, 1]);
	});

	it('cuts well under 10 MB, and reports a row too large to send', () => {
		const plan = batches([row(3_000_000), row(3_000_000), row(3_000_000), row(9_000_000)]);
		expect(plan.batches.map((batch) => batch.length)).toEqual([2, 1]);
		expect(plan.tooLarge).toHaveLength(1);
	});
});

describe('private key', () => {
	it('accepts escaped newlines, CRLF and surrounding space', () => {
		const pem = '-----BEGIN PRIVATE KEY-----\nABC\n-----END PRIVATE KEY-----\n';
		expect(normalizePrivateKey('  -----BEGIN PRIVATE KEY-----\\nABC\\n-----END PRIVATE KEY-----\\n ')).toBe(pem);
		expect(normalizePrivateKey('-----BEGIN PRIVATE KEY-----\r\nABC\r\n-----END PRIVATE KEY-----')).toBe(pem);
	});
});
