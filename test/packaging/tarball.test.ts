/**
 * What users install: `npm pack` must carry every node and credential listed in package.json,
 * with its codex and icons, and nothing from tests, simulators or tooling.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { npm } from '../../scripts/lib/npm';
import { ROOT } from '../../scripts/lib/paths';

interface PackageJson {
	name: string;
	license: string;
	keywords: string[];
	files: string[];
	engines: { node: string };
	scripts: Record<string, string>;
	dependencies?: Record<string, string>;
	peerDependencies: Record<string, string>;
	peerDependenciesMeta: Record<string, { optional?: boolean }>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
let packed: Set<string>;

beforeAll(async () => {
	const { stdout } = await npm(['pack', '--dry-run', '--json', '--loglevel=error'], ROOT);
	const [result] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
	packed = new Set(result.files.map((file) => file.path));
}, 120_000);

type IconRef = string | { light: string; dark: string } | undefined;

/** Icon files an icon reference points at, relative to the package root. */
function iconFiles(icon: IconRef, fromFile: string): string[] {
	if (icon === undefined) return [];
	const refs = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
	return refs.map((ref) => {
		expect(ref).toMatch(/^file:.+\.svg$/);
		return normalize(join(dirname(fromFile), ref.replace(/^file:/, '')));
	});
}

function loadExport<T>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(join(ROOT, file)) as Record<string, new () => T>;
	const exported = Object.values(module).filter((value) => typeof value === 'function');
	expect(exported).toHaveLength(1);
	return new exported[0]();
}

describe('package.json', () => {
	it('is a community node package that n8n can install', () => {
		expect(manifest.name).toBe('n8n-nodes-shop-sync');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.engines.node).toBe('>=24');
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		expect(manifest.n8n.strict).toBe(false);
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.peerDependenciesMeta['n8n-workflow']).toEqual({ optional: true });
	});

	it('has no install lifecycle scripts', () => {
		for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack']) {
			expect(manifest.scripts[hook]).toBeUndefined();
		}
	});

	it('lists nodes and credentials under dist/', () => {
		expect(manifest.n8n.nodes.length).toBeGreaterThan(0);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
		for (const path of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(path).toMatch(/^dist\/.+\.js$/);
	});
});

describe('npm pack', () => {
	it.each(manifestEntries('nodes'))('carries node %s with its codex and light/dark icons', (file) => {
		expect(packed.has(file)).toBe(true);
		expect(packed.has(file.replace(/\.js$/, '.json'))).toBe(true);
		const node = loadExport<INodeType>(file);
		const icon = node.description.icon as IconRef;
		expect(typeof icon).toBe('object');
		for (const iconFile of iconFiles(icon, file)) expect(packed.has(iconFile)).toBe(true);
		const codex = JSON.parse(readFileSync(join(ROOT, file.replace(/\.js$/, '.json')), 'utf8')) as { node: string };
		expect(codex.node).toBe(`${manifest.name}.${node.description.name}`);
	});

	it.each(manifestEntries('credentials'))('carries credential %s with its icons', (file) => {
		expect(packed.has(file)).toBe(true);
		const credential = loadExport<ICredentialType>(file);
		expect(typeof credential.icon).toBe('object');
		for (const iconFile of iconFiles(credential.icon as IconRef, file)) expect(packed.has(iconFile)).toBe(true);
		// Tested by its own request, or by a packed node's credentialTest method (testedBy): a
		// service-account credential needs a signed JWT, which a declarative request cannot make.
		const testedBy = manifestEntries('nodes')
			.map((nodeFile) => loadExport<INodeType>(nodeFile))
			.flatMap((node) => (node.description.credentials ?? []).filter((entry) => entry.name === credential.name && entry.testedBy).map((entry) => ({ node, method: entry.testedBy as string })));
		if (credential.test === undefined) {
			expect(testedBy.length).toBeGreaterThan(0);
			for (const { node, method } of testedBy) expect(typeof node.methods?.credentialTest?.[method]).toBe('function');
		}
	});

	it('holds nothing but dist/ and the package metadata', () => {
		const outside = [...packed].filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(path));
		expect(outside).toEqual([]);
		const leaked = [...packed].filter((path) => /(^|\/)(test|simulators|scripts|benchmarks|n8n-host)\//.test(path) || /\.test\./.test(path));
		expect(leaked).toEqual([]);
	});

	it('ships the README and the licence', () => {
		expect(packed.has('README.md')).toBe(true);
		expect(packed.has('LICENSE')).toBe(true);
	});
});

function manifestEntries(kind: 'nodes' | 'credentials'): string[] {
	const entries = manifest.n8n[kind];
	for (const entry of entries) {
		if (!existsSync(join(ROOT, entry))) throw new Error(`${entry} is not built: run "npm run build" first`);
	}
	return entries;
}
