import type { IncomingHttpHeaders } from 'node:http';

const ALWAYS_SECRET_HEADERS = [
	'authorization',
	'proxy-authorization',
	'cookie',
	'set-cookie',
	'x-api-key',
	'x-shopify-access-token',
];

const SECRET_FIELD = /(pass(word)?|secret|token|api_?key|authorization|credential)/i;

/** Keeps the auth scheme so a reader still sees "Bearer" vs "Basic", and hides the rest. */
function maskValue(value: string): string {
	const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value);
	return scheme ? `${scheme[1]} ***` : '***';
}

export function maskHeaders(
	headers: IncomingHttpHeaders,
	extraSecretHeaders: readonly string[] = [],
): Record<string, string> {
	const secret = new Set([...ALWAYS_SECRET_HEADERS, ...extraSecretHeaders.map((h) => h.toLowerCase())]);
	const masked: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		masked[name] = secret.has(name.toLowerCase()) ? maskValue(text) : text;
	}
	return masked;
}

/** Deep copy of a body with secret-looking fields masked (OAuth token requests, passwords). */
export function maskBody(body: unknown): unknown {
	if (Array.isArray(body)) return body.map(maskBody);
	if (body !== null && typeof body === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(body)) {
			copy[key] = SECRET_FIELD.test(key) && typeof value === 'string' ? '***' : maskBody(value);
		}
		return copy;
	}
	return body;
}
