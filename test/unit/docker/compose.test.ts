/**
 * docker/: the compose file and the Dockerfile admins use. These machines have the Docker client
 * without the compose plugin (and no engine), so `docker compose config` runs only where it
 * exists; everywhere the file is parsed with `yaml` and checked here: interpolation against
 * .env.example, the queue-mode topology, and the same variables as the tested local cluster.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

import { N8N_VERSION, ROOT } from '../../../scripts/lib/paths';
import { QUEUE_MODE_VARIABLES } from '../../../scripts/lib/queueEnv';

const DOCKER = join(ROOT, 'docker');
const composeText = readFileSync(join(DOCKER, 'docker-compose.yml'), 'utf8');
const envExample = readFileSync(join(DOCKER, '.env.example'), 'utf8');

interface Service {
	image?: string;
	build?: { context: string; dockerfile: string; args?: Record<string, string> };
	command?: string[];
	entrypoint?: string[];
	environment?: Record<string, string | number>;
	healthcheck?: { test: string[] };
	volumes?: string[];
	ports?: string[];
	profiles?: string[];
	deploy?: { replicas: string | number };
	depends_on?: Record<string, { condition: string }> | string[];
}

const exampleValues = Object.fromEntries(
	envExample
		.split('\n')
		.filter((line) => /^[A-Z0-9_]+=/.test(line))
		.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);

/** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, $$ escapes. */
function interpolate(text: string, values: Record<string, string>): { text: string; missing: string[] } {
	const missing: string[] = [];
	const out = text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name?: string, op?: string, arg?: string) => {
		if (match === '$$') return '$';
		const value = values[name!];
		const unset = value === undefined || (op?.startsWith(':') && value === '');
		if (!unset) return value;
		if (op === ':?' || op === '?') {
			missing.push(`${name}: ${arg}`);
			return '';
		}
		return op ? (arg ?? '') : '';
	});
	return { text: out, missing };
}

