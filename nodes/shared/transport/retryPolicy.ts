/**
 * Pure retry decisions shared by every service transport: which failures are worth another
 * attempt, and how long to wait before it.
 */

export interface RetryOptions {
	/** Total attempts, the first one included. */
	maxAttempts: number;
	/** Base of the exponential backoff. */
	baseDelayMs: number;
	/** Ceiling of one backoff step (Retry-After may ask for more, up to maxRetryAfterMs). */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited out: the error is surfaced instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 60_000,
};

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Network errors that prove the request never reached the server, so even a send is safe to repeat. */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** Network errors after which the request may or may not have reached the server. */
const RETRYABLE_NETWORK_CODES = new Set([
	...NOT_SENT_NETWORK_CODES,
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export type AttemptFailure =
	| { kind: 'status'; statusCode: number; retryAfter?: string | string[] }
	| { kind: 'network'; code?: string };

/**
 * Whether a failed attempt should be repeated.
 * Non-idempotent sends (a message, an order) are repeated only when the request provably never
 * reached the server or was refused unprocessed (429); anything else could deliver twice.
 */
export function isRetryable(failure: AttemptFailure, idempotent: boolean): boolean {
	if (failure.kind === 'network') {
		const code = failure.code ?? '';
		return idempotent ? RETRYABLE_NETWORK_CODES.has(code) : NOT_SENT_NETWORK_CODES.has(code);
	}
	// 429 is a refusal before any work (RFC 6585; ManyChat and Shopify document it as "not
	// accepted, try later"), so even a send may be repeated once the wait is over.
	if (failure.statusCode === 429) return true;
	return idempotent && RETRYABLE_STATUS.has(failure.statusCode);
}

/**
 * Parses a Retry-After header (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Returns undefined when absent or unreadable.
 */
export function parseRetryAfter(
	value: string | string[] | undefined,
	now: number = Date.now(),
): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(parseFloat(text) * 1000);
	// An HTTP-date always names a month; anything else (e.g. "-5") is unreadable, not a date.
	if (!/[A-Za-z]/.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * Delay before attempt number `attempt + 1` (attempt counts from 1).
 * Exponential backoff with full jitter; a server's Retry-After is a floor, never shortened.
 */
export function backoffDelay(
	attempt: number,
	options: RetryOptions,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
	const jittered = Math.round(ceiling * random());
	if (retryAfterMs === undefined) return jittered;
	// Spread clients that were told the same Retry-After a little, but never below it.
	return retryAfterMs + Math.round(options.baseDelayMs * random());
}
