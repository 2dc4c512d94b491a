/**
 * `npm run screenshots`: a picture of each shipped workflow's canvas, as a user sees it, for the README.
 *
 * Starts the simulators and a fresh n8n 2.41.0 (temporary user folder) with this package installed
 * and every workflows/*.json imported but none published (so no trigger fires), signs in through
 * n8n's real login page in headless Debian Chromium, opens each workflow, fits the canvas to the
 * view and saves docs/images/workflow-<file stem>.png.
 *
 * Each file is also loaded through the editor's own "Import from File" into a new workflow and
 * checked the same way.
 *
 * Exits non-zero, naming the workflow and nodes, when a node renders as unknown ("?" icon, "not
 * installed"), one of this package's nodes lacks its own icon, a node type is not loaded, nodes are
 * missing or lie outside the view; no PNG is
 * written for such a workflow.
 *
 * Options: --workflows <dir> (default workflows/), --out <dir> (default docs/images/).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';

import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../simulators/registry';
import { launchChromium, type Browser } from './lib/browser';
import { simulatorCredentials } from './lib/devCredentials';
import { checkCanvas, openAndCheckWorkflow, readShippedWorkflows, waitForCanvasNodes, type CanvasCheck, type ShippedWorkflow } from './lib/editorCanvas';
import type { EditorDocument } from './lib/editorDom';
import { signIn } from './lib/editorSession';
import { DEV_OWNER, N8nInstance } from './lib/n8nInstance';
import { ROOT } from './lib/paths';

/** CSS pixels; rendered at twice the pixels so node labels and sticky text stay legible when zoomed. */
const VIEWPORT = { width: 1600, height: 1000 };
const PIXEL_RATIO = 2;

const log = (line: string) => console.log(`[screenshots] ${line}`);

declare const document: EditorDocument;

async function capture(page: Page, baseUrl: string, workflow: ShippedWorkflow, knownTypes: Set<string>, file: string): Promise<CanvasCheck> {
	const check = await openAndCheckWorkflow(page, baseUrl, workflow, knownTypes);
	if (check.problems.length === 0) await page.screenshot({ path: file });
	return check;
}

/**
 * The editor's own "Import from File" on a new workflow (the same hidden file input the menu item
 * opens), then the same canvas checks: what an admin gets who imports the file by hand. Nodes the
 * editor marks with issues (e.g. a credential it cannot bind) are listed too.
 */
async function importFromFile(browser: Browser, baseUrl: string, workflow: ShippedWorkflow, file: string, knownTypes: Set<string>): Promise<CanvasCheck & { withIssues: string[] }> {
	const page = await browser.context.newPage();
	try {
		await page.goto(`${baseUrl}/workflow/new`);
		await page.locator('[data-test-id="workflow-import-input"]').setInputFiles(file, { timeout: 60_000 });
		const notShown = await waitForCanvasNodes(page, workflow.nodes.length);
		if (notShown) return { problems: [`Import from File: ${notShown}`], warnings: [], nodes: [], withIssues: [] };
		await page.click('[data-test-id="zoom-to-fit"]');
		await page.waitForTimeout(1_000);
		const check = await checkCanvas(page, workflow, knownTypes);
		const withIssues = await page.evaluate(() =>
			[...document.querySelectorAll('.vue-flow__node')]
				.filter((element) => element.querySelector('[data-test-id="node-issues"]') !== null)
				.map((element) => element.querySelector('[data-node-name]')?.dataset.nodeName ?? '(unnamed)'),
		);
		return { ...check, withIssues };
	} finally {
		await page.close();
	}
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: { workflows: { type: 'string', default: join(ROOT, 'workflows') }, out: { type: 'string', default: join(ROOT, 'docs', 'images') } },
	});
	const workflowsDir = resolve(values.workflows!);
	const outDir = resolve(values.out!);
	const workflows = readShippedWorkflows(workflowsDir);
	if (workflows.length === 0) throw new Error(`No workflow JSON in ${workflowsDir}`);
	mkdirSync(outDir, { recursive: true });

	const userFolder = mkdtempSync(join(tmpdir(), 'shop-sync-screenshots-'));
	let simulators: RunningSimulators = {};
	let n8n: N8nInstance | undefined;
	let browser: Browser | undefined;
	const failures: string[] = [];
	try {
		simulators = await startSimulators();
		n8n = await N8nInstance.launch({
			userFolder,
			workflowDirs: [workflowsDir],
			publish: [],
			credentials: simulatorCredentials(simulatorUrls(simulators)),
			log,
		});
		const types = await n8n.rest<Array<{ name: string }>>('GET', '/types/nodes.json');
		if (types.status !== 200) throw new Error(`GET /types/nodes.json answered HTTP ${types.status}`);
		const knownTypes = new Set(types.data.map((type) => type.name));

		browser = await launchChromium(VIEWPORT, PIXEL_RATIO);
		const page = browser.context.pages()[0] ?? (await browser.context.newPage());
		await signIn(page, n8n.baseUrl);
		log(`Signed in to ${n8n.baseUrl} as ${DEV_OWNER.email}`);

		for (const workflow of workflows) {
			const file = join(outDir, `workflow-${workflow.stem}.png`);
			const { problems, warnings } = await capture(page, n8n.baseUrl, workflow, knownTypes, file);
			for (const warning of warnings) log(`warning, ${workflow.stem}.json: ${warning}`);
			if (problems.length > 0) {
				failures.push(`${workflow.stem}.json (${workflow.id}): ${problems.join('; ')}`);
				log(`FAILED ${workflow.stem}.json: ${problems.join('; ')}`);
			} else {
				log(`${relative(ROOT, file)}: "${workflow.name}", ${workflow.nodes.length} nodes, ${Math.round(statSync(file).size / 1024)} KiB`);
			}
			const imported = await importFromFile(browser, n8n.baseUrl, workflow, join(workflowsDir, `${workflow.stem}.json`), knownTypes);
			if (imported.problems.length > 0) {
				failures.push(`${workflow.stem}.json via Import from File: ${imported.problems.join('; ')}`);
				log(`FAILED Import from File of ${workflow.stem}.json: ${imported.problems.join('; ')}`);
			} else {
				const issues = imported.withIssues.length > 0 ? `; nodes the editor marks with issues: ${imported.withIssues.map((name) => `"${name}"`).join(', ')}` : '; no node marked with issues';
				log(`Import from File of ${workflow.stem}.json: ${workflow.nodes.length} nodes on the canvas, none unknown${issues}`);
			}
		}
	} finally {
		await browser?.close();
		await n8n?.stop();
		await stopSimulators(simulators);
		if (existsSync(userFolder)) rmSync(userFolder, { recursive: true, force: true });
	}
	if (failures.length > 0) {
		console.error(`[screenshots] ${failures.length} of ${workflows.length} workflow(s) cannot be pictured (no PNG written for them):`);
		for (const failure of failures) console.error(`  - ${failure}`);
		return 1;
	}
	log(`${workflows.length} screenshot(s) in ${relative(ROOT, outDir) || outDir}`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		console.error(`[screenshots] ${error.message}`);
		process.exit(1);
	},
);
