/**
 * docker/: the compose file and the Dockerfile admins use. These machines have the Docker client
 * without the compose plugin (and no engine), so `docker compose config` runs only where it
 * exists; everywhere the file is parsed with `yaml` and checked here: interpolation against
 * .env.example, the queue-mode topology, and the same variables as the tested local cluster.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashSync } from 'bcryptjs';
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
	networks?: string[];
	network_mode?: string;
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
const compose = parse(interpolate(composeText, exampleValues).text, { merge: true }) as {
	services: Record<string, Service>;
	networks: Record<string, { internal?: boolean } | null>;
};
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

/** The secrets every n8n process reads, by the names docker/check-secrets.sh is given. */
const SECRET_NAMES = ['N8N_ENCRYPTION_KEY', 'DB_POSTGRESDB_PASSWORD', 'QUEUE_BULL_REDIS_PASSWORD', 'N8N_RUNNERS_AUTH_TOKEN', 'N8N_INSTANCE_OWNER_PASSWORD_HASH'];
/** The owner's password as n8n stores it (and docker/README.md makes it): a bcrypt hash. */
const OWNER_HASH = hashSync('correct horse battery staple', 4);

function strongSecrets(): Record<string, string> {
	return {
		N8N_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
		DB_POSTGRESDB_PASSWORD: randomBytes(32).toString('hex'),
		QUEUE_BULL_REDIS_PASSWORD: randomBytes(32).toString('hex'),
		N8N_RUNNERS_AUTH_TOKEN: randomBytes(32).toString('hex'),
		N8N_INSTANCE_OWNER_PASSWORD_HASH: OWNER_HASH,
	};
}

/** Runs docker/check-secrets.sh with only these variables in its environment. */
function checkSecrets(values: Record<string, string | undefined>): { status: number | null; stderr: string } {
	const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
	for (const [name, value] of Object.entries(values)) if (value !== undefined) env[name] = value;
	const result = spawnSync('sh', [join(DOCKER, 'check-secrets.sh'), ...SECRET_NAMES], { env, encoding: 'utf8' });
	return { status: result.status, stderr: result.stderr };
}

