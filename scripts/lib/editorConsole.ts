/**
 * Browser console errors and uncaught page errors of the n8n editor, collected while a test works
 * in it, minus a short allow-list of n8n's own noise that says nothing about this package.
 */
import type { ConsoleMessage, Page } from 'playwright-core';

export interface AllowedNoise {
	pattern: RegExp;
	/** Why this message is not a fault of ours (kept next to the pattern on purpose). */
	why: string;
}

export const EDITOR_NOISE: AllowedNoise[] = [
	{
		// The login page asks GET /rest/login whether a session exists; without one n8n answers 401,
		// which Chromium logs as a failed resource. Every fresh sign-in does this.
		pattern: /Failed to load resource: the server responded with a status of 401 \(Unauthorized\).*\/rest\/login\b/,
		why: "the login page's session probe before signing in",
	},
];

export class ConsoleErrors {
	private readonly seen: string[] = [];

	constructor(
		page: Page,
		private readonly allowed: AllowedNoise[] = EDITOR_NOISE,
	) {
		page.on('console', (message: ConsoleMessage) => {
			if (message.type() !== 'error') return;
			const location = message.location();
			this.seen.push(`console.error: ${message.text()}${location.url ? ` (${location.url})` : ''}`);
		});
		page.on('pageerror', (error: Error) => this.seen.push(`page error: ${error.message}`));
	}

	/** Index to pass to `since`, to look only at what happens from now on. */
	mark(): number {
		return this.seen.length;
	}

	/** Errors since `mark`, except allowed noise. */
	since(mark = 0): string[] {
		return this.seen.slice(mark).filter((entry) => !this.allowed.some((noise) => noise.pattern.test(entry)));
	}
}
