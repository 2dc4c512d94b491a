import { spawn } from 'node:child_process';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Print the command's output as it runs, instead of only on failure. */
	inherit?: boolean;
}

export interface RunResult {
	stdout: string;
	stderr: string;
}

/** Runs a command to completion; a failure names the command and shows the end of its output. */
export async function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
	return await new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			if (options.inherit) process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (options.inherit) process.stderr.write(chunk);
		});
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) {
				resolve({ stdout, stderr });
				return;
			}
			const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
			reject(new Error(`"${command} ${args.join(' ')}" failed with exit code ${code} in ${options.cwd}:\n${tail}`));
		});
	});
}
