import axios, { type AxiosInstance } from 'axios';
import { hashSync } from 'bcryptjs';
import { parse as parseFlatted } from 'flatted';
import type { IRunExecutionData } from 'n8n-workflow';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import type { CredentialImport } from './devCredentials';
import { run } from './exec';
import { freePort } from './freePort';
import { ensureN8nHost, type N8nHost } from './n8nHost';
import { envWithNode24, node24Binary } from './node24';
import { n8nApiCredentialPlaceholder, provisionApiKey } from './n8nApiKey';
import { installPackage, packPackage } from './packageInstall';
import { PACKAGE_NAME, ROOT } from './paths';

/** Login of local instances. Not a secret: it only opens a loopback dev instance. */
export const DEV_OWNER = { email: 'admin@shop-sync.local', password: 'ShopSync-dev-2026' } as const;

/** Fixed so imports, the server and later runs agree. Never use it for a real instance. */
export const DEV_ENCRYPTION_KEY = 'shop-sync-local-dev-key-do-not-use-in-production';

export interface N8nInstanceOptions {
	/** N8N_USER_FOLDER; one per instance (tests use a fresh temporary folder). */
	userFolder: string;
	/** Main HTTP port; a free one when omitted. */
	port?: number;
	/** Folders whose *.json workflows are imported and published. Default: workflows/. */
	workflowDirs?: string[];
	credentials?: CredentialImport[];
	env?: Record<string, string>;
	log?: (line: string) => void;
	/** How long to wait for n8n to become ready. */
	startTimeoutMs?: number;
	/**
	 * What the process is: `main` (`n8n start`, the default) or a queue-mode `worker`
	 * (`n8n worker`; `port` is then its health-check port, QUEUE_HEALTH_CHECK_PORT).
	 */
	role?: 'main' | 'worker';
	/** Extra CLI arguments after the command, e.g. `--concurrency=5` for a worker. */
	args?: string[];
	/** Import and publish workflows and credentials before starting (default: true for `main`). */
	importWorkflows?: boolean;
	/**
	 * IDs of the imported workflows to publish (default: all of them). Tests publish only the
	 * flows they drive, so other flows' triggers (schedules, pollers) cannot act meanwhile.
	 */
	publish?: string[];
}

interface WorkflowFile {
	id: string;
	name: string;
	file: string;
	json: Record<string, unknown>;
}

const running = new Set<N8nInstance>();

// Last line of defence: whatever happens to the test or the CLI, no n8n is left behind.
process.once('exit', () => {
	for (const instance of running) instance.killNow();
});

function readWorkflows(dirs: string[]): WorkflowFile[] {
	const workflows: WorkflowFile[] = [];
	for (const dir of dirs) {
		if (!existsSync(dir)) continue;
		for (const entry of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
			const file = join(dir, entry);
			const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
			const id = json.id;
			if (typeof id !== 'string' || id.length < 1 || id.length > 21) {
				throw new Error(`${file}: workflow "id" must be a string of 1–21 characters so imports stay stable`);
			}
			workflows.push({ id, name: String(json.name ?? id), file, json });
		}
	}
	return workflows;
}

export class N8nInstance {
	readonly baseUrl: string;

	readonly logFile: string;

	readonly workflows: WorkflowFile[];

	private child?: ChildProcess;

	/** Log size when this start began, so lines of earlier runs do not count as readiness. */
	private logOffset = 0;

	private exited = false;

	private client?: AxiosInstance;

	/** Public API key of this instance (main role), also in the "n8n API" credential. */
	apiKey?: string;

	private constructor(
		readonly options: N8nInstanceOptions,
		readonly host: N8nHost,
		readonly port: number,
		private readonly env: NodeJS.ProcessEnv,
	) {
		this.baseUrl = `http://localhost:${port}`;
		this.logFile = join(options.userFolder, 'n8n.log');
		this.workflows = readWorkflows(options.workflowDirs ?? [join(ROOT, 'workflows')]);
	}

	/**
	 * Installs what is missing (n8n, this package), imports credentials and workflows, publishes
	 * the workflows, starts n8n and waits until it serves the editor and its webhooks.
	 */
	static async launch(options: N8nInstanceOptions): Promise<N8nInstance> {
		const log = options.log ?? (() => {});
		const host = await ensureN8nHost(log);
		mkdirSync(options.userFolder, { recursive: true });
		const port = options.port ?? (await freePort());
		const brokerPort = await freePort();
		// Jest sets NODE_ENV=test, under which n8n 2.41 exits silently at start.
		const inherited = { ...process.env };
		delete inherited.NODE_ENV;
		// The test scripts run Jest with --experimental-vm-modules (the BigQuery client imports
		// node-fetch dynamically); n8n itself runs without it.
		delete inherited.NODE_OPTIONS;
		// Its own temporary folder, unless the caller shares one (a queue-mode cluster does): the
		// package's cross-process locks live in $TMPDIR/n8n-shop-sync-locks, and two installations
		// on one machine (tests running side by side) must not wait on each other's locks.
		const ownTmp = join(options.userFolder, 'tmp');
		mkdirSync(options.env?.TMPDIR ?? ownTmp, { recursive: true });
		const env = envWithNode24({
			...inherited,
			TMPDIR: ownTmp,
			N8N_USER_FOLDER: options.userFolder,
			N8N_PORT: String(port),
			N8N_HOST: 'localhost',
			WEBHOOK_URL: `http://localhost:${port}/`,
			N8N_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY,
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: DEV_OWNER.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: hashSync(DEV_OWNER.password, 10),
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			...(options.role === 'worker' && { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) }),
			...options.env,
		});
		const instance = new N8nInstance(options, host, port, env);

