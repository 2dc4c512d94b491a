/**
 * A node's parameter panel (n8n calls it the NDV) in the editor: opening it from the canvas,
 * reading what a dropdown offers, and running a resource locator's "From list" search.
 */
import type { Locator, Page } from 'playwright-core';

/** Double-clicks the node on the open canvas and waits for its panel. */
export async function openNodePanel(page: Page, nodeName: string): Promise<Locator> {
	await page.dblclick(`.vue-flow__node [data-node-name="${nodeName}"]`);
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor({ timeout: 30_000 });
	await panel.locator('[data-test-id="node-parameters"]').waitFor({ timeout: 30_000 });
	return panel;
}

export async function closeNodePanel(page: Page): Promise<void> {
	await page.click('[data-test-id="ndv-close-button"]');
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden', timeout: 30_000 });
}

/**
 * Opens an options (or multi-options) parameter's dropdown, returns the first line of each entry
 * (the option's name; the second line is its description) and closes it again.
 */
export async function dropdownOptions(page: Page, parameter: string): Promise<string[]> {
	const input = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${parameter}"] input`).first();
	await input.waitFor({ timeout: 30_000 });
	// The list is rendered elsewhere in the page (a popper); the input names it.
	const listId = await input.getAttribute('aria-controls');
	if (!listId) throw new Error(`Parameter "${parameter}" has no dropdown list`);
	await input.click();
	const items = page.locator(`[id="${listId}"] .el-select-dropdown__item`);
	await items.first().waitFor({ timeout: 30_000 });
	const names = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await input.click();
	await items.first().waitFor({ state: 'hidden', timeout: 30_000 });
	return names;
}

export interface LocatorSearch {
	/** Names of the entries the list shows. */
	items: string[];
	/** The error n8n shows in the list instead of entries, if any. */
	error?: string;
}

/**
 * Opens a resource locator in "From list" mode, types `filter` into its search box when given
 * (required where the node sets searchFilterRequired), and waits for entries or an error.
 */
export async function searchResourceLocator(page: Page, parameter: string, filter?: string): Promise<LocatorSearch> {
	const field = page.locator(`[data-test-id="ndv"] [data-test-id="resource-locator-${parameter}"]`);
	await field.locator('[data-test-id="rlc-input"]').click();
	const search = page.locator('[data-test-id="rlc-search"]:visible');
	await search.waitFor({ timeout: 30_000 });
	if (filter !== undefined) await search.fill(filter);
	const entries = page.locator('[data-test-id="rlc-item"]:visible');
	const error = page.locator('[data-test-id="rlc-error-container"]:visible');
	await entries.first().or(error.first()).waitFor({ timeout: 60_000 });
	if (await error.count()) return { items: [], error: (await error.first().innerText()).trim() };
	return { items: (await entries.allInnerTexts()).map((text) => text.trim()) };
}

/** Closes an open resource-locator list, leaving the panel as it was. */
export async function closeResourceLocator(page: Page): Promise<void> {
	await page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]').click({ position: { x: 5, y: 5 } });
	await page.locator('[data-test-id="rlc-search"]:visible').waitFor({ state: 'hidden', timeout: 10_000 });
}
