import { CostBucket, perSecondBucket, resetSharedLimiters, sharedLimiter, TokenBucket } from '../../../nodes/shared/transport/rateLimiter';

/** A clock the test moves, and a sleep that moves it. */
function fakeTime() {
	let now = 0;
	const sleeps: number[] = [];
	return {
		clock: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
		advance: (ms: number) => (now += ms),
		sleeps,
	};
}

describe('TokenBucket', () => {
	it('lets a burst up to capacity through, then paces callers at the refill rate', async () => {
		const time = fakeTime();
		const bucket = new TokenBucket(3, 10, time.clock, time.sleep);
		const waits = [];
		for (let i = 0; i < 5; i++) waits.push(await bucket.take());
		expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
		expect(waits[3]).toBeCloseTo(100);
		expect(waits[4]).toBeCloseTo(100);
	});

	it('queues concurrent callers in arrival order, each waiting longer than the one before', async () => {
		const time = fakeTime();
		const bucket = new TokenBucket(1, 2, time.clock, () => new Promise<void>(() => {}));
		void bucket.take();
		const pending = [bucket.peekWait(), ((void bucket.take(), bucket.peekWait()))];
		// After one reservation beyond capacity the next caller must wait a further 500 ms.
		expect(pending[0]).toBeCloseTo(500);
		expect(pending[1]).toBeCloseTo(1000);
	});

	it('refills over time but never above capacity', async () => {
		const time = fakeTime();
		const bucket = new TokenBucket(2, 1, time.clock, time.sleep);
		await bucket.take(2);
		time.advance(10_000);
		expect(bucket.peekWait(2)).toBe(0);
		expect(bucket.peekWait(3)).toBe(0); // clamped to capacity
		await bucket.take(2);
		expect(bucket.peekWait(1)).toBeCloseTo(1000);
	});

	it('rejects nonsensical settings', () => {
		expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
		expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
	});
});

describe('CostBucket (query-cost throttle)', () => {
	const status = { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 };

	it('reserves the estimate and refunds the difference to the actual cost', async () => {
		const time = fakeTime();
		const bucket = new CostBucket(status, time.clock, time.sleep);
		await bucket.reserve(100);
		expect(bucket.state.currentlyAvailable).toBe(900);
		bucket.settle(100, 12);
		expect(bucket.state.currentlyAvailable).toBe(988);
	});

	it('waits until the restore rate covers a query the bucket cannot afford', async () => {
		const time = fakeTime();
		const bucket = new CostBucket({ ...status, currentlyAvailable: 50 }, time.clock, time.sleep);
		const waited = await bucket.reserve(150);
		expect(waited).toBeCloseTo(2000); // 100 missing points at 50 points/s
	});

	it("adopts the server's bucket, minus what other callers still hold", async () => {
		const time = fakeTime();
		const bucket = new CostBucket(status, time.clock, time.sleep);
		await bucket.reserve(100); // caller A, in flight
		await bucket.reserve(200); // caller B
		bucket.settle(200, 180, { maximumAvailable: 2000, currentlyAvailable: 1500, restoreRate: 100 });
		expect(bucket.state).toEqual({ maximumAvailable: 2000, currentlyAvailable: 1400, restoreRate: 100 });
	});
});

describe('sharedLimiter', () => {
	afterEach(() => resetSharedLimiters());

	it('returns one limiter per key, shared by every caller in the process', () => {
		const a = sharedLimiter('svc:cred1', () => new TokenBucket(1, 1));
		const b = sharedLimiter('svc:cred1', () => new TokenBucket(5, 5));
		const c = sharedLimiter('svc:cred2', () => new TokenBucket(5, 5));
		expect(b).toBe(a);
		expect(c).not.toBe(a);
	});
});

describe('perSecondBucket', () => {
	it.each([1, 10, 20, 25, 100])('never starts more than %i requests within any one-second window', async (limit) => {
		const time = fakeTime();
		const bucket = perSecondBucket(limit, time.clock, time.sleep);
		const starts: number[] = [];
		for (let i = 0; i < limit * 5; i++) {
			await bucket.take();
			starts.push(time.clock());
		}
		let worst = 0;
		for (let first = 0; first < starts.length; first++) {
			let last = first;
			while (last + 1 < starts.length && starts[last + 1] - starts[first] < 1000) last++;
			worst = Math.max(worst, last - first + 1);
		}
		expect(worst).toBeLessThanOrEqual(limit);
		// …while still using over 90 % of the allowance over time.
		expect(starts.length / (starts[starts.length - 1] / 1000)).toBeGreaterThan(limit * 0.9);
	});
});
