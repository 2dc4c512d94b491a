import { maskBody, maskHeaders } from '../../../simulators/frame/masking';
import { seededRandom } from '../../../simulators/frame/random';
import { validateFaults } from '../../../simulators/frame/server';
import { WindowLimiter } from '../../../simulators/frame/windowLimiter';

describe('simulator request masking', () => {
	it('hides credentials in headers but keeps the auth scheme readable', () => {
		expect(
			maskHeaders(
				{ authorization: 'Bearer 123:secret', 'x-shopify-access-token': 'shpat_x', 'x-custom': 'k', accept: 'json' },
				['x-custom'],
			),
		).toEqual({ authorization: 'Bearer ***', 'x-shopify-access-token': '***', 'x-custom': '***', accept: 'json' });
	});

	it('hides secret-looking body fields at any depth', () => {
		expect(maskBody({ grant_type: 'client_credentials', client_secret: 's', nested: [{ password: 'p', name: 'n' }] })).toEqual({
			grant_type: 'client_credentials',
			client_secret: '***',
			nested: [{ password: '***', name: 'n' }],
		});
	});
});

describe('validateFaults', () => {
	it('accepts a complete, sensible fault setting', () => {
		expect(
			validateFaults({
				statusRates: { 500: 0.2, 429: 0.1 },
				failNext: [{ status: 503, retryAfter: 2 }, { pass: true }],
				latencyMs: 50,
				hangRate: 0.05,
				hangNext: 1,
				throttle: false,
				pathPattern: '^/fb/',
				seed: 42,
			}),
		).toBeUndefined();
	});

	it.each([
		[[], 'send a JSON object'],
		[{ rates: {} }, 'unknown fault setting(s): rates'],
		[{ statusRates: { 700: 0.1 } }, '"700" is not an HTTP status code'],
		[{ statusRates: { 500: 0.7, 503: 0.6 } }, 'add up to more than 1'],
		[{ hangRate: 2 }, 'hangRate must be between 0 and 1'],
		[{ throttle: 'no' }, 'throttle must be true or false'],
		[{ failNext: [{}] }, 'needs a numeric status'],
		[{ pathPattern: '(' }, 'not a valid regular expression'],
	])('explains what is wrong with %j', (patch, problem) => {
		expect(validateFaults(patch)).toContain(problem);
	});
});

describe('WindowLimiter', () => {
	it('allows `limit` hits per window per key and says how long to wait after that', () => {
		const limiter = new WindowLimiter();
		expect([0, 100, 200].map((t) => limiter.hit('k', 3, 1000, t))).toEqual([0, 0, 0]);
		expect(limiter.hit('k', 3, 1000, 300)).toBe(1);
		expect(limiter.hit('other', 3, 1000, 300)).toBe(0);
		expect(limiter.hit('k', 3, 1000, 1001)).toBe(0); // the first hit left the window
	});
});

describe('seededRandom', () => {
	it('repeats the same sequence for the same seed', () => {
		const a = seededRandom(7);
		const b = seededRandom(7);
		const first = [a(), a(), a()];
		expect([b(), b(), b()]).toEqual(first);
		expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
	});
});
