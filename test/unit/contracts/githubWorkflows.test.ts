/**
 * .github/workflows/: what the GitHub Actions files must keep doing, checked without GitHub.
 * CI runs the same layers as .ci/run (lint, build, npm test, then the queue layer with its
 * PostgreSQL and Redis); publishing goes through npm with a provenance statement, which n8n
 * requires of community nodes published since 1 May 2026 (OIDC token: `id-token: write`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

import { ROOT } from '../../../scripts/lib/paths';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string | number>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	services?: Record<string, { image: string; env?: Record<string, string>; ports?: string[] }>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const readWorkflow = (file: string) => parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')) as Workflow;
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Every shell command of a job, one per line, in order. */
const commands = (job: Job) => job.steps.flatMap((step) => (step.run ?? '').split('\n').map((line) => line.trim()).filter(Boolean));
/** Position of the first command that starts with `prefix` (-1 when none). */
const indexOf = (lines: string[], prefix: string) => lines.findIndex((line) => line === prefix || line.startsWith(`${prefix} `) || line.startsWith(`${prefix}&`));
const setupNode = (job: Job) => job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));

describe.each(['ci.yml', 'publish.yml'])('%s', (file) => {
	const workflow = readWorkflow(file);

	it('runs only npm scripts that package.json defines', () => {
		const used = Object.values(workflow.jobs)
			.flatMap(commands)
			.flatMap((line) => [...line.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]));
		expect(used.length).toBeGreaterThan(0);
		expect(used.filter((name) => !(name in scripts))).toEqual([]);
	});

	it('uses Node 24, which n8n 2.41 requires', () => {
		for (const job of Object.values(workflow.jobs)) expect(String(setupNode(job)?.with?.['node-version'])).toBe('24');
	});
});

describe('ci.yml', () => {
	const workflow = readWorkflow('ci.yml');
	const job = Object.values(workflow.jobs)[0];
	const lines = commands(job);

	it('runs on pushes to main and on pull requests', () => {
		expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
	});

	it('installs, lints, builds, runs npm test, then the queue layer, in that order', () => {
		const order = ['npm ci', 'npm run lint', 'npm run build', 'npm test', 'npm run test:queue'].map((command) => indexOf(lines, command));
		expect(order.every((position) => position >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('installs Chromium from the distribution', () => {
		expect(lines.some((line) => /apt-get install -y chromium\b/.test(line))).toBe(true);
	});

	it('gives the queue layer PostgreSQL (user postgres, trust auth) and Redis on the ports it expects', () => {
		const postgres = job.services?.postgres;
		const redis = job.services?.redis;
		expect(postgres?.image).toMatch(/^postgres:/);
		expect(postgres?.env?.POSTGRES_HOST_AUTH_METHOD).toBe('trust');
		expect(postgres?.ports).toContain('5432:5432');
		expect(redis?.image).toMatch(/^redis:/);
		expect(redis?.ports).toContain('6379:6379');
	});
});

describe('publish.yml', () => {
	const workflow = readWorkflow('publish.yml');
	const [job] = Object.values(workflow.jobs);
	const lines = commands(job);

	it('runs when a release is published', () => {
		expect(workflow.on).toEqual({ release: { types: ['published'] } });
	});

	it('may request the OIDC token that npm provenance needs (id-token: write)', () => {
		expect({ ...workflow.permissions, ...job.permissions }['id-token']).toBe('write');
	});

	it('points npm at the public registry', () => {
		expect(setupNode(job)?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	});

	it('installs and builds before publishing, and publishes only with provenance, publicly', () => {
		const publishes = lines.filter((line) => line.startsWith('npm publish'));
		expect(publishes).toHaveLength(1);
		expect(publishes[0].split(/\s+/)).toEqual(expect.arrayContaining(['--provenance', '--access', 'public']));
		const publish = lines.indexOf(publishes[0]);
		expect(indexOf(lines, 'npm ci')).toBeGreaterThanOrEqual(0);
		expect(indexOf(lines, 'npm ci')).toBeLessThan(publish);
		expect(indexOf(lines, 'npm run build')).toBeGreaterThanOrEqual(0);
		expect(indexOf(lines, 'npm run build')).toBeLessThan(publish);
	});
});
