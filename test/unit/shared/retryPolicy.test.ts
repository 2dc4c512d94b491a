import {
	backoffDelay,
	DEFAULT_RETRY_OPTIONS,
	isRetryable,
	parseRetryAfter,
} from '../../../nodes/shared/transport/retryPolicy';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-22T12:00:00Z');

	it.each([
		['120', 120_000],
		['0', 0],
		['1.5', 1500],
		[['7'], 7000],
	])('reads delta-seconds %p', (header, expected) => {
		expect(parseRetryAfter(header, now)).toBe(expected);
	});

	it('reads an HTTP-date relative to now', () => {
		expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
	});

	it('treats a date in the past as "now"', () => {
		expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
	});

	it.each([undefined, '', 'soon', '-5'])('ignores %p', (header) => {
		expect(parseRetryAfter(header as string | undefined, now)).toBeUndefined();
	});
});

describe('isRetryable', () => {
	it.each([408, 429, 500, 502, 503, 504])('repeats an idempotent request after HTTP %i', (statusCode) => {
		expect(isRetryable({ kind: 'status', statusCode }, true)).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 422, 501])('never repeats after HTTP %i', (statusCode) => {
		expect(isRetryable({ kind: 'status', statusCode }, true)).toBe(false);
	});

	it('never repeats a non-idempotent send after a 5xx or timeout answer: it may have been processed', () => {
		for (const statusCode of [408, 500, 502, 503, 504]) {
			expect(isRetryable({ kind: 'status', statusCode }, false)).toBe(false);
		}
	});

	it('repeats a send after 429: the service refused it before doing anything', () => {
		expect(isRetryable({ kind: 'status', statusCode: 429 }, false)).toBe(true);
	});

	it('repeats a send only when the connection was never made', () => {
		expect(isRetryable({ kind: 'network', code: 'ECONNREFUSED' }, false)).toBe(true);
		expect(isRetryable({ kind: 'network', code: 'ENOTFOUND' }, false)).toBe(true);
		expect(isRetryable({ kind: 'network', code: 'ECONNRESET' }, false)).toBe(false);
		expect(isRetryable({ kind: 'network', code: 'ETIMEDOUT' }, false)).toBe(false);
	});

	it('repeats reads after resets and timeouts, not after unknown errors', () => {
		expect(isRetryable({ kind: 'network', code: 'ECONNRESET' }, true)).toBe(true);
		expect(isRetryable({ kind: 'network', code: 'ETIMEDOUT' }, true)).toBe(true);
		expect(isRetryable({ kind: 'network', code: undefined }, true)).toBe(false);
	});
});

describe('backoffDelay', () => {
	const options = { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 100, maxDelayMs: 1000 };

	it('grows exponentially up to the ceiling, with full jitter', () => {
		expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, undefined, () => 1))).toEqual([
			100, 200, 400, 800, 1000, 1000,
		]);
		expect(backoffDelay(3, options, undefined, () => 0)).toBe(0);
		expect(backoffDelay(3, options, undefined, () => 0.5)).toBe(200);
	});

	it('never waits less than Retry-After, even above the backoff ceiling', () => {
		expect(backoffDelay(1, options, 5000, () => 0)).toBe(5000);
		expect(backoffDelay(1, options, 5000, () => 1)).toBe(5100);
	});
});
