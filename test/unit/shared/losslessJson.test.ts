import { largeInteger, parseLossless, stringifyLossless } from '../../../nodes/shared/losslessJson';

describe('parseLossless', () => {
	it('keeps integers beyond 2^53 exact, as strings', () => {
		expect(parseLossless('{"id":9007199254740993,"n":[12345678901234567890]}')).toEqual({
			id: '9007199254740993',
			n: ['12345678901234567890'],
		});
	});

	it('leaves safe integers, decimals and exponents as numbers', () => {
		expect(parseLossless('[1,-2,3.25,1e21,1234567890123456,9007199254740991,-1.5E-3]')).toEqual([
			1, -2, 3.25, 1e21, 1234567890123456, 9007199254740991, -0.0015,
		]);
	});

	it('turns the first unsafe integer, 2^53, and negative ones into strings', () => {
		expect(parseLossless('[9007199254740992,-9007199254740993]')).toEqual(['9007199254740992', '-9007199254740993']);
	});

	it('never touches digits inside strings, escaped quotes included', () => {
		const text = '{"a":"9007199254740993","b":"say \\"12345678901234567\\" please","c":true,"d":null}';
		expect(parseLossless(text)).toEqual(JSON.parse(text));
	});

	it('still rejects invalid JSON', () => {
		expect(() => parseLossless('{"a":')).toThrow(SyntaxError);
	});
});

describe('stringifyLossless', () => {
	it('writes marked digit strings as bare JSON numbers, and everything else as JSON.stringify does', () => {
		const body = { subscriber_id: largeInteger('9007199254740993'), tag_id: 101, note: '9007199254740993' };
		expect(stringifyLossless(body)).toBe('{"subscriber_id":9007199254740993,"tag_id":101,"note":"9007199254740993"}');
		expect(parseLossless(stringifyLossless(body))).toEqual({ subscriber_id: '9007199254740993', tag_id: 101, note: '9007199254740993' });
	});

	it('refuses a value that is not an integer', () => {
		expect(() => largeInteger('12a')).toThrow('"12a" is not an integer');
	});
});
