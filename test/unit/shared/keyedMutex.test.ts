import { withKeyLock } from '../../../nodes/shared/keyedMutex';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('withKeyLock', () => {
	it('runs tasks with the same key one after the other, and other keys alongside', async () => {
		const events: string[] = [];
		const task = (name: string, ms: number) => async () => {
			events.push(`${name}:start`);
			await sleep(ms);
			events.push(`${name}:end`);
			return name;
		};
		const results = await Promise.all([withKeyLock('k', task('a', 30)), withKeyLock('k', task('b', 5)), withKeyLock('other', task('c', 5))]);
		expect(results).toEqual(['a', 'b', 'c']);
		expect(events.indexOf('b:start')).toBeGreaterThan(events.indexOf('a:end'));
		expect(events.indexOf('c:start')).toBeLessThan(events.indexOf('a:end'));
	});

	it('keeps the queue going after a failure, which only its caller sees', async () => {
		const failing = withKeyLock('k2', async () => {
			throw new Error('boom');
		});
		const next = withKeyLock('k2', async () => 'ok');
		await expect(failing).rejects.toThrow('boom');
		await expect(next).resolves.toBe('ok');
	});
});
