import { DeadlineExceeded, withDeadline } from '../../../nodes/OrderStore/transport/deadline';

describe('withDeadline (BigQuery client calls)', () => {
	it('returns what the call returns when it answers in time', async () => {
		await expect(withDeadline('a query', async () => await Promise.resolve(42), { deadlineMs: 200 })).resolves.toBe(42);
	});

	it('abandons a call that never answers and tries again: a later answer wins', async () => {
		let calls = 0;
		const result = await withDeadline(
			'an insert',
			async () => {
				calls++;
				if (calls === 1) return await new Promise<string>(() => undefined); // never answers
				return 'stored';
			},
			{ deadlineMs: 50, attempts: 3 },
		);
		expect(result).toBe('stored');
		expect(calls).toBe(2);
	});

	it('gives up after the last attempt with an error that names the call and the deadline', async () => {
		let calls = 0;
		const pending = withDeadline(
			'an insert of 3 row(s)',
			async () => {
				calls++;
				return await new Promise<string>(() => undefined);
			},
			{ deadlineMs: 30, attempts: 2 },
		);
		await expect(pending).rejects.toBeInstanceOf(DeadlineExceeded);
		await expect(pending).rejects.toThrow('BigQuery did not answer an insert of 3 row(s) within 30 ms (2 attempts)');
		expect(calls).toBe(2);
	});

	it('passes on a failure at once, without trying again', async () => {
		let calls = 0;
		const failing = withDeadline('a query', async () => {
			calls++;
			throw new Error('HTTP 400');
		});
		await expect(failing).rejects.toThrow('HTTP 400');
		expect(calls).toBe(1);
	});
});
