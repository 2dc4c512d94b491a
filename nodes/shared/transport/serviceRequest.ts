import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { buildApiError, type CredentialProblem, credentialProblemIn, serviceErrorText } from '../errors';
import { httpOrigin, isOnOrigin } from './origin';
import {
	type AttemptFailure,
	backoffDelay,
	DEFAULT_RETRY_OPTIONS,
	isRetryable,
	parseRetryAfter,
	type RetryOptions,
} from './retryPolicy';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export interface HttpResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

/** A throttle the transport waits on before each attempt. */
export interface RequestLimiter {
	take(cost?: number): Promise<number>;
}

/** What one external service contributes to the shared transport. */
export interface ServiceDefinition {
	/** Name used in error messages, e.g. "ManyChat". */
	name: string;
	/** n8n credential type name. */
	credentialType: string;
	/** Credential's display name, so messages can point at it. */
	credentialDisplayName: string;
	/** Credential fields whose values must never appear in an error. */
	secretFields: readonly string[];
	/** Base URL from the credential (defaults and the simulator override live in the credential). */
	baseUrl(credentials: IDataObject): string;
	/**
	 * A setting the request cannot go without (an assumed contract's address has no default): the
	 * problem is reported before anything is sent, so no secret goes to an address nobody chose.
	 */
	missingSetting?(credentials: IDataObject): CredentialProblem | undefined;
	/**
	 * Some services report failure inside a 2xx body (ManyChat: `{"status":"error"}`). Returns the
	 * service's error message then, or undefined when the body is a success.
	 */
	errorInBody?(body: unknown): string | undefined;
	/** Extracts the service's own error text from an error response body. */
	errorMessage?(body: unknown): string | undefined;
	/**
	 * A failed response the service marks as final (a SOAP business fault arrives as HTTP 500 but
	 * will fail the same way again): it is not retried, and no "not repeated" note is added.
	 */
	isFinalError?(statusCode: number, body: unknown): boolean;
	/** Per-status hint that tells the user what to fix; falls back to generic hints. */
	hint?(statusCode: number, body: unknown): string | undefined;
	retry?: Partial<RetryOptions>;
	/**
	 * The credential renews its token (preAuthentication): let n8n see a 401 so it fetches a new
	 * token and repeats once. Without renewal that repeat would only send the same bad key again.
	 */
	renewsTokenOn401?: boolean;
	/**
	 * For APIs that take no secret (eManageCRM's Web Sales API: a public client ID header): the
	 * request is sent with these headers and without the credential's authentication, so it needs no
	 * login (and cannot fail on an expired password).
	 */
	publicHeaders?(credentials: IDataObject): Record<string, string>;
	/** Own JSON reading and writing, for APIs whose numbers JSON.parse would corrupt (IDs beyond 2^53). */
	codec?: { stringify(body: unknown): string; parse(text: string): unknown };
}

export interface ServiceRequestOptions {
	method: IHttpRequestMethods;
	/**
	 * Path below the credential's base URL, or an absolute URL on the base URL's origin (a link the
	 * service returned); any other origin is refused before sending.
	 */
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	/** Item the request belongs to, for the error's itemIndex. */
	itemIndex?: number;
	/**
	 * Whether repeating the request is harmless. Defaults to true for GET, HEAD, PUT, DELETE and
	 * OPTIONS. Sends without an idempotency key (a message, an order) must leave it false.
	 */
	idempotent?: boolean;
	limiter?: RequestLimiter;
	cost?: number;
	timeoutMs?: number;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const MAX_REDIRECTS = 5;

/** The absolute URL a redirect's Location header names (relative to the request), if any. */
function redirectTarget(location: string | string[] | undefined, from: string): string | undefined {
	const value = Array.isArray(location) ? location[0] : location;
	if (!value) return undefined;
	try {
		return new URL(value, from).toString();
	} catch {
		return undefined;
	}
}

const GENERIC_HINTS: Record<number, string> = {
	400: 'The service rejected the request data. Check the fields named in the message.',
	401: 'Check the credential: its key or token is wrong, expired or revoked.',
	403: 'The credential is valid but lacks permission for this action. Grant the missing scope or use another account.',
	404: 'The record or endpoint was not found. Check the ID or reference you entered, and the base URL in the credential.',
	409: 'The record changed or already exists. Re-read it and try again.',
	422: 'The service rejected the request data. Check the fields named in the message.',
	429: 'The service is rate limiting this credential. Lower the request rate or wait and run again.',
};

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function networkCode(error: unknown): string | undefined {
	const candidates = [
		error,
		(error as { cause?: unknown })?.cause,
		((error as { cause?: { cause?: unknown } })?.cause as { cause?: unknown })?.cause,
	];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	return undefined;
}

const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	ECONNRESET: 'the connection was reset',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	EPIPE: 'the connection was closed while sending',
};

