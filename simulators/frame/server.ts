import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname } from 'node:path';

import { parseLossless } from './losslessJson';
import { maskBody, maskHeaders } from './masking';
import { seededRandom } from './random';
import type {
	FaultConfig,
	FaultStep,
	LoggedRequest,
	Route,
	SimRequest,
	SimHost,
	SimResponse,
	SimRuntime,
	SimulatorDefinition,
} from './types';
import { WindowLimiter } from './windowLimiter';

const MAX_LOGGED_REQUESTS = 10_000;

export function defaultFaults(): FaultConfig {
	return { statusRates: {}, retryAfterSeconds: 1, failNext: [], latencyMs: 0, hangRate: 0, hangNext: 0, throttle: true };
}

interface CompiledRoute<S> {
	route: Route<S>;
	pattern: RegExp;
	names: string[];
}

function compile<S>(route: Route<S>): CompiledRoute<S> {
	const names: string[] = [];
	const source = route.path
		.split('/')
		.map((segment) => {
			if (segment.startsWith(':')) {
				names.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { route, pattern: new RegExp(`^${source}$`), names };
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const text = raw.toString('utf8');
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		// Lossless, so integer IDs beyond 2^53 reach the handlers exactly (as strings).
		return parseLossless(text);
	} catch {
		return text;
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export interface StartOptions {
	/** 0 picks a free port. */
	port?: number;
	host?: string;
	/** When set, records are loaded from and saved to this JSON file. */
	stateFile?: string;
}

/**
 * A vendor simulator: a real HTTP server on loopback that keeps its records in memory, logs every
 * request with secrets masked, and can inject faults. Control endpoints live under /__sim/.
 */
export class SimulatorServer<S> {
	state: S;

	faults: FaultConfig = defaultFaults();

	/** Requests kept in the log (oldest dropped first); long suites that audit every request raise it. */
	maxLoggedRequests = MAX_LOGGED_REQUESTS;

	private readonly routes: Array<CompiledRoute<S>>;

	private readonly controlRoutes: Array<CompiledRoute<S>>;

	private runtime?: SimRuntime;

	private readonly log: LoggedRequest[] = [];

	private seq = 0;

	private server?: Server;

	private readonly sockets = new Set<Socket>();

	private readonly hanging = new Set<ServerResponse>();

	private readonly limiter = new WindowLimiter();

	private random: () => number = Math.random;

	private stateFile?: string;

	private saveTimer?: NodeJS.Timeout;

	constructor(readonly definition: SimulatorDefinition<S>) {
		this.state = definition.initialState();
		this.routes = definition.routes.map(compile);
		this.controlRoutes = (definition.controlRoutes ?? []).map(compile);
	}

	get url(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error(`${this.definition.name} simulator is not running`);
		return `http://127.0.0.1:${address.port}`;
	}

	get requests(): readonly LoggedRequest[] {
		return this.log;
	}

	async start(options: StartOptions = {}): Promise<string> {
		await this.definition.prepare?.();
		this.stateFile = options.stateFile;
		if (this.stateFile && existsSync(this.stateFile)) {
			this.state = JSON.parse(readFileSync(this.stateFile, 'utf8')) as S;
		}
		const server = createServer((req, res) => {
			void this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'text/plain' });
					res.end(`simulator error: ${error.message}`);
				}
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
		});
		const host = { changed: () => this.markChanged() } as SimHost<S>;
		// A getter, so background work always sees the current state (reset replaces it).
		Object.defineProperty(host, 'state', { get: () => this.state });
		this.runtime = this.definition.start?.(host);
		return this.url;
	}

	async stop(): Promise<void> {
		await this.runtime?.stop();
		this.runtime = undefined;
		this.flushState();
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		for (const res of this.hanging) res.destroy();
		this.hanging.clear();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	reset(): void {
		this.state = this.definition.initialState();
		this.log.length = 0;
		this.faults = defaultFaults();
		this.random = Math.random;
		this.limiter.clear();
		this.markChanged();
	}

	setFaults(patch: Partial<FaultConfig>): FaultConfig {
		this.faults = { ...this.faults, ...patch };
		if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
		return this.faults;
	}

	private markChanged(): void {
		if (!this.stateFile || this.saveTimer) return;
		this.saveTimer = setTimeout(() => this.flushState(), 100);
	}

	private flushState(): void {
		if (this.saveTimer) clearTimeout(this.saveTimer);
		this.saveTimer = undefined;
		if (!this.stateFile) return;
		mkdirSync(dirname(this.stateFile), { recursive: true });
		const temporary = `${this.stateFile}.tmp`;
		writeFileSync(temporary, JSON.stringify(this.state, null, 2));
		renameSync(temporary, this.stateFile);
	}

	private async readRequest(req: IncomingMessage): Promise<SimRequest> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://simulator');
		return {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			queryAll: Object.fromEntries([...new Set(url.searchParams.keys())].map((key) => [key, url.searchParams.getAll(key)])),
			headers: req.headers,
			body: parseBody(rawBody, req.headers['content-type']),
			rawBody,
			params: {},
		};
	}

	private send(res: ServerResponse, response: SimResponse, entry?: LoggedRequest): void {
		if (entry) entry.status = response.status;
		const headers: Record<string, string> = { ...response.headers };
		let payload: string | Buffer = '';
		if (response.raw !== undefined) {
			payload = response.raw;
		} else if (response.body !== undefined) {
			payload = JSON.stringify(response.body);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		res.writeHead(response.status, headers);
		res.end(payload);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const request = await this.readRequest(req);
		if (request.path.startsWith('/__sim/')) {
			const own = this.match(request, this.controlRoutes);
			const response = own
				? await own.handler(request, { state: this.state, changed: () => this.markChanged(), runtime: this.runtime })
				: this.control(request);
			if (own) this.markChanged();
			this.send(res, response);
			return;
		}

		const entry: LoggedRequest = {
			seq: ++this.seq,
			time: new Date().toISOString(),
			method: request.method,
			path: request.path,
			query: request.query,
			headers: maskHeaders(request.headers, this.definition.secretHeaders),
			body: maskBody(request.body),
		};
		this.log.push(entry);
		if (this.log.length > this.maxLoggedRequests) this.log.shift();

		const faults = this.faults;
		const faultable = !faults.pathPattern || new RegExp(faults.pathPattern).test(request.path);
		if (faults.latencyMs > 0) await sleep(faults.latencyMs);

		if (faultable && (faults.hangNext > 0 || (faults.hangRate > 0 && this.random() < faults.hangRate))) {
			if (faults.hangNext > 0) faults.hangNext--;
			entry.outcome = 'hang';
			this.hanging.add(res);
			res.on('close', () => this.hanging.delete(res));
			return;
		}

		const injected = faultable ? this.pickFault() : undefined;
		if (injected?.status !== undefined) {
			entry.outcome = 'fault';
			const response = this.definition.errorResponse(injected.status, 'Injected fault');
			if (injected.body !== undefined) response.body = injected.body;
			if (injected.retryAfter !== undefined) {
				response.headers = { ...response.headers, 'retry-after': String(injected.retryAfter) };
			}
			this.send(res, response, entry);
			return;
		}

		const matched = this.match(request);
		if (!matched) {
			this.send(res, this.definition.notFound(request), entry);
			return;
		}

		const refusal = this.definition.authenticate?.(request, this.state);
		if (refusal) {
			entry.outcome = 'unauthenticated';
			this.send(res, refusal, entry);
			return;
		}

		if (faults.throttle) {
			const rule = this.definition.rateLimit?.(request, matched, this.state);
			if (rule) {
				const waitSeconds = this.limiter.hit(
					`${rule.key}|${matched.limitGroup ?? matched.path}`,
					rule.limit,
					rule.windowMs,
				);
				if (waitSeconds > 0) {
					entry.outcome = 'throttled';
					this.send(res, this.definition.throttled(waitSeconds), entry);
					return;
				}
			}
		}

		const response = await matched.handler(request, {
			state: this.state,
			changed: () => this.markChanged(),
			runtime: this.runtime,
		});
		this.send(res, response, entry);
	}

	private pickFault(): FaultStep | undefined {
		const faults = this.faults;
		const next = faults.failNext.shift();
		if (next) return next;
		let roll = this.random();
		for (const [status, rate] of Object.entries(faults.statusRates)) {
			// A vendor that throttles says when to come back; so does an injected 429 or 503.
			if (roll < rate) return { status: Number(status), retryAfter: status === '429' || status === '503' ? faults.retryAfterSeconds : undefined };
			roll -= rate;
		}
		return undefined;
	}

	private match(request: SimRequest, routes: Array<CompiledRoute<S>> = this.routes): Route<S> | undefined {
		for (const { route, pattern, names } of routes) {
			if (route.method !== request.method) continue;
			const found = pattern.exec(request.path);
			if (!found) continue;
			request.params = Object.fromEntries(
				names.map((name, index) => [name, decodeURIComponent(found[index + 1])]),
			);
			return route;
		}
		return undefined;
	}

	private control(request: SimRequest): SimResponse {
		const key = `${request.method} ${request.path}`;
		switch (key) {
			case 'GET /__sim/state':
				return { status: 200, body: this.state };
			case 'POST /__sim/reset':
				this.reset();
				return { status: 200, body: { reset: true } };
			case 'GET /__sim/requests': {
				const since = Number(request.query.since ?? 0);
				return { status: 200, body: this.log.filter((entry) => entry.seq > since) };
			}
			case 'DELETE /__sim/requests':
				this.log.length = 0;
				return { status: 200, body: { cleared: true } };
			case 'GET /__sim/faults':
				return { status: 200, body: this.faults };
			case 'POST /__sim/faults': {
				const problem = validateFaults(request.body);
				if (problem) return { status: 400, body: { error: problem } };
				return { status: 200, body: this.setFaults(request.body as Partial<FaultConfig>) };
			}
			case 'DELETE /__sim/faults':
				this.faults = defaultFaults();
				return { status: 200, body: this.faults };
			default:
				return {
					status: 404,
					body: {
						error: `unknown control endpoint ${key}`,
						endpoints: [
							'GET /__sim/state',
							'POST /__sim/reset',
							'GET /__sim/requests[?since=seq]',
							'DELETE /__sim/requests',
							'GET|POST|DELETE /__sim/faults',
						],
					},
				};
		}
	}
}

/** Returns a readable problem with a fault patch, or undefined when it is valid. */
export function validateFaults(body: unknown): string | undefined {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return 'send a JSON object, e.g. {"statusRates": {"500": 0.2}, "latencyMs": 100, "throttle": false}';
	}
	const patch = body as Record<string, unknown>;
	const known = ['statusRates', 'retryAfterSeconds', 'failNext', 'latencyMs', 'hangRate', 'hangNext', 'throttle', 'pathPattern', 'seed'];
	const unknown = Object.keys(patch).filter((key) => !known.includes(key));
	if (unknown.length) return `unknown fault setting(s): ${unknown.join(', ')}; known: ${known.join(', ')}`;
	if (patch.statusRates !== undefined) {
		const rates = patch.statusRates as Record<string, unknown>;
		if (typeof rates !== 'object' || rates === null) return 'statusRates must be an object of status → share';
		let total = 0;
		for (const [status, rate] of Object.entries(rates)) {
			if (!/^[1-5]\d\d$/.test(status)) return `statusRates: "${status}" is not an HTTP status code`;
			if (typeof rate !== 'number' || rate < 0 || rate > 1) return `statusRates.${status} must be between 0 and 1`;
			total += rate;
		}
		if (total > 1) return 'statusRates add up to more than 1';
	}
	for (const field of ['latencyMs', 'hangNext', 'retryAfterSeconds'] as const) {
		if (patch[field] !== undefined && !(typeof patch[field] === 'number' && (patch[field] as number) >= 0)) {
			return `${field} must be a number ≥ 0`;
		}
	}
	if (patch.hangRate !== undefined && !(typeof patch.hangRate === 'number' && patch.hangRate >= 0 && patch.hangRate <= 1)) {
		return 'hangRate must be between 0 and 1';
	}
	if (patch.throttle !== undefined && typeof patch.throttle !== 'boolean') return 'throttle must be true or false';
	if (patch.failNext !== undefined) {
		if (!Array.isArray(patch.failNext)) return 'failNext must be a list like [{"status": 429, "retryAfter": 2}]';
		for (const step of patch.failNext as Array<Record<string, unknown>>) {
			if (step?.pass !== true && typeof step?.status !== 'number') {
				return 'every failNext entry needs a numeric status, or "pass": true to answer normally';
			}
		}
	}
	if (patch.pathPattern !== undefined) {
		try {
			new RegExp(String(patch.pathPattern));
		} catch {
			return 'pathPattern is not a valid regular expression';
		}
	}
	return undefined;
}
