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
 * installed"), a node type is not loaded, nodes are missing or lie outside the view; no PNG is
 * written for such a workflow.
 *
 * Options: --workflows <dir> (default workflows/), --out <dir> (default docs/images/).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';

import { simulatorUrls, startSimulators, stopSimulators, type RunningSimulators } from '../simulators/registry';
import { launchChromium, type Browser } from './lib/browser';
import { simulatorCredentials } from './lib/devCredentials';
import { DEV_OWNER, N8nInstance } from './lib/n8nInstance';
import { ROOT } from './lib/paths';

/** CSS pixels; rendered at twice the pixels so node labels and sticky text stay legible when zoomed. */
const VIEWPORT = { width: 1600, height: 1000 };
const PIXEL_RATIO = 2;

interface ShippedWorkflow {
	stem: string;
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string }>;
}

const log = (line: string) => console.log(`[screenshots] ${line}`);

// Functions given to page.evaluate run in the browser. The tools' tsconfig has no DOM library, so
// this module declares the little of the DOM they use.
interface PageElement {
	getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
	querySelector(selector: string): PageElement | null;
	querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
	textContent: string | null;
	dataset: Record<string, string | undefined>;
}
declare const document: Pick<PageElement, 'querySelector' | 'querySelectorAll'> & {
	body: { innerText: string };
	createRange(): { selectNodeContents(element: PageElement): void; getBoundingClientRect(): ReturnType<PageElement['getBoundingClientRect']> };
	fonts: { ready: Promise<unknown> };
};

function readShippedWorkflows(dir: string): ShippedWorkflow[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string; name: string; nodes: Array<{ name: string; type: string }> };
			return { stem: basename(file, '.json'), id: json.id, name: json.name, nodes: json.nodes ?? [] };
		});
}

async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('#emailOrLdapLoginId', DEV_OWNER.email);
	await page.fill('#password', DEV_OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 }).catch(() => {
		throw new Error(`Sign-in through ${baseUrl}/signin did not leave the login page (still at ${page.url()})`);
	});
}

/**
 * Toasts, tooltips, popovers and hover toolbars come and go; the floating "Execute workflow" button
 * sits over the bottom of the fitted canvas. None of them belongs in a README picture.
 */
const HIDE_OVERLAYS_CSS = `
	.el-notification, .el-message, [role="tooltip"], .el-popper, [data-test-id="canvas-node-toolbar"],
	[class*="executionButtons"] { display: none !important; }
`;

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

interface CanvasCheck {
	/** The picture would mislead a reader: no PNG. */
	problems: string[];
	/** Worth fixing in the workflow's layout, but the picture is still true. */
	warnings: string[];
}

/** Overlap by more than a few pixels (touching edges do not count). */
const intersects = (a: Box, b: Box) => a.left < b.right - 4 && b.left < a.right - 4 && a.top < b.bottom - 4 && b.top < a.bottom - 4;

