/**
 * Run by `npm test` before jest: makes sure the browser tests (test/browser/) have Debian's
 * Chromium. When CHROMIUM_PATH (default /usr/bin/chromium) is missing it runs
 * `apt-get install -y chromium`, and `apt-get update` then the install again when that fails (a
 * fresh machine often has no package lists yet).
 *
 * It never fails `npm test` itself: when Chromium cannot be installed (no root, no apt, no network)
 * it prints a loud warning, and the browser tests skip with a message naming the same reason and
 * fix. The other layers still run.
 */
import { spawnSync } from 'node:child_process';

import { CHROMIUM_PATH, chromiumMissingReason, INSTALL_CHROMIUM_HINT } from './lib/browser';

const log = (line: string) => console.log(`[ensure-chromium] ${line}`);

/** apt-get needs root; as another user, sudo without a password prompt is the only way that cannot hang. */
function aptGet(args: string[]): { ok: boolean; output: string } {
	const isRoot = process.getuid?.() === 0;
	const [command, commandArgs] = isRoot ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
	log(`$ ${command} ${commandArgs.join(' ')}`);
	const result = spawnSync(command, commandArgs, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error.message) : ''}`;
	return { ok: result.status === 0, output };
}

function lastLines(text: string, count = 8): string {
	return text.trim().split('\n').slice(-count).join('\n');
}

function installChromium(): { ok: boolean; detail: string } {
	let install = aptGet(['install', '-y', 'chromium']);
	if (!install.ok) {
		log('apt-get install failed; updating the package lists and trying again.');
		const update = aptGet(['update']);
		if (!update.ok) return { ok: false, detail: `apt-get update failed:\n${lastLines(update.output)}` };
		install = aptGet(['install', '-y', 'chromium']);
	}
	return { ok: install.ok, detail: install.ok ? '' : `apt-get install -y chromium failed:\n${lastLines(install.output)}` };
}

function warnLoudly(reason: string): void {
	const bar = '!'.repeat(78);
	console.warn(
		[
			'',
			bar,
			'!! CHROMIUM IS NOT AVAILABLE: THE BROWSER TESTS (test/browser/) WILL BE SKIPPED',
			`!! Looked for: ${CHROMIUM_PATH}`,
			...reason.split('\n').map((line) => `!!   ${line}`),
			`!! Fix: ${INSTALL_CHROMIUM_HINT}, then run npm test again.`,
			bar,
			'',
		].join('\n'),
	);
}

function main(): void {
	if (chromiumMissingReason() === undefined) {
		log(`Chromium found at ${CHROMIUM_PATH}.`);
		return;
	}
	if (process.env.CHROMIUM_PATH) {
		// A chosen browser that is not there is a setup mistake apt cannot fix.
		warnLoudly(chromiumMissingReason()!);
		return;
	}
	log(`${CHROMIUM_PATH} is missing; installing Debian's chromium (about 115 MB to download)…`);
	const started = Date.now();
	const { ok, detail } = installChromium();
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const stillMissing = chromiumMissingReason();
	if (ok && stillMissing === undefined) {
		log(`Installed Chromium in ${seconds} s.`);
		return;
	}
	warnLoudly(`Installing it failed after ${seconds} s. ${detail || stillMissing || ''}`.trim());
}

main();
