import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { run } from './exec';
import { withLock } from './lock';
import { envWithNode24, node24Binary, node24HeadersDir } from './node24';
import { npm, npmNodeGyp } from './npm';
import { N8N_VERSION, ROOT, RUNTIME_DIR } from './paths';

const HOST_MANIFEST_DIR = join(ROOT, 'n8n-host');

export interface N8nHost {
	dir: string;
	/** n8n's CLI entry point, to run with Node 24. */
	bin: string;
	version: string;
}

/**
 * Identifies an install: the pinned lockfile and the Node version sqlite3 was built for. The
 * version, not the binary's path, so a moved checkout or a second worktree sharing
 * SHOP_SYNC_RUNTIME_DIR reuses the install instead of rebuilding it under a running n8n.
 */
function installFingerprint(): string {
	const lock = readFileSync(join(HOST_MANIFEST_DIR, 'package-lock.json'));
	const nodeVersion = execFileSync(node24Binary(), ['--version'], { encoding: 'utf8' }).trim();
	return createHash('sha256').update(lock).update(nodeVersion).digest('hex').slice(0, 16);
}

/**
 * Installs the pinned n8n into .runtime/ with the recipe verified on these machines:
 * `npm install --ignore-scripts` on a committed lockfile (install scripts fetch binaries from outside the registry), then build
 * only sqlite3 from source against Node 24's headers. Idempotent: a finished install is reused.
 */
export async function ensureN8nHost(log: (line: string) => void = () => {}): Promise<N8nHost> {
	const dir = join(RUNTIME_DIR, `n8n-${N8N_VERSION}`);
	const host: N8nHost = {
		dir,
		bin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		version: N8N_VERSION,
	};
	const marker = join(dir, '.installed');
	const fingerprint = installFingerprint();
	const isReady = () => existsSync(marker) && readFileSync(marker, 'utf8') === fingerprint;
	if (isReady()) return host;

	mkdirSync(RUNTIME_DIR, { recursive: true });
	return await withLock(join(RUNTIME_DIR, `n8n-${N8N_VERSION}.lock`), async () => {
		if (isReady()) return host; // another process finished it while we waited
		log(`Installing n8n ${N8N_VERSION} into ${dir} (first run only; a few minutes)…`);
		rmSync(marker, { force: true });
		mkdirSync(dir, { recursive: true });
		copyFileSync(join(HOST_MANIFEST_DIR, 'package.json'), join(dir, 'package.json'));
		copyFileSync(join(HOST_MANIFEST_DIR, 'package-lock.json'), join(dir, 'package-lock.json'));
		// `npm install` on the pinned lock, not `npm ci`: npm leaves some platform-only optional
		// packages out of the lock it writes, and `npm ci` then rejects that lock as out of sync.
		await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir);

		log('Building sqlite3 for Node 24…');
		const sqliteDir = join(dir, 'node_modules', 'sqlite3');
		const nodedir = node24HeadersDir();
		// node-gyp lets npm_config_* variables override its flags, and a machine npmrc may set
		// nodedir to an older Node's headers: set the variable itself.
		await run(node24Binary(), [await npmNodeGyp(), 'rebuild', `--nodedir=${nodedir}`, '-j', '2'], {
			cwd: sqliteDir,
			env: envWithNode24({ ...process.env, npm_config_nodedir: nodedir }),
		});
		if (!existsSync(join(sqliteDir, 'build', 'Release', 'node_sqlite3.node'))) {
			throw new Error('sqlite3 build finished without producing node_sqlite3.node');
		}
		writeFileSync(marker, fingerprint);
		log(`n8n ${N8N_VERSION} installed.`);
		return host;
	});
}
