/**
 * n8n in queue mode on this machine: the topology of docker/docker-compose.yml without Docker.
 * One main process (UI, triggers, webhooks) and N `n8n worker` processes, all n8n 2.41.0 on
 * Node 24, PostgreSQL as the shared database (a fresh database per cluster, dropped on stop) and
 * Redis as the Bull queue (a unique QUEUE_BULL_PREFIX / N8N_REDIS_KEY_PREFIX per cluster, its keys
 * deleted on stop). Each process has its own user folder with this package installed in
 * `<folder>/.n8n/nodes`, as each container of the compose file has.
 *
 * `mode: 'regular'` starts the same main process on the same kind of database without workers,
 * for comparisons on the same workload.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { join } from 'node:path';

import type { CredentialImport } from './devCredentials';
import { freePort } from './freePort';
import { ensureN8nHost, type N8nHost } from './n8nHost';
import { DEV_ENCRYPTION_KEY, N8nInstance } from './n8nInstance';
import { installPackage, packPackage } from './packageInstall';
import { queueModeEnv } from './queueEnv';

export const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres' } as const;
export const LOCAL_REDIS = { host: '127.0.0.1', port: 6379 } as const;

const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const START_REDIS = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';

/** Minimal shapes of the `pg` and `ioredis` clients that ship inside n8n's own node_modules. */
interface PgClient {
	connect(): Promise<void>;
	query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
	end(): Promise<void>;
}
interface RedisClient {
	ping(): Promise<string>;
	llen(key: string): Promise<number>;
	zcard(key: string): Promise<number>;
	zrange(key: string, start: number, stop: number): Promise<string[]>;
	hget(key: string, field: string): Promise<string | null>;
	scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>;
	del(...keys: string[]): Promise<number>;
	quit(): Promise<unknown>;
	disconnect(): void;
}

function hostRequire(host: N8nHost): NodeJS.Require {
	return createRequire(join(host.dir, 'node_modules', 'n8n', 'package.json'));
}

function pgClient(host: N8nHost, database = 'postgres'): PgClient {
	const { Client } = hostRequire(host)('pg') as { Client: new (config: object) => PgClient };
	return new Client({ ...LOCAL_POSTGRES, database, connectionTimeoutMillis: 5000 });
}

function redisClient(host: N8nHost): RedisClient {
	const Redis = hostRequire(host)('ioredis') as new (config: object) => RedisClient;
	return new Redis({ ...LOCAL_REDIS, lazyConnect: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
}

async function listening(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = new Socket();
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('error', () => done(false));
		socket.connect(port, host, () => done(true));
	});
}

/**
 * Checks that PostgreSQL and Redis answer on their local ports and says which one is missing and
 * how to start it.
 */
export async function checkQueueServices(host?: N8nHost): Promise<void> {
	const problems: string[] = [];
	if (!(await listening(LOCAL_POSTGRES.host, LOCAL_POSTGRES.port))) {
		problems.push(`PostgreSQL is not listening on ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port}. Start it with:\n    ${START_POSTGRES}`);
	} else if (host) {
		const client = pgClient(host);
		try {
			await client.connect();
			await client.query('SELECT 1');
		} catch (error) {
			problems.push(
				`PostgreSQL on ${LOCAL_POSTGRES.host}:${LOCAL_POSTGRES.port} refused user "${LOCAL_POSTGRES.user}" (trust auth expected): ${(error as Error).message}`,
			);
		} finally {
			await client.end().catch(() => undefined);
		}
	}
	if (!(await listening(LOCAL_REDIS.host, LOCAL_REDIS.port))) {
		problems.push(`Redis is not listening on ${LOCAL_REDIS.host}:${LOCAL_REDIS.port}. Start it with:\n    ${START_REDIS}`);
	} else if (host) {
		const client = redisClient(host);
		try {
			if ((await client.ping()) !== 'PONG') problems.push(`Redis on ${LOCAL_REDIS.host}:${LOCAL_REDIS.port} did not answer PING with PONG`);
		} catch (error) {
			problems.push(`Redis on ${LOCAL_REDIS.host}:${LOCAL_REDIS.port} did not answer PING: ${(error as Error).message}`);
		} finally {
			client.disconnect();
		}
	}
	if (problems.length > 0) {
		throw new Error(`n8n queue mode needs PostgreSQL and Redis on this machine.\n  - ${problems.join('\n  - ')}`);
	}
}

