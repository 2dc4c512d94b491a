import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { STABLE_API_VERSIONS } from '../../nodes/Shopify/transport/apiVersion';
import { withLock } from './lock';
import { npm } from './npm';
import { RUNTIME_DIR } from './paths';

/**
 * Shopify's published Admin API introspection, one file per API version, as shipped inside
 * Shopify's own npm package @shopify/dev-mcp (dist/data/admin_<version>.json.gz). The package
 * is only packed and read, never installed (it has a large dependency tree); the tarball must
 * match the pinned integrity before anything is taken from it.
 */
export const SCHEMA_PACKAGE = '@shopify/dev-mcp';
export const SCHEMA_PACKAGE_VERSION = '1.16.0';
/** `npm view @shopify/dev-mcp@1.16.0 dist.integrity` */
export const SCHEMA_PACKAGE_INTEGRITY = 'sha512-tqgRnK7sQhjew+htxtleTH23nXB5fZcsrhWgEkomsorGXvLOB2mh2upwZm8uzuTDNTZnqtLMe64yIwh6s2awtw==';

export const ADMIN_SCHEMA_DIR = join(RUNTIME_DIR, 'shopify-admin-schema', SCHEMA_PACKAGE_VERSION);

export function adminSchemaFile(version: string): string {
	return join(ADMIN_SCHEMA_DIR, `admin_${version}.json.gz`);
}

const missing = (versions: string[]) => versions.filter((version) => !existsSync(adminSchemaFile(version)));

/** The regular files of a tar archive (ustar), by path. */
function untar(archive: Buffer, wanted: Set<string>): Map<string, Buffer> {
	const found = new Map<string, Buffer>();
	for (let offset = 0; offset + 512 <= archive.length; ) {
		const header = archive.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
		const prefix = field(345, 155);
		const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
		const size = parseInt(field(124, 12).trim() || '0', 8);
		const type = field(156, 1);
		if ((type === '0' || type === '') && wanted.has(name)) found.set(name, Buffer.from(archive.subarray(offset + 512, offset + 512 + size)));
		offset += 512 + Math.ceil(size / 512) * 512;
	}
	return found;
}

async function fetchAdminSchemas(versions: string[]): Promise<void> {
	const workDir = join(RUNTIME_DIR, 'shopify-admin-schema', `.pack-${process.pid}`);
	rmSync(workDir, { recursive: true, force: true });
	mkdirSync(workDir, { recursive: true });
	try {
		const spec = `${SCHEMA_PACKAGE}@${SCHEMA_PACKAGE_VERSION}`;
		const { stdout } = await npm(['pack', spec, '--json', '--pack-destination', workDir, '--loglevel=error'], workDir);
		const [packed] = JSON.parse(stdout) as Array<{ filename: string; integrity: string }>;
		const tarball = readFileSync(join(workDir, packed.filename));
		// Checked on the bytes themselves, not on what npm reports.
		const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
		if (integrity !== SCHEMA_PACKAGE_INTEGRITY) {
			throw new Error(`${spec} from the npm registry has integrity ${integrity}, expected ${SCHEMA_PACKAGE_INTEGRITY}. Refusing to use it.`);
		}
		const entries = untar(gunzipSync(tarball), new Set(versions.map((version) => `package/dist/data/admin_${version}.json.gz`)));
		mkdirSync(ADMIN_SCHEMA_DIR, { recursive: true });
		for (const version of versions) {
			const data = entries.get(`package/dist/data/admin_${version}.json.gz`);
			if (!data) {
				throw new Error(
					`${spec} has no Admin API schema for ${version}, a version the Shopify credential offers. Pin a newer ${SCHEMA_PACKAGE} in scripts/lib/shopifyAdminSchema.ts (version and integrity).`,
				);
			}
			// Written under a temporary name first, so a reader never sees half a file.
			const partial = `${adminSchemaFile(version)}.partial`;
			writeFileSync(partial, data);
			renameSync(partial, adminSchemaFile(version));
		}
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

/**
 * Makes sure the published schema of every given version (by default: every version the
 * credential offers) is in .runtime/, fetching it once from the npm registry. Safe to call from
 * parallel processes.
 */
export async function ensureAdminSchemas(versions: string[] = STABLE_API_VERSIONS): Promise<void> {
	if (missing(versions).length === 0) return;
	mkdirSync(join(RUNTIME_DIR, 'shopify-admin-schema'), { recursive: true });
	await withLock(join(RUNTIME_DIR, 'shopify-admin-schema', '.lock'), async () => {
		const stillMissing = missing(versions);
		if (stillMissing.length > 0) await fetchAdminSchemas(stillMissing);
	});
}

/** The introspection result (`{ __schema }`) of one version; ensureAdminSchemas must have run. */
export function readAdminIntrospection(version: string): unknown {
	const parsed = JSON.parse(gunzipSync(readFileSync(adminSchemaFile(version))).toString('utf8')) as { data?: unknown };
	return parsed.data ?? parsed;
}
