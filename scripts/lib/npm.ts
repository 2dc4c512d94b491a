import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { run } from './exec';
import { envWithNode24, node24Binary } from './node24';

/**
 * Path of npm's own CLI script. `npm_execpath` is set whenever we run under `npm run`; otherwise
 * fall back to the global npm install.
 */
async function npmCli(): Promise<string> {
	const fromEnv = process.env.npm_execpath;
	if (fromEnv && /npm-cli\.js$/.test(fromEnv) && existsSync(fromEnv)) return fromEnv;
	const { stdout } = await run('npm', ['root', '-g'], { cwd: process.cwd() });
	const candidate = join(stdout.trim(), 'npm', 'bin', 'npm-cli.js');
	if (existsSync(candidate)) return candidate;
	throw new Error('Cannot find npm. Install Node.js with npm, then run "npm ci".');
}

/** Runs npm under Node 24 so engine checks and native builds see the Node that runs n8n. */
export async function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	return await run(node24Binary(), [await npmCli(), ...args], { cwd, env: envWithNode24(env) });
}

/** npm's bundled node-gyp: the older node-gyp inside n8n's tree fails with this machine's Python. */
export async function npmNodeGyp(): Promise<string> {
	const cli = await npmCli();
	const gyp = join(dirname(dirname(cli)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	if (!existsSync(gyp)) throw new Error(`npm's node-gyp was not found at ${gyp}`);
	return gyp;
}
