import { mkdirSync, rmSync, statSync } from 'node:fs';

const STALE_AFTER_MS = 30 * 60_000;

/**
 * Cross-process mutex on a directory (mkdir is atomic), so parallel test workers or a test run
 * next to `npm start` do not install into the same folder at once.
 */
export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
	for (;;) {
		try {
			mkdirSync(lockDir);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			try {
				if (Date.now() - statSync(lockDir).mtimeMs > STALE_AFTER_MS) rmSync(lockDir, { recursive: true, force: true });
			} catch {
				// removed by its owner meanwhile
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
