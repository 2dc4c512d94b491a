/**
 * The links n8n shows users (each node's codex "docs" links, each credential's "Open docs" link)
 * and the README's own section links must land on a heading that exists, so renaming a README
 * heading without updating its links fails here. Nodes and credentials are taken from package.json,
 * so a new one without a README link fails too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../../../scripts/lib/paths';

const README_URL = 'https://github.com/shop-sync/n8n-nodes-shop-sync#';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats get -1, -2. */
function githubAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let inFence = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
		const heading = inFence ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.replace(/<[^>]+>/g, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/ /g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const anchors = githubAnchors(readme);

/** dist/nodes/X/Y.node.js → nodes/X/Y.node.json (the codex file next to the source). */
const codexPaths = packageJson.n8n.nodes.map((dist) => dist.replace(/^dist\//, '').replace(/\.js$/, '.json'));
/** dist/credentials/X.credentials.js → credentials/X.credentials.ts */
const credentialPaths = packageJson.n8n.credentials.map((dist) => dist.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

interface Codex {
	resources: { primaryDocumentation?: Array<{ url: string }>; credentialDocumentation?: Array<{ url: string }> };
}
const codexes = codexPaths.map((path) => [path, JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Codex] as const);

function credentialDocumentationUrl(path: string): string {
	// Read from the source rather than importing the class: the test stays a pure text check.
	const match = /documentationUrl\s*=\s*\n?\s*'([^']+)'/.exec(readFileSync(join(ROOT, path), 'utf8'));
	if (!match) throw new Error(`${path} has no documentationUrl`);
	return match[1];
}

/** The anchor of a link into this README, or null for any other address. */
function readmeAnchor(url: string): string | null {
	return url.startsWith(README_URL) ? url.slice(README_URL.length) : null;
}

describe('githubAnchors', () => {
	it('follows GitHub: lower case, punctuation removed, spaces to hyphens, numbered repeats, code fences skipped', () => {
		const markdown = [
			'## Order Store (BigQuery)',
			'### Customer sync (`workflows/customer-sync.json`)',
			'### What `npm start` runs',
			'## Notes',
			'## Notes',
			'```',
			'## not a heading',
			'```',
		].join('\n');
		expect([...githubAnchors(markdown)]).toEqual([
			'order-store-bigquery',
			'customer-sync-workflowscustomer-syncjson',
			'what-npm-start-runs',
			'notes',
			'notes-1',
		]);
	});
});

describe('documentation links', () => {
	it('finds every node and credential of package.json', () => {
		expect(codexes).toHaveLength(9);
		expect(credentialPaths).toHaveLength(7);
	});

	it.each(codexes)('%s: primaryDocumentation points at an existing README heading', (_path, codex) => {
		const urls = (codex.resources.primaryDocumentation ?? []).map((entry) => entry.url);
		expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) {
			const anchor = readmeAnchor(url);
			expect({ url, found: anchor !== null && anchors.has(anchor) }).toEqual({ url, found: true });
		}
	});

	it.each(codexes)('%s: credentialDocumentation (when the node has a credential) points at an existing README heading', (path, codex) => {
		const nodeSource = readFileSync(join(ROOT, path.replace(/\.json$/, '.ts')), 'utf8');
		const urls = (codex.resources.credentialDocumentation ?? []).map((entry) => entry.url);
		if (/credentials:\s*\[\s*\{/.test(nodeSource)) expect(urls.length).toBeGreaterThan(0);
		for (const url of urls) {
			const anchor = readmeAnchor(url);
			expect({ url, found: anchor !== null && anchors.has(anchor) }).toEqual({ url, found: true });
		}
	});

	it.each(credentialPaths)('%s: documentationUrl resolves (a README link must name an existing heading)', (path) => {
		const url = credentialDocumentationUrl(path);
		expect(url).toMatch(/^https:\/\//);
		const anchor = readmeAnchor(url);
		if (anchor !== null) expect({ url, found: anchors.has(anchor) }).toEqual({ url, found: true });
	});

	it("every in-page link of the README lands on one of its headings", () => {
		const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
		expect(links.length).toBeGreaterThan(10);
		expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
	});

	it('every picture and repository file the README links to exists', () => {
		const targets = [...readme.matchAll(/\]\(((?:docs|docker|contracts|workflows)\/[^)#\s]+|CHANGELOG\.md)\)/g)].map((match) => match[1]);
		expect(targets.length).toBeGreaterThan(10);
		expect(targets.filter((target) => !existsSync(join(ROOT, target)))).toEqual([]);
	});

	it("docker/README.md's links into the main README land on its headings", () => {
		const dockerReadme = readFileSync(join(ROOT, 'docker', 'README.md'), 'utf8');
		const links = [...dockerReadme.matchAll(/\]\(\.\.\/README\.md#([^)]+)\)/g)].map((match) => match[1]);
		expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
	});
});
