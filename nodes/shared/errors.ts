import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const MASK = '***';

/**
 * Replaces every occurrence of the given secret values in `text`. Short values are skipped:
 * masking "1" or "ok" would garble messages without protecting anything.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < 6) continue;
		result = result.split(secret).join(MASK);
	}
	// Whatever a service echoes back in an auth header shape is masked even if we did not know it.
	return result.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/:=-]{6,}/g, `$1 ${MASK}`);
}

/** Deep-copies a JSON value with every string passed through redactSecrets. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redactSecrets(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copy[key] = redactValue(entry, secrets);
		return copy as T;
	}
	return value;
}

/**
 * Replaces each `<…>` tag with a space, with indexOf: the regex `/<[^>]*>/g` rescans to the end from
 * every "<" that has no ">" after it, quadratic in a hostile body.
 */
function withoutTags(html: string): string {
	const parts: string[] = [];
	let position = 0;
	for (;;) {
		const open = html.indexOf('<', position);
		const close = open < 0 ? -1 : html.indexOf('>', open);
		if (close < 0) break;
		parts.push(html.slice(position, open), ' ');
		position = close + 1;
	}
	parts.push(html.slice(position));
	return parts.join('');
}

const SUMMARY_INPUT_CHARS = 64 * 1024;

/** Shortens a response body for an error description (an HTML error page can be 40 KB). */
export function summarizeBody(body: unknown, maxLength = 500): string {
	if (body === undefined || body === null || body === '') return '';
	let text: string;
	// The summary keeps 500 characters: reading more than the first 64 KB of a huge body is wasted work.
	const head = (value: string) => value.slice(0, SUMMARY_INPUT_CHARS);
	if (typeof body === 'string') {
		text = /^\s*</.test(head(body)) ? withoutTags(head(body)) : head(body);
	} else if (Buffer.isBuffer(body)) {
		text = head(body.subarray(0, SUMMARY_INPUT_CHARS * 4).toString('utf8'));
	} else {
		text = head(JSON.stringify(body));
	}
	text = text.replace(/\s+/g, ' ').trim();
	return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/**
 * The service's own error text from the shapes most APIs use (`message`, `error`,
 * `error.message`, `errors[].message`), else a short summary of the body.
 */
export function serviceErrorText(body: unknown): string {
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		const nested = record.error as Record<string, unknown> | string | undefined;
		const errors = Array.isArray(record.errors) ? (record.errors as Array<Record<string, unknown>>) : [];
		const candidates = [
			record.message,
			typeof nested === 'string' ? nested : nested?.message,
			errors.map((entry) => (typeof entry === 'string' ? entry : entry?.message)).filter(Boolean).join('; '),
		];
		const text = candidates.find((candidate) => typeof candidate === 'string' && candidate !== '');
		if (typeof text === 'string') return text;
	}
	return summarizeBody(body);
}

export interface ApiErrorDetails {
	/** Service name for the message, e.g. "ManyChat". */
	service: string;
	/** What went wrong, in words a workflow author understands. */
	message: string;
	/** Which field or setting to change, and how. */
	fix: string;
	httpCode?: number | string;
	/** The service's own error payload (already redacted). */
	serviceError?: unknown;
	itemIndex?: number;
	secrets: readonly string[];
}

/**
 * Builds a NodeApiError from sanitized parts only: the raw HTTP error carries the request
 * configuration (with its auth headers), so it is never passed on.
 */
export function buildApiError(node: INode, details: ApiErrorDetails): NodeApiError {
	const message = redactSecrets(`${details.service}: ${details.message}`, details.secrets);
	const description = redactSecrets(details.fix, details.secrets);
	const errorResponse: JsonObject = {
		message,
		description,
		...(details.httpCode !== undefined ? { httpCode: String(details.httpCode) } : {}),
		...(details.serviceError !== undefined
			? { serviceError: redactValue(details.serviceError, details.secrets) as JsonObject }
			: {}),
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: details.httpCode !== undefined ? String(details.httpCode) : undefined,
		itemIndex: details.itemIndex,
	});
}

/** A problem with the node's own parameters: names the field and the fix. */
export function parameterError(
	node: INode,
	field: string,
	problem: string,
	fix: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}`, { description: fix, itemIndex });
}

/** Keeps node errors (adding the item index when missing) and wraps anything else. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/**
 * A credential that cannot authenticate (thrown from a credential's preAuthentication, e.g. a
 * refused client secret). Recognised by name, so the transport reports it as such and not as a
 * network failure.
 */
export class CredentialProblem extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'CredentialProblem';
	}
}

/** The CredentialProblem behind an error, also when n8n wrapped it (NodeApiError keeps it as cause). */
export function credentialProblemIn(error: unknown): CredentialProblem | undefined {
	let current = error as { name?: unknown; fix?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (current.name === 'CredentialProblem' && typeof current.fix === 'string') return current as unknown as CredentialProblem;
		current = current.cause as typeof current;
	}
	return undefined;
}