const referenced = [...composeText.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
const compose = parse(interpolate(composeText, exampleValues).text, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const n8nServices = ['n8n-main', 'n8n-worker', 'n8n-webhook', 'n8n-import'];

describe('docker/docker-compose.yml', () => {
	it('validates with `docker compose config` where the compose plugin exists', () => {
		const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
		if (probe.status !== 0) {
			// Not on these machines: the checks below stand in for it.
			console.info('docker compose is not available here; validated with the yaml parser instead.');
			return;
		}
		const result = spawnSync('docker', ['compose', '--env-file', join(DOCKER, '.env.example'), '-f', join(DOCKER, 'docker-compose.yml'), 'config', '--quiet'], {
			encoding: 'utf8',
		});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('reads every variable from .env.example, which lists nothing unused', () => {
		expect(interpolate(composeText, exampleValues).missing).toEqual([]);
		expect([...new Set(referenced)].filter((name) => !(name in exampleValues))).toEqual([]);
		const unused = Object.keys(exampleValues).filter((name) => !referenced.includes(name));
		expect(unused).toEqual([]);
	});

	it('contains no secret: secret-looking settings all come from variables', () => {
		const secretish = /PASSWORD|_KEY$|TOKEN|HASH/;
		for (const line of composeText.split('\n')) {
			const match = /^\s*([A-Z0-9_]+):\s*(.+)$/.exec(line);
			if (match && secretish.test(match[1]) && !/PREFIX/.test(match[1])) expect(`${match[1]}: ${match[2]}`).toMatch(/\$\{[A-Z0-9_]+:\?/);
		}
		expect(envExample).not.toMatch(/^(POSTGRES_PASSWORD|N8N_ENCRYPTION_KEY|N8N_RUNNERS_AUTH_TOKEN|N8N_INSTANCE_OWNER_PASSWORD_HASH)=(?!change-me$)/m);
	});

	it('runs PostgreSQL and Redis with health checks and volumes', () => {
		for (const name of ['postgres', 'redis']) {
			expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
			expect(services[name].volumes?.length).toBeGreaterThan(0);
		}
	});

	it('gives every n8n process the queue-mode variables of the tested local cluster, one encryption key', () => {
		for (const name of n8nServices) {
			const environment = services[name].environment!;
			expect(QUEUE_MODE_VARIABLES.filter((variable) => !(variable in environment))).toEqual([]);
			expect(environment.EXECUTIONS_MODE).toBe('queue');
			expect(environment.DB_TYPE).toBe('postgresdb');
			expect(environment.N8N_ENCRYPTION_KEY).toBe(exampleValues.N8N_ENCRYPTION_KEY);
			expect(services[name].image).toBe(`shop-sync-n8n:${N8N_VERSION}`);
			expect(services[name].depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
		}
	});

	it('has the main process, scalable workers, an optional webhook processor and a one-shot import', () => {
		expect(services['n8n-main'].command).toBeUndefined();
		expect(services['n8n-main'].ports).toEqual(['127.0.0.1:5678:5678']);
		expect(services['n8n-worker'].command).toEqual(['worker', '--concurrency=10']);
		expect(String(services['n8n-worker'].deploy?.replicas)).toBe(exampleValues.N8N_WORKER_REPLICAS);
		expect(services['n8n-webhook']).toMatchObject({ command: ['webhook'], profiles: ['webhook-processor'] });
		expect(services['n8n-import']).toMatchObject({ profiles: ['import'], entrypoint: ['/bin/sh', '/opt/shop-sync/import.sh'] });
		expect(services['n8n-import'].volumes).toEqual(['./credentials:/opt/shop-sync/credentials:ro']);
	});

	it('shares one lock folder between all n8n processes that run executions (ManyChat notifications)', () => {
		for (const name of ['n8n-main', 'n8n-worker', 'n8n-webhook']) {
			expect(services[name].volumes).toContain('shop_sync_locks:/tmp/n8n-shop-sync-locks');
		}
		expect(readFileSync(join(DOCKER, 'Dockerfile'), 'utf8')).toMatch(/mkdir -p \/tmp\/n8n-shop-sync-locks/);
	});

	it('runs task runners as external sidecars with the shared auth token, one per worker', () => {
		for (const name of ['n8n-main', 'n8n-worker', 'n8n-webhook']) {
			expect(services[name].environment).toMatchObject({ N8N_RUNNERS_MODE: 'external', N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '0.0.0.0' });
		}
		expect(services['n8n-main-runner'].image).toBe(`n8nio/runners:${N8N_VERSION}`);
		expect(services['n8n-main-runner'].environment).toEqual({
			N8N_RUNNERS_TASK_BROKER_URI: 'http://n8n-main:5679',
			N8N_RUNNERS_AUTH_TOKEN: exampleValues.N8N_RUNNERS_AUTH_TOKEN,
		});
		expect(services['n8n-worker-runner'].environment).toMatchObject({ N8N_RUNNERS_TASK_BROKER_URI: 'http://n8n-worker:5679' });
		expect(services['n8n-worker-runner'].deploy?.replicas).toBe(services['n8n-worker'].deploy?.replicas);
	});
});

describe('docker/Dockerfile', () => {
	const dockerfile = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');

	it(`builds on the official n8nio/n8n:${N8N_VERSION} image`, () => {
		expect(dockerfile).toContain(`ARG N8N_VERSION=${N8N_VERSION}`);
		expect(dockerfile).toMatch(/^FROM n8nio\/n8n:\$\{N8N_VERSION\}$/m);
	});

	it('installs the package tarball into /home/node/.n8n/nodes like the local runtime', () => {
		expect(dockerfile).toContain('cd /home/node/.n8n/nodes');
		expect(dockerfile).toContain('npm install /tmp/n8n-nodes-shop-sync.tgz --ignore-scripts --no-audit --no-fund');
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
		expect(exampleValues.PACKAGE_TARBALL).toBe(`${manifest.name}-${manifest.version}.tgz`);
	});
});