/**
 * Words for a network error code. The code itself stays out of the message: n8n replaces any
 * message that contains one with its own generic text, which would drop our hint.
 */
function describeNetworkProblem(code: string | undefined): string {
	return (code && NETWORK_PROBLEMS[code]) ?? 'a network error occurred';
}

/** Status from an error n8n threw for a status we did not ask it to ignore (401). */
function statusOfThrown(error: unknown): number | undefined {
	const cause = (error as { cause?: { response?: { status?: number } } })?.cause;
	const status = cause?.response?.status ?? (error as { httpCode?: string })?.httpCode;
	const parsed = Number(status);
	return Number.isInteger(parsed) && parsed >= 400 ? parsed : undefined;
}

function bodyOfThrown(error: unknown): unknown {
	return (error as { cause?: { response?: { data?: unknown } } })?.cause?.response?.data;
}

/** Decodes a text body with the service's codec; bodies that are not JSON (HTML pages) stay text. */
function decode(body: unknown, codec: ServiceDefinition['codec']): unknown {
	if (!codec || typeof body !== 'string' || body.trim() === '') return body;
	try {
		return codec.parse(body);
	} catch {
		return body;
	}
}

const NOT_REPEATED = ' This request was not repeated automatically because it might already have been delivered.';

/** A read would have been retried after this failure, but this send was not. */
function withheldRetry(failure: AttemptFailure, idempotent: boolean): boolean {
	return isRetryable(failure, true) && !isRetryable(failure, idempotent);
}

