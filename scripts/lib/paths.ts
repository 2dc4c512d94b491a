import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
	let dir = start;
	while (dir !== dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'n8n-nodes-shop-sync') {
			return dir;
		}
		dir = dirname(dir);
	}
	throw new Error(`Cannot find the n8n-nodes-shop-sync checkout above ${start}`);
}

/** Checkout root, whether running from source (ts-jest) or from build/. */
export const ROOT = findRoot(__dirname);

export const PACKAGE_NAME = 'n8n-nodes-shop-sync';

/** Git-ignored folder for everything the tooling installs or generates. */
export const RUNTIME_DIR = process.env.SHOP_SYNC_RUNTIME_DIR ?? join(ROOT, '.runtime');

export const N8N_VERSION = '2.41.0';