describe('docker/ refuses weak setups', () => {
	it('the secret check passes strong secrets', () => {
		expect(checkSecrets(strongSecrets())).toEqual({ status: 0, stderr: '' });
	});

	it('the secret check refuses the placeholders of .env.example, naming each variable', () => {
		const environment = services['secrets-check'].environment!;
		const result = checkSecrets(Object.fromEntries(SECRET_NAMES.map((name) => [name, String(environment[name])])));
		expect(result.status).toBe(1);
		for (const name of SECRET_NAMES) expect(result.stderr).toContain(`refusing to start: ${name} is`);
	});

	it.each([
		['empty', ''],
		['a placeholder', 'change-me'],
		['a placeholder', `change-me-${'0123456789abcdef'.repeat(3)}`],
		['shorter than 32 characters', randomBytes(15).toString('hex')],
		['one character repeated', 'a'.repeat(64)],
	])('the secret check refuses a secret that is %s', (_why, weak) => {
		for (const name of SECRET_NAMES.filter((entry) => !entry.endsWith('_HASH'))) {
			const result = checkSecrets({ ...strongSecrets(), [name]: weak });
			expect(result.status).toBe(1);
			expect(result.stderr).toContain(`refusing to start: ${name} `);
			expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
		}
		expect(checkSecrets({ ...strongSecrets(), N8N_ENCRYPTION_KEY: undefined }).stderr).toContain('N8N_ENCRYPTION_KEY is empty');
	});

	it('the secret check refuses an owner password hash that is not bcrypt', () => {
		for (const weak of ['change-me', 'correct horse battery staple', OWNER_HASH.slice(0, -1)]) {
			const result = checkSecrets({ ...strongSecrets(), N8N_INSTANCE_OWNER_PASSWORD_HASH: weak });
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('N8N_INSTANCE_OWNER_PASSWORD_HASH is not a bcrypt hash');
		}
	});

	it('runs the secret check before PostgreSQL and Redis, on the secrets n8n uses', () => {
		const check = services['secrets-check'];
		expect(check.entrypoint).toEqual(['/bin/sh', '/opt/shop-sync/check-secrets.sh', ...SECRET_NAMES]);
		expect(check.network_mode).toBe('none');
		for (const name of SECRET_NAMES) expect(check.environment?.[name]).toBe(services['n8n-main'].environment?.[name]);
		for (const name of ['postgres', 'redis']) {
			expect(services[name].depends_on).toMatchObject({ 'secrets-check': { condition: 'service_completed_successfully' } });
		}
	});

	it('every n8n container checks its secrets in its entrypoint before n8n starts', () => {
		const dockerfile = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');
		expect(dockerfile).toMatch(/^ENTRYPOINT \["tini", "--", "\/opt\/shop-sync\/entrypoint\.sh"\]$/m);
		expect(dockerfile).toMatch(/^COPY .*docker\/check-secrets\.sh docker\/entrypoint\.sh \/opt\/shop-sync\/$/m);
		const entrypoint = readFileSync(join(DOCKER, 'entrypoint.sh'), 'utf8').split('\n').filter((line) => !line.startsWith('#') && line.trim() !== '');
		const check = entrypoint.findIndex((line) => line.includes('/opt/shop-sync/check-secrets.sh'));
		const handOver = entrypoint.findIndex((line) => line.startsWith('exec /docker-entrypoint.sh'));
		expect(entrypoint).toContain('set -eu');
		expect(check).toBeGreaterThan(-1);
		expect(handOver).toBeGreaterThan(check);
		expect(entrypoint.slice(check, handOver).join(' ').replace(/\\\s+/g, ' ')).toContain(SECRET_NAMES.join(' '));
		expect(readFileSync(join(DOCKER, 'import.sh'), 'utf8')).toMatch(/^\/bin\/sh \/opt\/shop-sync\/check-secrets\.sh N8N_ENCRYPTION_KEY /m);
	});

	it('Redis requires a password and every n8n process sends it', () => {
		const redis = services.redis;
		expect(redis.command?.join(' ')).toContain('--requirepass "$REDIS_PASSWORD"');
		expect(redis.environment?.REDIS_PASSWORD).toBe(exampleValues.REDIS_PASSWORD);
		expect(redis.healthcheck?.test.join(' ')).toContain('REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping');
		for (const name of n8nServices) expect(services[name].environment?.QUEUE_BULL_REDIS_PASSWORD).toBe(exampleValues.REDIS_PASSWORD);
		expect(composeText).toMatch(/QUEUE_BULL_REDIS_PASSWORD: \$\{REDIS_PASSWORD:\?/);
	});

	it('gives the task runners their own internal networks, without PostgreSQL or Redis', () => {
		const networksOf = (name: string) => services[name].networks ?? ['default'];
		const dataNetworks = new Set([...networksOf('postgres'), ...networksOf('redis')]);
		expect([...dataNetworks]).toEqual(['data']);
		expect(compose.networks.data?.internal).toBe(true);
		for (const [runner, broker] of [['n8n-main-runner', 'n8n-main'], ['n8n-worker-runner', 'n8n-worker']]) {
			const own = networksOf(runner);
			expect(own).toHaveLength(1);
			expect(compose.networks[own[0]]?.internal).toBe(true);
			expect(networksOf(broker)).toContain(own[0]);
			expect(own.filter((network) => dataNetworks.has(network))).toEqual([]);
			// No other service shares the runners' network: only their broker.
			const sharing = Object.keys(services).filter((name) => name !== runner && networksOf(name).includes(own[0]));
			expect(sharing).toEqual([broker]);
		}
		for (const name of n8nServices) expect(networksOf(name)).toEqual(expect.arrayContaining(['default', 'data']));
	});
});

/** Docker's .dockerignore rules: the last matching line wins; a match on a folder covers what is below it. */
function ignoredByDocker(rules: string[], path: string): boolean {
	let ignored = false;
	for (const rule of rules) {
		const negated = rule.startsWith('!');
		const pattern = (negated ? rule.slice(1) : rule).replace(/^\/+|\/+$/g, '');
		const source = pattern
			.split(/(\*\*\/?|\*|\?)/)
			.map((part) => (part === '**/' || part === '**' ? '(?:.*/)?' + (part === '**' ? '.*' : '') : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
			.join('');
		if (new RegExp(`^${source}(?:/.*)?$`).test(path)) ignored = !negated;
	}
	return ignored;
}

describe('.dockerignore', () => {
	const rules = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#'));

	it('keeps docker/.env, credential files and keys out of the build context', () => {
		for (const path of ['docker/.env', '.env', 'docker/.env.local', 'docker/credentials/shopify-a.json', 'docker/credentials/notes.txt', 'keys/service-account.json', 'tls/server.key', 'tls/server.pem', 'node_modules/x/index.js', '.git/config', 'test/e2e/emanage.test.ts']) {
			expect([path, ignoredByDocker(rules, path)]).toEqual([path, true]);
		}
	});

	it('lets in what the Dockerfile copies', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
		for (const path of [`${manifest.name}-${manifest.version}.tgz`, 'workflows/order-form.json', 'docker/Dockerfile', 'docker/import.sh', 'docker/check-secrets.sh', 'docker/entrypoint.sh']) {
			expect([path, ignoredByDocker(rules, path)]).toEqual([path, false]);
		}
	});
});

describe('docker/README.md', () => {
	const readme = readFileSync(join(DOCKER, 'README.md'), 'utf8');

	it('says what to expose for forms, not only webhooks', () => {
		const section = readme.slice(readme.indexOf('## What to expose publicly'), readme.indexOf('## Security checklist'));
		for (const path of ['`/webhook/*`', '`/form/*`', '`/form-waiting/*`']) expect(section).toContain(path);
	});

	it('has a checklist covering every point of a strong setup', () => {
		const checklist = readme.slice(readme.indexOf('## Security checklist'));
		const items = checklist.split('\n').filter((line) => line.startsWith('- [ ]'));
		expect(items.length).toBeGreaterThanOrEqual(5);
		for (const words of ['placeholder', '--requirepass', 'QUEUE_BULL_REDIS_PASSWORD', 'runners-main', '`.dockerignore`', '`docker/.env`', '`/form/*`']) expect(checklist).toContain(words);
	});
});