async function checkCanvas(page: Page, workflow: ShippedWorkflow, knownTypes: Set<string>): Promise<CanvasCheck> {
	const problems: string[] = [];
	const warnings: string[] = [];
	const notLoaded = workflow.nodes.filter((node) => !knownTypes.has(node.type));
	for (const node of notLoaded) problems.push(`node "${node.name}": type ${node.type} is not loaded in n8n`);

	const seen = await page.evaluate(() => {
		const toBox = (rect: { left: number; top: number; right: number; bottom: number }) => ({
			left: rect.left,
			top: rect.top,
			right: rect.right,
			bottom: rect.bottom,
		});
		const canvas = document.querySelector('.vue-flow')!.getBoundingClientRect();
		const nodes = [...document.querySelectorAll('.vue-flow__node')].map((element) => {
			const box = element.getBoundingClientRect();
			const inner = element.querySelector('[data-node-name]');
			const placeholder = element.querySelector('[class*="nodeIconPlaceholder"]');
			// A node's square and its label; stickies are left out (nodes sit on them on purpose).
			const square = inner?.dataset.nodeType === 'n8n-nodes-base.stickyNote' ? null : element.querySelector('[data-canvas-node-render-type]');
			const label = square?.querySelector('[class*="_description_"]');
			// A label line's box is wider than its text, and a long subtitle is cut off with an ellipsis:
			// what shows is the text's own extent (a range) within the line's box.
			const lines = label ? [...label.querySelectorAll('*')].filter((line) => line.querySelector('*') === null && line.textContent?.trim()) : [];
			const shown = lines.map((line) => {
				const range = document.createRange();
				range.selectNodeContents(line);
				const text = range.getBoundingClientRect();
				const box = line.getBoundingClientRect();
				return {
					left: Math.max(text.left, box.left),
					top: Math.max(text.top, box.top),
					right: Math.min(text.right, box.right),
					bottom: Math.min(text.bottom, box.bottom),
				};
			});
			return {
				name: inner?.dataset.nodeName ?? '(unnamed)',
				sticky: inner?.dataset.nodeType === 'n8n-nodes-base.stickyNote' ? toBox(box) : null,
				unknownIcon: placeholder?.textContent?.trim() === '?',
				notInstalled: element.querySelector('[data-test-id="node-not-installed"]') !== null,
				outside: box.left < canvas.left || box.top < canvas.top || box.right > canvas.right || box.bottom > canvas.bottom,
				parts: [...(square ? [toBox(square.getBoundingClientRect())] : []), ...shown],
			};
		});
		return { nodes, text: document.body.innerText };
	});

	for (const node of seen.nodes) {
		if (node.unknownIcon || node.notInstalled) problems.push(`node "${node.name}" renders as unknown/not installed`);
		if (node.outside) problems.push(`node "${node.name}" lies outside the fitted view`);
	}
	for (const phrase of ['Install this node', 'not currently installed']) {
		if (seen.text.includes(phrase)) problems.push(`the editor shows "${phrase}"`);
	}
	const rendered = new Set(seen.nodes.map((node) => node.name));
	const missing = workflow.nodes.filter((node) => !rendered.has(node.name));
	if (missing.length > 0) problems.push(`not on the canvas: ${missing.map((node) => `"${node.name}"`).join(', ')}`);

	const contains = (outer: Box, inner: Box) =>
		inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
	for (const note of seen.nodes) {
		if (!note.sticky) continue;
		const { sticky } = note;
		// Nodes may sit wholly on a sticky (a lane); half on, half off hides text of one or the other.
		const straddling = seen.nodes.filter((node) => node.parts.some((part) => intersects(part, sticky) && !contains(sticky, part)));
		for (const node of straddling) warnings.push(`"${node.name}" lies partly on the sticky note "${note.name}"`);
	}
	seen.nodes.forEach((a, index) => {
		for (const b of seen.nodes.slice(index + 1)) {
			if (a.parts.some((part) => b.parts.some((other) => intersects(part, other)))) {
				warnings.push(`"${a.name}" and "${b.name}" overlap (icon or label)`);
			}
		}
	});
	return { problems, warnings };
}

async function capture(page: Page, baseUrl: string, workflow: ShippedWorkflow, knownTypes: Set<string>, file: string): Promise<CanvasCheck> {
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	try {
		await page.waitForFunction((count) => document.querySelectorAll('.vue-flow__node').length >= count, workflow.nodes.length, {
			timeout: 60_000,
		});
	} catch {
		const count = await page.locator('.vue-flow__node').count();
		return { problems: [`the canvas showed ${count} of ${workflow.nodes.length} nodes after 60 s (at ${page.url()})`], warnings: [] };
	}
	await page.addStyleTag({ content: HIDE_OVERLAYS_CSS });
	await page.keyboard.press('Escape');
	// Away from nodes and buttons, so no hover state shows.
	await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
	await page.click('[data-test-id="zoom-to-fit"]');
	await page.evaluate(async () => await document.fonts.ready);
	await page.waitForTimeout(1_000); // the fit animates
	await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);

	const check = await checkCanvas(page, workflow, knownTypes);
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
		try {
			await page.waitForFunction((count) => document.querySelectorAll('.vue-flow__node').length >= count, workflow.nodes.length, { timeout: 60_000 });
		} catch {
			const count = await page.locator('.vue-flow__node').count();
			return { problems: [`Import from File showed ${count} of ${workflow.nodes.length} nodes after 60 s`], warnings: [], withIssues: [] };
		}
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
