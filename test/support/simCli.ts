import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { ROOT } from '../../scripts/lib/paths';

/** Runs the compiled `npm run sim` CLI (build/simulators/cli.js) as a separate process. */
export async function simCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(ROOT, 'build', 'simulators', 'cli.js'), ...args], { cwd: ROOT });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
	});
}