function secretValues(service: ServiceDefinition, credentials: IDataObject): string[] {
	return service.secretFields
		.map((field) => credentials[field])
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * Sends one request through n8n's credential-aware HTTP helper, with the service's throttle,
 * retries (exponential backoff with jitter, honoring Retry-After), and errors that name the fix and
 * never contain a secret.
 */
export async function serviceRequest<T = unknown>(
	this: RequestContext,
	service: ServiceDefinition,
	options: ServiceRequestOptions,
): Promise<HttpResponse<T>> {
	const node = this.getNode();
	const credentials = (await this.getCredentials(service.credentialType)) as IDataObject;
	const secrets = secretValues(service, credentials);
	const retry: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...service.retry };
	const idempotent = options.idempotent ?? IDEMPOTENT_METHODS.has(options.method);
	const fail = (message: string, fix: string, httpCode?: number, serviceError?: unknown) =>
		buildApiError(node, { service: service.name, message, fix, httpCode, serviceError, itemIndex: options.itemIndex, secrets });

	const missing = service.missingSetting?.(credentials);
	if (missing) throw fail(missing.message, missing.fix);
	const base = service.baseUrl(credentials).replace(/\/+$/, '');
	const absolute = /^[a-z][a-z0-9+.-]*:/i.test(options.url);
	if (absolute && !isOnOrigin(options.url, base)) {
		throw fail(
			`refused to send the credential to ${httpOrigin(options.url) ?? 'a non-HTTP address'}: it is not the origin of the base URL in the "${service.credentialDisplayName}" credential (${httpOrigin(base) ?? 'none'})`,
			`A link from ${service.name} pointed elsewhere; nothing was sent there. If ${service.name} really moved, change the base URL in the credential; otherwise report the link to ${service.name}.`,
		);
	}
	if (!absolute && httpOrigin(base) === undefined) {
		throw fail(
			`the base URL in the "${service.credentialDisplayName}" credential is ${base === '' ? 'empty' : `not an http(s) address ("${base}")`}`,
			`Enter the service's address in the "${service.credentialDisplayName}" credential.`,
		);
	}
	const url = absolute ? options.url : `${base}/${options.url.replace(/^\/+/, '')}`;

	const { codec } = service;
	const encodedBody = codec && options.body !== undefined ? codec.stringify(options.body) : options.body;
	const requestOptions: IHttpRequestOptions = {
		method: options.method,
		url,
		qs: options.qs,
		body: encodedBody,
		headers: {
			Accept: 'application/json',
			...(typeof encodedBody === 'string' ? { 'Content-Type': 'application/json' } : {}),
			...options.headers,
		},
		// With a codec, n8n must hand over the text untouched: JSON.parse would already have rounded.
		...(codec ? { json: false, encoding: 'text' as const } : { json: true }),
		returnFullResponse: true,
		ignoreHttpStatusErrors: service.renewsTokenOn401 ? { ignore: true, except: [401] } : true,
		timeout: options.timeoutMs ?? 60_000,
		// n8n follows redirects and re-sends Authorization to any origin by default; redirects are
		// followed below, on the credential's origin only.
		disableFollowRedirect: true,
	};

	let redirects = 0;
	for (let attempt = 1; ; attempt++) {
		if (options.limiter) await options.limiter.take(options.cost ?? 1);

		let failure: AttemptFailure;
		let response: HttpResponse<T> | undefined;
		let credentialProblem: { message: string; fix: string } | undefined;
		try {
			if (service.publicHeaders) {
				// The headers carry no secret (a public client ID); the credential's login must not run for them.
				const headers = { ...requestOptions.headers, ...service.publicHeaders(credentials) };
				// eslint-disable-next-line @n8n/community-nodes/no-http-request-with-manual-auth
				response = (await this.helpers.httpRequest({ ...requestOptions, headers })) as HttpResponse<T>;
			} else {
				response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					service.credentialType,
					{ ...requestOptions },
				)) as HttpResponse<T>;
			}
		} catch (error) {
			const status = statusOfThrown(error);
			const problem = credentialProblemIn(error);
			if (problem) {
				credentialProblem = { message: problem.message, fix: problem.fix };
			} else if (status !== undefined) {
				response = { statusCode: status, headers: {}, body: bodyOfThrown(error) as T };
			} else {
				failure = { kind: 'network', code: networkCode(error) };
				if (attempt < retry.maxAttempts && isRetryable(failure, idempotent)) {
					await sleep(backoffDelay(attempt, retry));
					continue;
				}
				const attempts = `${attempt} attempt${attempt > 1 ? 's' : ''}`;
				throw fail(
					`could not reach ${requestOptions.url.split('?', 1)[0]}: ${describeNetworkProblem(failure.code)} (${attempts})`,
					`Check the base URL in the "${service.credentialDisplayName}" credential and that the service is reachable from n8n` +
						`${failure.code ? ` (network error ${failure.code})` : ''}.` +
						(withheldRetry(failure, idempotent) ? NOT_REPEATED : ''),
				);
			}
		}

		if (credentialProblem) throw fail(credentialProblem.message, credentialProblem.fix);
		if (!response) continue;
		const { statusCode, headers } = response;
		const body = decode(response.body, codec) as T;
		if (statusCode >= 300 && statusCode < 400) {
			const target = redirectTarget(headers.location, requestOptions.url);
			if (target === undefined || !isOnOrigin(target, base)) {
				throw fail(
					`refused to follow a redirect (HTTP ${statusCode}) to ${(target && httpOrigin(target)) ?? 'an address that is not http(s)'}: it is not the origin of the base URL in the "${service.credentialDisplayName}" credential (${httpOrigin(base) ?? 'none'})`,
					`Nothing was sent there. If ${service.name} moved, enter its new address in the credential.`,
					statusCode,
				);
			}
			if (++redirects > MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`, `Check the base URL in the "${service.credentialDisplayName}" credential.`, statusCode);
			requestOptions.url = target;
			// As browsers do: 303, and 301/302 after a POST, continue with a GET without body.
			if (statusCode === 303 || ((statusCode === 301 || statusCode === 302) && requestOptions.method === 'POST')) {
				requestOptions.method = 'GET';
				requestOptions.body = undefined;
			}
			attempt--; // a redirect is not a failed attempt
			continue;
		}
		if (statusCode < 400) {
			const bodyError = service.errorInBody?.(body);
			if (bodyError === undefined) return { statusCode, headers, body };
			throw fail(
				bodyError,
				service.hint?.(statusCode, body) ?? GENERIC_HINTS[400],
				statusCode,
				body,
			);
		}

		failure = { kind: 'status', statusCode, retryAfter: headers['retry-after'] };
		const final = service.isFinalError?.(statusCode, body) === true;
		const retryAfterMs = parseRetryAfter(failure.retryAfter);
		const canWait = retryAfterMs === undefined || retryAfterMs <= retry.maxRetryAfterMs;
		if (!final && attempt < retry.maxAttempts && canWait && isRetryable(failure, idempotent)) {
			await sleep(backoffDelay(attempt, retry, retryAfterMs));
			continue;
		}

		const serviceMessage = service.errorMessage?.(body) ?? serviceErrorText(body);
		const attempts = attempt > 1 ? ` after ${attempt} attempts` : '';
		const waitNote =
			retryAfterMs !== undefined ? ` The service asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
		const notRepeated = !final && withheldRetry(failure, idempotent) ? NOT_REPEATED : '';
		const fix =
			(service.hint?.(statusCode, body) ??
				GENERIC_HINTS[statusCode] ??
				(statusCode >= 500
					? 'The service had a temporary problem. Run the workflow again later, or turn on "Retry On Fail" in the node settings.'
					: 'Check the request fields and the credential.')) +
			waitNote +
			notRepeated;
		throw fail(
			`HTTP ${statusCode}${attempts}${serviceMessage ? `: ${serviceMessage}` : ''}`,
			fix,
			statusCode,
			body,
		);
	}
}