export interface N8nClusterOptions {
	/** Parent folder for the user folders of every process (main, worker-1, …). */
	rootFolder: string;
	/** `queue` (default): main + workers. `regular`: the main process alone, same database kind. */
	mode?: 'queue' | 'regular';
	/** Number of `n8n worker` processes in queue mode (default 2). */
	workers?: number;
	/** `n8n worker --concurrency` (default 10, n8n's own default). */
	concurrency?: number;
	/** Main HTTP port; a free one when omitted. */
	port?: number;
	workflowDirs?: string[];
	/** IDs of the imported workflows to publish (default: all); see N8nInstanceOptions.publish. */
	publish?: string[];
	credentials?: CredentialImport[];
	/** Extra variables for every process. */
	env?: Record<string, string>;
	log?: (line: string) => void;
}

export interface QueueCounts {
	waiting: number;
	active: number;
	delayed: number;
	completed: number;
	failed: number;
}

export class N8nCluster {
	main!: N8nInstance;

	readonly workers: N8nInstance[] = [];

	/** Bull / Redis key prefix of this cluster. */
	readonly prefix: string;

	readonly database: string;

	private databaseCreated = false;

	private constructor(
		readonly options: N8nClusterOptions,
		readonly host: N8nHost,
		id: string,
	) {
		this.prefix = `shop-sync-${id}`;
		this.database = `shop_sync_${id}`;
	}

	get mode(): 'queue' | 'regular' {
		return this.options.mode ?? 'queue';
	}

	get concurrency(): number {
		return this.options.concurrency ?? 10;
	}

	static async launch(options: N8nClusterOptions): Promise<N8nCluster> {
		const log = options.log ?? (() => {});
		const host = await ensureN8nHost(log);
		await checkQueueServices(host);
		const id = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
		const cluster = new N8nCluster(options, host, id);
		try {
			await cluster.start(log);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/** Environment shared by every process: the same variables as docker-compose.yml's x-n8n-shared. */
	private sharedEnv(): Record<string, string> {
		const env = queueModeEnv({
			postgres: { ...LOCAL_POSTGRES, database: this.database },
			redis: LOCAL_REDIS,
			prefix: this.prefix,
			encryptionKey: DEV_ENCRYPTION_KEY,
		});
		if (this.mode === 'regular') {
			env.EXECUTIONS_MODE = 'regular';
			delete env.OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS;
		}
		// One temporary folder for main and workers: it holds the lock folder they must share
		// (docker-compose.yml mounts one volume at /tmp/n8n-shop-sync-locks for the same reason).
		env.TMPDIR = join(this.options.rootFolder, 'tmp');
		return { ...env, ...this.options.env };
	}

	private async start(log: (line: string) => void): Promise<void> {
		log(`Creating PostgreSQL database ${this.database}; Redis prefix ${this.prefix}…`);
		await this.withPg(async (client) => await client.query(`CREATE DATABASE "${this.database}"`));
		this.databaseCreated = true;

		const port = this.options.port ?? (await freePort());
		const shared = this.sharedEnv();
		mkdirSync(this.options.rootFolder, { recursive: true });
		const count = this.mode === 'queue' ? (this.options.workers ?? 2) : 0;
		const workerFolder = (index: number) => join(this.options.rootFolder, `worker-${index + 1}`);
		// Workers wait for the main process (it migrates the database); their package installs need not.
		const installs = Promise.all(
			Array.from({ length: count }, async (_, index) => await installPackage(workerFolder(index), await packPackage())),
		);
		installs.catch(() => undefined);
		this.main = await N8nInstance.launch({
			userFolder: join(this.options.rootFolder, 'main'),
			port,
			workflowDirs: this.options.workflowDirs,
			publish: this.options.publish,
			credentials: this.options.credentials,
			env: shared,
			log: (line) => log(`[main] ${line}`),
		});
		await installs;
		if (count === 0) return;
		// Workers build webhook-related URLs from WEBHOOK_URL, which points at the main process.
		const workerEnv = { ...shared, WEBHOOK_URL: `${this.main.baseUrl}/` };
		const workers = await Promise.allSettled(
			Array.from({ length: count }, async (_, index) => {
				const worker = await N8nInstance.launch({
					userFolder: workerFolder(index),
					role: 'worker',
					args: [`--concurrency=${this.concurrency}`],
					env: workerEnv,
					log: (line) => log(`[worker-${index + 1}] ${line}`),
				});
				this.workers.push(worker);
				return worker;
			}),
		);
		const failed = workers.find((result) => result.status === 'rejected');
		if (failed) throw (failed as PromiseRejectedResult).reason;
		this.workers.sort((a, b) => a.options.userFolder.localeCompare(b.options.userFolder));
	}

	private async withPg<T>(work: (client: PgClient) => Promise<T>, database = 'postgres'): Promise<T> {
		const client = pgClient(this.host, database);
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end().catch(() => undefined);
		}
	}

	/** A query on this cluster's n8n database (PostgreSQL). */
	async sql<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]> {
		return await this.withPg(async (client) => (await client.query<R>(text, values)).rows, this.database);
	}

