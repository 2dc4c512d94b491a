/** Signing in to the n8n editor through its real login page, as a user does. */
import type { Page } from 'playwright-core';

import { DEV_OWNER } from './n8nInstance';

export async function signIn(page: Page, baseUrl: string, login: { email: string; password: string } = DEV_OWNER): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', login.email);
	await page.fill('#password', login.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 }).catch(() => {
		throw new Error(`Sign-in through ${baseUrl}/signin did not leave the login page (still at ${page.url()})`);
	});
}
