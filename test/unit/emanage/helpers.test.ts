import { parseCsv } from '../../../nodes/EManageCrm/helpers/csv';
import { dedupeReceiptRows, groupByOrder } from '../../../nodes/EManageCrm/helpers/exportRows';
import { fingerprint, MAX_BOUNDARY_IDS, selectNew } from '../../../nodes/EManageCrm/helpers/highWaterMark';
import { parseApiDate } from '../../../nodes/EManageCrm/transport/assumedContract';
import { authHeaders, describeLoginRefusal, tokenFromAuthAnswer } from '../../../nodes/EManageCrm/transport/auth';

describe('CSV reader', () => {
	it('reads quotes, doubled quotes, commas and line breaks inside fields, CRLF and a BOM', () => {
		const text = '\uFEFFOrder ID,Name,Note\r\n1,"Smith, Anna","said ""hi""\nthen left"\r\n2,Bob,\r\n';
		expect(parseCsv(text)).toEqual({
			header: ['Order ID', 'Name', 'Note'],
			rows: [
				{ 'Order ID': '1', Name: 'Smith, Anna', Note: 'said "hi"\nthen left' },
				{ 'Order ID': '2', Name: 'Bob', Note: '' },
			],
		});
	});

	it('reads a last line without a line end and skips blank lines', () => {
		expect(parseCsv('a,b\n\n1,2').rows).toEqual([{ a: '1', b: '2' }]);
	});

	it('refuses a file that ends inside quotes', () => {
		expect(() => parseCsv('a\n"open')).toThrow('the CSV ends inside a quoted field');
	});
});

describe('export rows', () => {
	const row = (id: string, tx: string, status = 'Paid', amount = '10') => ({ 'Order ID': id, TransactionId: tx, 'Create Date (Receipts)': '2026-03-01 10:00:00', 'Receipt Status Name': status, Amount: amount, Email: 'a@example.com' });

	it('drops exact receipt repeats only', () => {
		const rows = [row('1', 'T1'), row('1', 'T1'), row('1', 'T2', 'Refunded', '-10'), row('2', 'T1')];
		const { rows: kept, duplicates } = dedupeReceiptRows(rows);
		expect(duplicates).toBe(1);
		expect(kept).toHaveLength(3);
	});

	it('groups receipts under their order', () => {
		const grouped = groupByOrder([row('1', 'T1'), row('1', 'T2', 'Refunded', '-10')]);
		expect(grouped).toEqual([{ 'Order ID': '1', Email: 'a@example.com', receipts: [expect.objectContaining({ TransactionId: 'T1' }), expect.objectContaining({ TransactionId: 'T2', Amount: '-10' })] }]);
	});
});

describe('high-water mark', () => {
	const at = (iso: string) => Date.parse(iso);
	const records = [
		{ id: 'a', t: '2026-03-01T10:00:00Z' },
		{ id: 'b', t: '2026-03-01T10:00:05Z' },
		{ id: 'c', t: '2026-03-01T10:00:05Z' },
	];
	const select = (list: typeof records, watermark: { since: string; boundaryIds: string[] }) => selectNew(list, watermark, (r) => r.id, (r) => at(r.t));

	it('emits records at or after the mark, oldest first, and remembers those at the newest instant', () => {
		const { fresh, next } = select([...records].reverse(), { since: '2026-03-01T10:00:00.000Z', boundaryIds: ['a'] });
		expect(fresh.map((change) => change.key)).toEqual(['b', 'c']);
		expect(next).toEqual({ since: '2026-03-01T10:00:05.000Z', boundaryIds: ['b', 'c'] });
	});

	it('adds to the boundary when new records share the mark, and keeps it bounded', () => {
		const { next } = select([{ id: 'd', t: '2026-03-01T10:00:05Z' }], { since: '2026-03-01T10:00:05.000Z', boundaryIds: ['b', 'c'] });
		expect(next.boundaryIds).toEqual(['b', 'c', 'd']);
		const many = Array.from({ length: MAX_BOUNDARY_IDS + 5 }, (_, index) => ({ id: `x${index}`, t: '2026-03-01T10:00:05Z' }));
		expect(select(many, { since: '2026-03-01T10:00:00.000Z', boundaryIds: [] }).next.boundaryIds).toHaveLength(MAX_BOUNDARY_IDS);
	});

	it('returns the same mark when nothing is new', () => {
		const watermark = { since: '2026-03-01T10:00:05.000Z', boundaryIds: ['b', 'c'] };
		expect(select(records, watermark)).toEqual({ fresh: [], next: watermark });
	});

	it('fingerprints records by content', () => {
		expect(fingerprint({ a: 1 })).toBe(fingerprint({ a: 1 }));
		expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
	});
});

describe('eManageCRM login helpers', () => {
	it('finds the token in every answer shape integrators accept', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
		for (const body of [jwt, `"${jwt}"`, { token: jwt }, { access_token: jwt }, { accessToken: jwt }, { data: { token: jwt } }, { data: { accessToken: jwt } }, JSON.stringify({ token: jwt })]) {
			expect(tokenFromAuthAnswer(body)).toBe(jwt);
		}
		expect(tokenFromAuthAnswer('<html>login</html>')).toBeUndefined();
		expect(tokenFromAuthAnswer({ message: 'nope' })).toBeUndefined();
	});

	it('recognises expired passwords and locked accounts by their words or codes', () => {
		expect(describeLoginRefusal(401, { message: 'Password has expired' }, 'u').message).toBe('the password of user "u" has expired');
		expect(describeLoginRefusal(400, { code: 'PasswordExpired' }, 'u').message).toBe('the password of user "u" has expired');
		expect(describeLoginRefusal(423, { message: 'The user is locked out.' }, 'u').message).toBe('the account of user "u" is locked');
		expect(describeLoginRefusal(401, { message: 'Invalid username or password.' }, 'u').fix).toContain('Username and Password');
	});

	it('sends the bearer token to the server API and only the client ID to the Web Sales API', () => {
		const credentials = { apiBaseUrl: 'https://api.example', webSalesBaseUrl: 'https://sales.example/api', clientId: 'cid-1', accessToken: 'tok-123' };
		expect(authHeaders(credentials, 'https://api.example/order/1/10')).toEqual({ Authorization: 'bearer tok-123' });
		expect(authHeaders(credentials, 'https://sales.example/api/campaigns/x/products/prices')).toEqual({ X_CID: 'cid-1' });
		// An empty Web Sales address (no default any more) must not make every URL look like a Web Sales one.
		expect(authHeaders({ ...credentials, webSalesBaseUrl: '' }, 'https://api.example/order/1/10')).toEqual({ Authorization: 'bearer tok-123' });
	});

	it('reads dates without a zone as UTC', () => {
		expect(parseApiDate('2026-03-01T10:00:00')).toBe(Date.parse('2026-03-01T10:00:00Z'));
		expect(parseApiDate('2026-03-01 10:00:00')).toBe(Date.parse('2026-03-01T10:00:00Z'));
		expect(parseApiDate('2026-03-01T10:00:00+02:00')).toBe(Date.parse('2026-03-01T08:00:00Z'));
		expect(parseApiDate('')).toBeNaN();
	});
});