	/** Execution statuses of one workflow, counted in the database. */
	async executionStatuses(workflowId: string): Promise<Record<string, number>> {
		const rows = await this.sql<{ status: string; count: string }>(
			'SELECT status, count(*) AS count FROM execution_entity WHERE "workflowId" = $1 GROUP BY status',
			[workflowId],
		);
		return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
	}

	private async withRedis<T>(work: (client: RedisClient) => Promise<T>): Promise<T> {
		const client = redisClient(this.host);
		try {
			return await work(client);
		} finally {
			await client.quit().catch(() => client.disconnect());
		}
	}

	/** Job counts of n8n's Bull queue ("jobs") under this cluster's prefix. */
	async queueCounts(): Promise<QueueCounts> {
		const key = (name: string) => `${this.prefix}:jobs:${name}`;
		return await this.withRedis(async (redis) => ({
			waiting: await redis.llen(key('wait')),
			active: await redis.llen(key('active')),
			delayed: await redis.zcard(key('delayed')),
			completed: await redis.zcard(key('completed')),
			failed: await redis.zcard(key('failed')),
		}));
	}

	/** Failed Bull jobs with their reason and execution ID (e.g. "job stalled more than allowable limit"). */
	async failedJobs(): Promise<Array<{ jobId: string; executionId: string; reason: string }>> {
		return await this.withRedis(async (redis) => {
			const ids = await redis.zrange(`${this.prefix}:jobs:failed`, 0, -1);
			const jobs: Array<{ jobId: string; executionId: string; reason: string }> = [];
			for (const jobId of ids) {
				const data = JSON.parse((await redis.hget(`${this.prefix}:jobs:${jobId}`, 'data')) ?? '{}') as { executionId?: string };
				const reason = (await redis.hget(`${this.prefix}:jobs:${jobId}`, 'failedReason')) ?? '';
				jobs.push({ jobId, executionId: String(data.executionId ?? ''), reason });
			}
			return jobs;
		});
	}

	/** Stops every process, drops the database and deletes this cluster's Redis keys. */
	async stop(): Promise<void> {
		await Promise.all(this.workers.map(async (worker) => await worker.stop()));
		await this.main?.stop();
		if (this.databaseCreated) {
			await this.withPg(async (client) => await client.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`)).catch(() => undefined);
			this.databaseCreated = false;
		}
		await this.withRedis(async (redis) => {
			let cursor = '0';
			do {
				const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
				if (keys.length > 0) await redis.del(...keys);
				cursor = next;
			} while (cursor !== '0');
		}).catch(() => undefined);
	}
}
