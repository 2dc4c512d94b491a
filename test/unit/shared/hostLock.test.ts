import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { HostLockTimeoutError, withHostLock } from '../../../nodes/shared/hostLock';
import { node24Binary } from '../../../scripts/lib/node24';

const MODULE = resolve(__dirname, '../../../nodes/shared/hostLock.ts');

/**
 * A separate Node process (Node 24 runs the TypeScript module as is) that takes the lock `rounds`
 * times and, while holding it, does a read-modify-write of a shared counter file with a pause in
 * between: without mutual exclusion across processes, increments get lost.
 */
const CONTENDER = `
const { readFileSync, writeFileSync, appendFileSync } = require('node:fs');
const { withHostLock } = require(process.env.LOCK_MODULE);
const [folder, counter, journal, rounds, holdMs] = process.argv.slice(1);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
	for (let round = 0; round < Number(rounds); round++) {
		await withHostLock('shared-key', async () => {
			appendFileSync(journal, 'in ' + process.pid + '\\n');
			const value = Number(readFileSync(counter, 'utf8'));
			await sleep(Number(holdMs));
			writeFileSync(counter, String(value + 1));
			appendFileSync(journal, 'out ' + process.pid + '\\n');
		}, { folder, staleMs: 60000 });
	}
	if (process.env.HOLD_FOREVER) await withHostLock('shared-key', () => new Promise(() => process.send?.('holding')), { folder });
})();
`;

function runContender(args: string[], env: Record<string, string> = {}) {
	return spawn(node24Binary(), ['-e', CONTENDER, ...args], {
		env: { ...process.env, LOCK_MODULE: MODULE, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

const exited = async (child: ReturnType<typeof spawn>) =>
	await new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))));

describe('withHostLock (across processes)', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(join(tmpdir(), 'host-lock-test-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	it('lets one process at a time hold a key: 4 processes × 15 read-modify-writes lose no increment and never overlap', async () => {
		const counter = join(folder, 'counter');
		const journal = join(folder, 'journal');
		writeFileSync(counter, '0');
		writeFileSync(journal, '');
		const children = Array.from({ length: 4 }, () => runContender([join(folder, 'locks'), counter, journal, '15', '3']));
		expect(await Promise.all(children.map(exited))).toEqual([0, 0, 0, 0]);

		expect(readFileSync(counter, 'utf8')).toBe('60');
		const lines = readFileSync(journal, 'utf8').trim().split('\n');
		expect(lines).toHaveLength(120);
		// Strictly alternating in/out of the same process: no two holders at once.
		for (let index = 0; index < lines.length; index += 2) {
			expect(lines[index]).toMatch(/^in \d+$/);
			expect(lines[index + 1]).toBe(lines[index].replace('in', 'out'));
		}
		expect(new Set(lines.map((line) => line.split(' ')[1])).size).toBe(4);
		expect(existsSync(join(folder, 'locks', 'shared-key.lock'))).toBe(false);
	}, 60_000);

	it('takes over the lock of a process killed while holding it, once the lock is stale', async () => {
		const locks = join(folder, 'locks');
		writeFileSync(join(folder, 'counter'), '0');
		const holder = runContender([locks, join(folder, 'counter'), join(folder, 'journal'), '0', '0'], { HOLD_FOREVER: '1' });
		await new Promise((holding) => holder.once('message', holding));
		holder.kill('SIGKILL');
		await exited(holder);
		expect(existsSync(join(locks, 'shared-key.lock'))).toBe(true);

		const started = Date.now();
		await expect(withHostLock('shared-key', async () => 'mine', { folder: locks, staleMs: 1_500 })).resolves.toBe('mine');
		// Not before the dead holder's last heartbeat has aged past the stale limit.
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
	}, 30_000);

	it('gives up with a clear error when the holder keeps the lock past the wait limit, and runs nothing', async () => {
		let release!: () => void;
		const held = withHostLock('busy', async () => await new Promise<void>((done) => (release = done)), { folder });
		await new Promise((settle) => setTimeout(settle, 20));
		let ran = false;
		const waiting = withHostLock(
			'busy',
			async () => {
				ran = true;
			},
			{ folder, waitMs: 300 },
		);
		await expect(waiting).rejects.toThrow(HostLockTimeoutError);
		await expect(waiting).rejects.toThrow(/Another n8n process kept the lock "busy" for over 0\.\d s/);
		expect(ran).toBe(false);
		release();
		await held;
	});

	it('releases the lock when the task fails, and passes the failure to its caller', async () => {
		await expect(
			withHostLock(
				'failing',
				async () => {
					throw new Error('boom');
				},
				{ folder },
			),
		).rejects.toThrow('boom');
		await expect(withHostLock('failing', async () => 'next', { folder, waitMs: 100 })).resolves.toBe('next');
	});
});
