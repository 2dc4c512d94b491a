import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { withLock } from './lock';
import { npm } from './npm';
import { PACKAGE_NAME, ROOT, RUNTIME_DIR } from './paths';

/** `npm pack`s the built package (dist/ must be current) and returns the tarball path. */
export async function packPackage(): Promise<string> {
	const destination = join(RUNTIME_DIR, 'pack');
	mkdirSync(destination, { recursive: true });
	if (!existsSync(join(ROOT, 'dist'))) throw new Error('dist/ is missing: run "npm run build" first.');
	return await withLock(join(RUNTIME_DIR, 'pack.lock'), async () => {
		const { stdout } = await npm(['pack', '--json', '--pack-destination', destination, '--loglevel=error'], ROOT);
		const [result] = JSON.parse(stdout) as Array<{ filename: string }>;
		// A content-addressed name, so a concurrent pack never overwrites a tarball being installed.
		const packed = join(destination, result.filename);
		const unique = packed.replace(/\.tgz$/, `-${sha256(packed).slice(0, 12)}.tgz`);
		renameSync(packed, unique);
		return unique;
	});
}

function sha256(file: string): string {
	return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way users install a community package
 * by hand (`npm install <package>` in that folder), which also installs its runtime dependencies.
 * n8n then registers the nodes as `n8n-nodes-shop-sync.<name>`. Skipped when the same tarball is
 * already installed there.
 */
export async function installPackage(userFolder: string, tarball: string): Promise<boolean> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const marker = join(nodesDir, '.shop-sync-tarball');
	const digest = sha256(tarball);
	const installed = join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (existsSync(marker) && readFileSync(marker, 'utf8') === digest && existsSync(installed)) return false;

	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) {
		writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	// Like n8n's own installer: no lifecycle scripts, no audit.
	await npm(['install', tarball, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], nodesDir);
	writeFileSync(marker, digest);
	return true;
}
