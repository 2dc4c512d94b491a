/**
 * A lock shared by every n8n process that sees the same lock folder: the main process and the
 * queue-mode workers on one host, or in containers that mount one volume there (docker/ does).
 * keyedMutex.ts only orders the executions of one process; queue-mode workers are separate
 * processes, and ManyChat's "write the field, then send the flow that shows it" must not
 * interleave across them either.
 *
 * The lock is a directory (mkdir is atomic, also on Docker volumes). Its holder touches it every
 * few seconds; a lock untouched for STALE_MS belongs to a process that died (SIGKILL, OOM) and is
 * taken over, so a crashed worker never blocks the others for good.
 */
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every n8n process of one installation must see this folder (docker/docker-compose.yml mounts it). */
export const HOST_LOCK_FOLDER = join(tmpdir(), 'n8n-shop-sync-locks');

const HEARTBEAT_MS = 1_000;
const STALE_MS = 10_000;

export interface HostLockOptions {
	/** Give up after waiting this long (the error says who holds the lock). */
	waitMs?: number;
	folder?: string;
	/** Untouched this long, a lock is a dead process's (tests shorten it). */
	staleMs?: number;
}

export class HostLockTimeoutError extends Error {
	constructor(key: string, waitedMs: number) {
		super(
			`Another n8n process kept the lock "${key}" for over ${(waitedMs / 1000).toFixed(1)} s. ` +
				'It is released when that notification finishes; a lock of a process that died is taken over after 10 s.',
		);
	}
}

/** Callers wrap it with their node and item (asNodeError). */
export class HostLockFolderError extends Error {
	constructor(path: string, reason: string) {
		super(`Cannot create the lock ${path} (${reason}). Every n8n process needs write access to its folder (docker/ mounts a shared volume there).`);
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Lock names become file names: keep letters, digits, '-' and '_' only. */
const lockPath = (folder: string, key: string) => join(folder, `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);

async function tryAcquire(path: string): Promise<boolean> {
	const failure = await mkdir(path).then(
		() => null,
		(error: NodeJS.ErrnoException) => error,
	);
	if (failure === null) return true;
	if (failure.code === 'EEXIST') return false;
	throw new HostLockFolderError(path, failure.code ?? failure.message);
}

/**
 * Removes the lock when its holder stopped touching it. Renamed first so that two waiters who both
 * found it stale cannot both delete: only one rename succeeds.
 */
async function breakIfStale(path: string, staleMs: number): Promise<void> {
	const touched = await stat(path).then(
		(info) => info.mtimeMs,
		() => null,
	);
	if (touched === null || Date.now() - touched < staleMs) return;
	const aside = `${path}.stale-${process.pid}-${Date.now()}`;
	try {
		await rename(path, aside);
	} catch {
		return; // someone else took it over first
	}
	await rm(aside, { recursive: true, force: true });
}

export async function withHostLock<T>(key: string, task: () => Promise<T>, options: HostLockOptions = {}): Promise<T> {
	const folder = options.folder ?? HOST_LOCK_FOLDER;
	const waitMs = options.waitMs ?? 120_000;
	// Every time, not once per process: a tmp cleaner may remove an idle folder.
	await mkdir(folder, { recursive: true });
	const path = lockPath(folder, key);
	const started = Date.now();
	let pause = 2;
	while (!(await tryAcquire(path))) {
		if (Date.now() - started > waitMs) throw new HostLockTimeoutError(key, Date.now() - started);
		await breakIfStale(path, options.staleMs ?? STALE_MS);
		await sleep(pause);
		pause = Math.min(pause * 2, 50);
	}
	const heartbeat = setInterval(() => {
		const now = new Date();
		utimes(path, now, now).catch(() => undefined);
	}, HEARTBEAT_MS);
	heartbeat.unref();
	try {
		return await task();
	} finally {
		clearInterval(heartbeat);
		await rm(path, { recursive: true, force: true });
	}
}
