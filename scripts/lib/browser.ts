/**
 * Headless Debian Chromium driven by playwright-core. playwright-core never downloads a browser;
 * this uses the system one (`apt-get install -y chromium`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What to do when Chromium is missing; `npm test` tries this itself (scripts/ensure-chromium.ts). */
export const INSTALL_CHROMIUM_HINT = 'run "apt-get install -y chromium" as root (or set CHROMIUM_PATH to a Chromium binary)';

/** Why Chromium cannot be launched, or undefined when it is there. */
export function chromiumMissingReason(): string | undefined {
	return existsSync(CHROMIUM_PATH) ? undefined : `No Chromium at ${CHROMIUM_PATH}.`;
}

/**
 * Without the background-networking flags Chromium keeps calling Google services, which this
 * closed network refuses, flooding it with failed connections.
 */
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface Browser {
	context: BrowserContext;
	close(): Promise<void>;
}

/**
 * A fresh Chromium with a new empty profile (removed again on close). `scale` is the device pixel
 * ratio: 2 renders the same layout with twice the pixels, so small canvas text stays legible.
 */
export async function launchChromium(viewport: { width: number; height: number }, scale = 1): Promise<Browser> {
	const missing = chromiumMissingReason();
	if (missing) throw new Error(`${missing} Fix: ${INSTALL_CHROMIUM_HINT}`);
	const userDataDir = mkdtempSync(join(tmpdir(), 'shop-sync-chromium-'));
	try {
		// Playwright passes userDataDir as --user-data-dir itself (it refuses that flag in args).
		const context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport,
			deviceScaleFactor: scale,
		});
		return {
			context,
			close: async () => {
				await context.close().catch(() => {});
				rmSync(userDataDir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
}
