/**
 * Opening a workflow on the n8n editor's canvas and checking what it shows: every node present,
 * none rendered as unknown, this package's nodes with their own icons, and layout that would
 * mislead a reader of a screenshot. Shared by `npm run screenshots` and the browser tests.
 */
import { basename, join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

import type { EditorDocument } from './editorDom';
import { PACKAGE_NAME } from './paths';

declare const document: EditorDocument;

export interface ShippedWorkflow {
	stem: string;
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string }>;
}

export function readShippedWorkflows(dir: string): ShippedWorkflow[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string; name: string; nodes: Array<{ name: string; type: string }> };
			return { stem: basename(file, '.json'), id: json.id, name: json.name, nodes: json.nodes ?? [] };
		});
}

/**
 * Toasts, tooltips, popovers and hover toolbars come and go; the floating "Execute workflow" button
 * sits over the bottom of the fitted canvas. None of them belongs in a README picture.
 */
export const HIDE_OVERLAYS_CSS = `
	.el-notification, .el-message, [role="tooltip"], .el-popper, [data-test-id="canvas-node-toolbar"],
	[class*="executionButtons"] { display: none !important; }
`;

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/** What one node on the canvas shows. */
export interface CanvasNode {
	name: string;
	type: string;
	/** The "?" placeholder n8n draws for a type it does not know. */
	unknownIcon: boolean;
	notInstalled: boolean;
	/** `src` of the node's icon image, when it is an image (package icons are); empty otherwise. */
	iconSrc: string;
	/** Whether that image loaded (naturalWidth > 0): a 404 leaves a broken image with the same src. */
	iconLoaded: boolean;
}

export interface CanvasCheck {
	/** The canvas would mislead a reader (and a screenshot must not be taken). */
	problems: string[];
	/** Worth fixing in the workflow's layout, but the picture is still true. */
	warnings: string[];
	nodes: CanvasNode[];
}

/**
 * Where n8n 2.41 serves a community package's node icons: `/icons/<package>/dist/nodes/…svg`
 * (the icon file of the node's folder in the installed package). A core or generic icon has
 * another path or is no image at all.
 */
export function isPackageIcon(src: string): boolean {
	return new RegExp(`/icons/${PACKAGE_NAME}/dist/nodes/[^?#]+\\.svg([?#]|$)`).test(src);
}

/** A problem for each of this package's nodes that does not show a loaded icon of its own. */
export function packageIconProblems(nodes: CanvasNode[]): string[] {
	return nodes
		.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`))
		.filter((node) => !isPackageIcon(node.iconSrc) || !node.iconLoaded)
		.map((node) =>
			!isPackageIcon(node.iconSrc)
				? `node "${node.name}" (${node.type}) does not show this package's icon (icon: ${node.iconSrc || 'no image'})`
				: `node "${node.name}" (${node.type}): its icon ${node.iconSrc} did not load`,
		);
}

/** Overlap by more than a few pixels (touching edges do not count). */
const intersects = (a: Box, b: Box) => a.left < b.right - 4 && b.left < a.right - 4 && a.top < b.bottom - 4 && b.top < a.bottom - 4;

export async function checkCanvas(page: Page, workflow: ShippedWorkflow, knownTypes: Set<string>): Promise<CanvasCheck> {
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
			const icon = square?.querySelector('img') as (ReturnType<typeof element.querySelector> & { src?: string; complete?: boolean; naturalWidth?: number }) | null | undefined;
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
				type: inner?.dataset.nodeType ?? '',
				sticky: inner?.dataset.nodeType === 'n8n-nodes-base.stickyNote' ? toBox(box) : null,
				unknownIcon: placeholder?.textContent?.trim() === '?',
				notInstalled: element.querySelector('[data-test-id="node-not-installed"]') !== null,
				iconSrc: icon?.src ?? '',
				iconLoaded: Boolean(icon?.complete && (icon.naturalWidth ?? 0) > 0),
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
	problems.push(...packageIconProblems(seen.nodes));
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
	const nodes = seen.nodes.map(({ name, type, unknownIcon, notInstalled, iconSrc, iconLoaded }) => ({ name, type, unknownIcon, notInstalled, iconSrc, iconLoaded }));
	return { problems, warnings, nodes };
}

/**
 * Waits until the canvas shows at least `count` nodes; undefined when it does, else a problem
 * naming how many it showed.
 */
export async function waitForCanvasNodes(page: Page, count: number, timeoutMs = 60_000): Promise<string | undefined> {
	try {
		await page.waitForFunction((wanted) => document.querySelectorAll('.vue-flow__node').length >= wanted, count, { timeout: timeoutMs });
		return undefined;
	} catch {
		const shown = await page.locator('.vue-flow__node').count();
		return `the canvas showed ${shown} of ${count} nodes after ${timeoutMs / 1000} s (at ${page.url()})`;
	}
}

/**
 * Opens a saved workflow, fits it to the view with no toasts, tooltips or hover states, and checks
 * it. The view is left as a user would see it, ready for a screenshot.
 */
export async function openAndCheckWorkflow(page: Page, baseUrl: string, workflow: ShippedWorkflow, knownTypes: Set<string>): Promise<CanvasCheck> {
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	const notShown = await waitForCanvasNodes(page, workflow.nodes.length);
	if (notShown) return { problems: [notShown], warnings: [], nodes: [] };
	await page.addStyleTag({ content: HIDE_OVERLAYS_CSS });
	await page.keyboard.press('Escape');
	const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
	// Away from nodes and buttons, so no hover state shows.
	await page.mouse.move(viewport.width - 5, viewport.height / 2);
	await page.click('[data-test-id="zoom-to-fit"]');
	await page.evaluate(async () => await document.fonts.ready);
	await page.waitForTimeout(1_000); // the fit animates
	await page.mouse.move(viewport.width - 5, viewport.height / 2);
	return await checkCanvas(page, workflow, knownTypes);
}
