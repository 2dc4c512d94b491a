import type { IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Every value of each query parameter, for APIs that repeat one (`?labelIds=A&labelIds=B`). */
	queryAll?: Record<string, string[]>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON (or form) body; undefined when empty or unreadable. */
	body: unknown;
	rawBody: Buffer;
	/** Values of `:name` segments in the matched route. */
	params: Record<string, string>;
}

export interface SimResponse {
	status: number;
	/** Sent as JSON unless `raw` is given. */
	body?: unknown;
	raw?: string | Buffer;
	headers?: Record<string, string>;
}

export interface SimContext<S> {
	state: S;
	/** Marks the state as changed, so it is saved when a state file is configured. */
	changed(): void;
	/** What the simulator's `start` returned (e.g. a webhook dispatcher), if anything. */
	runtime?: unknown;
}

/** The running server as a simulator's background work (webhook delivery) sees it. */
export interface SimHost<S> {
	readonly state: S;
	changed(): void;
}

export interface SimRuntime {
	stop(): Promise<void>;
}

export type Handler<S> = (req: SimRequest, ctx: SimContext<S>) => SimResponse | Promise<SimResponse>;

export interface Route<S> {
	method: string;
	/** Path pattern; `:name` matches one segment. */
	path: string;
	handler: Handler<S>;
	/** Name of the vendor's rate-limit group this route counts against. */
	limitGroup?: string;
}

export interface RateLimitRule {
	/** Who the limit applies to (an API key, a shop). */
	key: string;
	/** Requests allowed per window. */
	limit: number;
	windowMs: number;
}

/** What one vendor simulator plugs into the frame. */
export interface SimulatorDefinition<S> {
	name: string;
	/** Port used by `npm start` and `npm run sim -- serve`. */
	defaultPort: number;
	initialState(): S;
	routes: Array<Route<S>>;
	/** Returns the vendor's refusal when the request is not authenticated, else undefined. */
	authenticate?(req: SimRequest, state: S): SimResponse | undefined;
	/** The vendor's documented limit for this request, if any. */
	rateLimit?(req: SimRequest, route: Route<S>, state: S): RateLimitRule | undefined;
	/** The vendor's answer when its rate limit is exceeded. */
	throttled(retryAfterSeconds: number): SimResponse;
	/** The vendor's error shape, used for injected faults. */
	errorResponse(status: number, message: string): SimResponse;
	/** The vendor's answer to an unknown path. */
	notFound(req: SimRequest): SimResponse;
	/** Extra request headers whose values are secrets (authorization is always masked). */
	secretHeaders?: string[];
	/** Simulator-specific control endpoints under /__sim/ (no auth, no faults, not logged). */
	controlRoutes?: Array<Route<S>>;
	/** Work done before a server listens, such as fetching a published schema it checks requests against. */
	prepare?(): Promise<void>;
	/** Background work for one running server (e.g. sending webhooks); stopped with the server. */
	start?(host: SimHost<S>): SimRuntime;
}

export interface FaultStep {
	/** Answer normally this time (to fail, say, only the second request). */
	pass?: boolean;
	status?: number;
	/** Retry-After seconds to send with the injected response. */
	retryAfter?: number;
	body?: unknown;
}

export interface FaultConfig {
	/** Share (0..1) of responses replaced by each status code, e.g. {"500": 0.2}. */
	statusRates: Record<string, number>;
	/** Retry-After (seconds) sent with a 429 or 503 injected by statusRates. */
	retryAfterSeconds: number;
	/** Scripted answers for the next requests, in order, before statusRates is considered. */
	failNext: FaultStep[];
	/** Added to every response, in milliseconds. */
	latencyMs: number;
	/** Share (0..1) of requests that never get an answer. */
	hangRate: number;
	/** Next N requests never get an answer. */
	hangNext: number;
	/** Whether the vendor's rate limits are enforced. */
	throttle: boolean;
	/** Only requests whose path matches this regular expression are subject to faults. */
	pathPattern?: string;
	/** Seed for the random choices, so a fault run can be repeated. */
	seed?: number;
}

export interface LoggedRequest {
	seq: number;
	time: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	status?: number;
	/** What the frame did instead of routing: "fault", "hang", "throttled", "unauthenticated". */
	outcome?: string;
}
