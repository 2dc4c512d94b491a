/**
 * A credential in the editor's credential modal: opening it, changing a field, saving (which makes
 * n8n test it), reading the outcome a user sees, and the OAuth2 "Connect" flow.
 */
import type { Locator, Page } from 'playwright-core';

/** What the modal's banner says after a test. */
export interface CredentialOutcome {
	status: 'success' | 'failure' | 'none';
	/** The banner's text; for a failure with its "More details" opened, so it names the cause. */
	text: string;
}

export const SUCCESS_TEXT = 'Connection tested successfully';
export const FAILURE_TEXT = 'Couldn’t connect with these settings';

/** Opens an existing credential the way its link in the credentials list does. n8n tests it on opening. */
export async function openCredential(page: Page, baseUrl: string, credentialId: string): Promise<Locator> {
	await page.goto(`${baseUrl}/home/credentials/${credentialId}`);
	const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
	await dialog.waitFor({ timeout: 30_000 });
	return dialog;
}

/**
 * Waits for the test outcome the modal shows: the green "Connection tested successfully" banner
 * or the red "Couldn't connect with these settings" one (whose details are then opened).
 */
export async function credentialOutcome(dialog: Locator, timeoutMs = 60_000): Promise<CredentialOutcome> {
	const success = dialog.locator('[data-test-id="credentials-config-container-test-success"]:visible');
	const failure = dialog.locator('.el-tag--danger:visible', { hasText: FAILURE_TEXT });
	try {
		await success.or(failure).first().waitFor({ timeout: timeoutMs });
	} catch {
		const shown = (await dialog.locator('.el-tag:visible').allInnerTexts()).join(' | ');
		return { status: 'none', text: shown };
	}
	if (await success.count()) return { status: 'success', text: (await success.first().innerText()).trim() };
	const details = failure.getByText('More details');
	if (await details.count()) await details.first().click();
	return { status: 'failure', text: (await failure.first().innerText()).replace(/\s+/g, ' ').trim() };
}

/** Types into a credential field (a secret field shows a placeholder that the new text replaces). */
export async function setCredentialField(dialog: Locator, field: string, value: string): Promise<void> {
	const input = dialog.locator(`[data-test-id="parameter-input-${field}"]`).locator('input, textarea').first();
	await input.fill(value);
}

/** Presses Save; n8n saves the credential, tests it, and then marks the button "Saved". */
export async function saveCredential(page: Page, dialog: Locator): Promise<CredentialOutcome> {
	const button = page.locator('[data-test-id="credential-save-button"]');
	await button.click();
	// "Save" → "Testing…" → "Saved": only then does the banner belong to this test.
	await button.filter({ hasText: 'Saved' }).waitFor({ timeout: 60_000 });
	return await credentialOutcome(dialog);
}

/** Presses Save where n8n runs no test (OAuth2 before connecting) and waits until it is saved. */
export async function saveWithoutTest(page: Page): Promise<void> {
	const button = page.locator('[data-test-id="credential-save-button"]');
	await button.click();
	await button.filter({ hasText: 'Saved' }).waitFor({ timeout: 30_000 });
}

export async function closeCredential(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.locator('[data-test-id="credential-edit-dialog"]').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

export interface OAuthOutcome {
	connected: boolean;
	/** What the consent popup showed when it did not close by itself (n8n's error page). */
	popupText: string;
	/** The modal's banners afterwards. */
	banner: string;
}

/**
 * Presses "Connect" on an OAuth2 credential: n8n opens the provider's consent page in a popup,
 * the provider redirects back to n8n's callback, n8n exchanges the code for a token and the popup
 * closes. On failure n8n's callback page stays open with the reason.
 */
export async function connectOAuth2(page: Page, dialog: Locator): Promise<OAuthOutcome> {
	const popupOpened = page.waitForEvent('popup', { timeout: 30_000 });
	await dialog.locator('[data-test-id="oauth-not-connected-banner"] button').first().click();
	const popup = await popupOpened;
	let popupText = '';
	// n8n's callback page closes the popup on success and stays with the reason on failure.
	const failed = popup.getByText('Failed to connect').waitFor({ timeout: 30_000 }).then(() => 'failed' as const);
	const closed = popup.waitForEvent('close', { timeout: 30_000 }).then(() => 'closed' as const);
	if ((await Promise.race([failed, closed]).catch(() => 'timeout' as const)) !== 'closed') {
		popupText = (await popup.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
		await popup.close();
	}
	failed.catch(() => {});
	closed.catch(() => {});
	const connected = dialog.locator('[data-test-id="oauth-connect-success-banner"]:visible');
	await connected.waitFor({ timeout: popupText ? 2_000 : 30_000 }).catch(() => {});
	const banner = (await dialog.locator('.el-tag:visible').allInnerTexts()).join(' | ').replace(/\s+/g, ' ').trim();
	return { connected: (await connected.count()) > 0, popupText, banner };
}
