import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function ownerAlive(lockDir: string): boolean {
	try {
		const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
		if (!Number.isInteger(pid) || pid <= 0) return false;
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Cross-process mutex on a directory (mkdir is atomic), so parallel test workers or a test run
 * next to `npm start` never install into the same folder at once. A lock whose owner died (Ctrl-C
 * during an install) is taken over.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
	let waitedMs = 0;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			// Give a fresh owner a moment to write its pid before judging it dead.
			if (waitedMs >= 2000 && !ownerAlive(lockDir)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
			waitedMs += 250;
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
