import { boundedMatch, RegexTimeout } from '../../../nodes/DeliveryEmailParser/helpers/boundedRegex';

describe('boundedMatch', () => {
	it('returns the groups of a match, empty strings for groups that did not take part', () => {
		expect(boundedMatch('Order #(\\d+)(x)?', '', 'Your Order #4711 is on its way', 1000)).toEqual({ groups: ['Order #4711', '4711', ''] });
	});

	it('returns undefined when the pattern does not match, and honours flags', () => {
		expect(boundedMatch('order', '', 'ORDER 1', 1000)).toBeUndefined();
		expect(boundedMatch('order (\\d)', 'i', 'ORDER 1', 1000)?.groups[1]).toBe('1');
	});

	it('reports an invalid pattern by name, and keeps serving afterwards', () => {
		expect(() => boundedMatch('(unclosed', '', 'text', 1000)).toThrow(RegexTimeout);
		expect(() => boundedMatch('(unclosed', '', 'text', 1000)).toThrow(/the regular expression \/\(unclosed\/ failed: .*Unterminated group/);
		expect(boundedMatch('t(e)xt', '', 'text', 1000)?.groups[1]).toBe('e');
	});

	it('stops a catastrophically backtracking pattern at its limit, then works again on a fresh worker', () => {
		const started = Date.now();
		expect(() => boundedMatch('^(a+)+$', '', `${'a'.repeat(40)}!`, 100)).toThrow('the regular expression /^(a+)+$/ ran longer than 100 ms');
		// Without the limit this match runs for hours; allow generous slack for a busy machine.
		expect(Date.now() - started).toBeLessThan(5000);
		expect(boundedMatch('(\\d+)', '', 'after 42', 1000)?.groups[1]).toBe('42');
	});

	it('answers each call with its own result over many calls', () => {
		for (let index = 0; index < 500; index++) {
			expect(boundedMatch('n(\\d+)', '', `x n${index} y`, 1000)?.groups[1]).toBe(String(index));
		}
	});
});