		log('Packing and installing the package into n8n…');
		const tarball = await packPackage();
		await installPackage(options.userFolder, tarball);
		if (options.importWorkflows ?? options.role !== 'worker') await instance.importAndPublish(tarball, log);
		await instance.start(log);
		if (instance.role === 'main' && !instance.options.credentials?.some((entry) => entry.type === 'n8nApi') && instance.credentialsToImport().some((entry) => entry.type === 'n8nApi')) {
			try {
				instance.apiKey = await provisionApiKey(instance.rest.bind(instance), instance.baseUrl, options.userFolder);
			} catch (error) {
				await instance.stop();
				throw error;
			}
		}
		return instance;
	}

	/** n8n CLI command against this instance's database (the server need not run). */
	private async cli(args: string[]): Promise<string> {
		const { stdout } = await run(node24Binary(), [this.host.bin, ...args], { cwd: this.options.userFolder, env: this.env });
		return stdout;
	}

	/**
	 * The given credentials, plus the "n8n API" credential (key filled in at start) when a workflow
	 * uses one, as the error handler does.
	 */
	private credentialsToImport() {
		const credentials = this.options.credentials ?? [];
		const wanted = this.workflows.some((workflow) => JSON.stringify(workflow.json.nodes ?? []).includes('"n8nApi"'));
		return wanted && !credentials.some((entry) => entry.type === 'n8nApi') ? [...credentials, n8nApiCredentialPlaceholder(this.baseUrl)] : credentials;
	}

	private async importAndPublish(tarball: string, log: (line: string) => void): Promise<void> {
		const credentials = this.credentialsToImport();
		const digest = createHash('sha256')
			.update(JSON.stringify(credentials))
			.update(JSON.stringify(this.workflows.map((workflow) => workflow.json)))
			.update(JSON.stringify(this.options.publish ?? 'all'))
			.update(readFileSync(tarball))
			.digest('hex');
		const marker = join(this.options.userFolder, '.imported');
		if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) {
			log('Workflows and credentials unchanged since the last start; skipping import.');
			return;
		}
		rmSync(marker, { force: true });
		const importDir = join(this.options.userFolder, 'import');
		rmSync(importDir, { recursive: true, force: true });
		mkdirSync(join(importDir, 'workflows'), { recursive: true });

		if (credentials.length > 0) {
			log(`Importing ${credentials.length} credential(s)…`);
			const file = join(importDir, 'credentials.json');
			writeFileSync(file, JSON.stringify(credentials, null, 2));
			await this.cli(['import:credentials', `--input=${file}`]);
		}
		if (this.workflows.length > 0) {
			log(`Importing ${this.workflows.length} workflow(s)…`);
			for (const workflow of this.workflows) {
				writeFileSync(join(importDir, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow.json));
			}
			await this.cli(['import:workflow', '--separate', `--input=${join(importDir, 'workflows')}`]);
			const unknown = (this.options.publish ?? []).filter((id) => !this.workflows.some((workflow) => workflow.id === id));
			if (unknown.length > 0) throw new Error(`Cannot publish unknown workflow ID(s): ${unknown.join(', ')}`);
			const toPublish = this.workflows.filter((workflow) => this.options.publish?.includes(workflow.id) ?? true);
			for (const workflow of toPublish) {
				log(`Publishing "${workflow.name}"…`);
				await this.cli(['publish:workflow', `--id=${workflow.id}`]);
			}
		}
		// Credentials are written to disk only for the CLI; they stay encrypted in n8n's database.
		rmSync(importDir, { recursive: true, force: true });
		writeFileSync(marker, digest);
	}

	get role(): 'main' | 'worker' {
		return this.options.role ?? 'main';
	}

	private async start(log: (line: string) => void): Promise<void> {
		log(`Starting n8n ${this.host.version} ${this.role === 'worker' ? `worker (health check on ${this.baseUrl})` : `on ${this.baseUrl}`}…`);
		this.logOffset = existsSync(this.logFile) ? statSync(this.logFile).size : 0;
		const logFd = openSync(this.logFile, 'a');
		// Own process group, so stop() also ends the task runners n8n spawns.
		const command = this.role === 'worker' ? 'worker' : 'start';
		this.child = spawn(node24Binary(), [this.host.bin, command, ...(this.options.args ?? [])], {
			cwd: this.options.userFolder,
			env: this.env,
			detached: true,
			stdio: ['ignore', logFd, logFd],
		});
		closeSync(logFd);
		running.add(this);
		this.child.once('exit', () => {
			this.exited = true;
		});
		try {
			await this.waitUntilReady(this.options.startTimeoutMs ?? 180_000);
		} catch (error) {
			await this.stop();
			throw error;
		}
	}

	private logSinceStart(): string {
		if (!existsSync(this.logFile)) return '';
		return readFileSync(this.logFile).subarray(this.logOffset).toString('utf8');
	}

	logTail(lines = 40): string {
		return this.logSinceStart().trim().split('\n').slice(-lines).join('\n');
	}

	private async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		const probe = axios.create({ baseURL: this.baseUrl, timeout: 5000, validateStatus: () => true });
		while (Date.now() < deadline) {
			if (this.exited) throw new Error(`n8n exited during start. Log (${this.logFile}):\n${this.logTail()}`);
			try {
				// /healthz answers before routes and webhooks exist; the editor line comes after both.
				const ready = (await probe.get('/healthz/readiness')).status === 200;
				if (ready && this.role === 'worker' && this.logSinceStart().includes('n8n worker is now ready')) return;
				if (ready && this.logSinceStart().includes('Editor is now accessible via')) {
					await this.login();
					return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(`n8n was not ready within ${timeoutMs / 1000} s. Log (${this.logFile}):\n${this.logTail()}`);
	}

	/** Logs in as the preset owner; later `rest()` calls reuse the session cookie. */
	async login(): Promise<void> {
		const response = await axios.post(
			`${this.baseUrl}/rest/login`,
			{ emailOrLdapLoginId: DEV_OWNER.email, password: DEV_OWNER.password },
			{ validateStatus: () => true, timeout: 10_000 },
		);
		if (response.status !== 200) {
			throw new Error(`Login to n8n failed with HTTP ${response.status}: ${JSON.stringify(response.data)}`);
		}
		const cookie = (response.headers['set-cookie'] ?? []).map((entry) => entry.split(';')[0]).join('; ');
		this.client = axios.create({ baseURL: this.baseUrl, headers: { cookie }, timeout: 30_000, validateStatus: () => true });
	}

	/** Authenticated call to n8n's internal REST API (the one the editor uses). */
	async rest<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown) {
		if (!this.client) await this.login();
		return await this.client!.request<T>({ method, url: path, data });
	}

	/**
	 * One execution with its run data. n8n stores run data in `flatted` form (it may be cyclic),
	 * so it is decoded here.
	 */
	async execution(id: string): Promise<{ status: string; workflowId: string; data: IRunExecutionData }> {
		const response = await this.rest<{ data: { status: string; workflowId: string; data: string } }>('GET', `/rest/executions/${id}`);
		if (response.status !== 200) throw new Error(`GET /rest/executions/${id} answered HTTP ${response.status}`);
		const { status, workflowId, data } = response.data.data;
		return { status, workflowId, data: parseFlatted(data) as IRunExecutionData };
	}

	/** Executions of a workflow, newest first. */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const response = await this.rest<{ data: { results: Array<{ id: string; status: string }> } }>(
			'GET',
			`/rest/executions?filter=${filter}`,
		);
		if (response.status !== 200) throw new Error(`GET /rest/executions answered HTTP ${response.status}`);
		return response.data.data.results;
	}

	/** Names of every node type n8n loaded from this package. */
	async packageNodeTypes(): Promise<string[]> {
		const response = await this.rest<Array<{ name: string }>>('GET', '/types/nodes.json');
		if (response.status !== 200) throw new Error(`GET /types/nodes.json answered HTTP ${response.status}`);
		const names = response.data.map((node) => node.name).filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
		return [...new Set(names)].sort();
	}

	/** Whether the process has exited (or was killed). */
	get hasExited(): boolean {
		return this.exited;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** Synchronous kill of the whole process group (n8n and its task runners), for exit handlers. */
	killNow(): void {
		if (!this.child?.pid) return;
		running.delete(this);
		try {
			process.kill(-this.child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}

	/** Asks n8n to shut down, and kills it if it has not stopped within `graceMs`. */
	async stop(graceMs = 15_000): Promise<void> {
		const child = this.child;
		running.delete(this);
		if (!child?.pid) return;
		if (this.exited) {
			this.killNow(); // children n8n may have left in its group
			return;
		}
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		let timeout: NodeJS.Timeout | undefined;
		const timer = new Promise<'timeout'>((resolve) => (timeout = setTimeout(() => resolve('timeout'), graceMs)));
		const outcome = await Promise.race([exited, timer]);
		clearTimeout(timeout);
		if (outcome === 'timeout') {
			this.killNow();
			await exited;
		}
		this.killNow();
	}
}
