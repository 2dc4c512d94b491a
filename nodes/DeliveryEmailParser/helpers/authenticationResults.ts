/**
 * Reads `Authentication-Results` headers (RFC 8601) to decide whether a delivery service really sent
 * an email. Only the receiving server's own header counts: anyone can write such a header into a
 * message, but the receiving server adds its header on top, so the topmost one carrying its
 * authserv-id is the trusted one. A hand-written scanner (no regular expressions), so the work is
 * linear in the header's length, and each header is capped before it is read.
 */

import type { EmailAuthentication } from './extract';

/** A header longer than this is not a real one; it is cut, which can only lose results, never add them. */
export const MAX_HEADER_CHARS = 16 * 1024;
/** Quoted values in a review reason are cut to this length. */
const MAX_SHOWN_CHARS = 80;

export interface AuthResult {
	/** Lower case: dkim, spf, dmarc, arc, … */
	method: string;
	/** Lower case: pass, fail, none, neutral, temperror, … */
	result: string;
	/** Lower-cased property names (`header.d`, `header.from`) and their values as written. */
	properties: Record<string, string>;
}

export interface AuthenticationResults {
	authservId: string;
	results: AuthResult[];
}

type Token = { kind: 'word'; text: string } | { kind: '=' } | { kind: ';' };

/** Splits a header value into words, `=` and `;`, dropping (nested) comments and unquoting strings. */
function tokens(value: string): Token[] {
	const out: Token[] = [];
	let word = '';
	let depth = 0;
	const flush = () => {
		if (word !== '') out.push({ kind: 'word', text: word });
		word = '';
	};
	for (let at = 0; at < value.length; at++) {
		const char = value[at];
		if (depth > 0) {
			if (char === '\\') at++;
			else if (char === '(') depth++;
			else if (char === ')') depth--;
			continue;
		}
		if (char === '(') {
			flush();
			depth = 1;
		} else if (char === '"') {
			// A quoted string is part of the current word ("header.i" values may be quoted).
			for (at++; at < value.length && value[at] !== '"'; at++) word += value[at] === '\\' ? (value[++at] ?? '') : value[at];
		} else if (char === '=' || char === ';') {
			flush();
			out.push({ kind: char });
		} else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
			flush();
		} else {
			word += char;
		}
	}
	flush();
	return out;
}

/** One header value (without its `Authentication-Results:` name); undefined when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
	const list = tokens(value.slice(0, MAX_HEADER_CHARS));
	const first = list[0];
	if (!first || first.kind !== 'word') return undefined;
	const results: AuthResult[] = [];
	let current: AuthResult | undefined;
	for (let at = 1; at < list.length; at++) {
		const token = list[at];
		if (token.kind === ';') {
			current = undefined;
			continue;
		}
		// key = value; a word without "=" (the optional version after the authserv-id, `none`) is skipped.
		const equals = list[at + 1];
		const right = list[at + 2];
		if (token.kind !== 'word' || equals?.kind !== '=' || right?.kind !== 'word') continue;
		at += 2;
		const key = token.text.toLowerCase();
		if (!current) {
			// The method spec opens a result: "dkim=pass" (a "/version" after the method is dropped).
			current = { method: key.split('/')[0], result: right.text.toLowerCase(), properties: {} };
			results.push(current);
		} else if (!(key in current.properties)) {
			current.properties[key] = right.text;
		}
	}
	return { authservId: first.text.toLowerCase(), results };
}

/** The header the receiving server added: the topmost one with its authserv-id. */
export function trustedResults(headers: string[], authservId: string): AuthenticationResults | undefined {
	const wanted = authservId.trim().toLowerCase();
	for (const header of headers) {
		const parsed = parseAuthenticationResults(header);
		if (parsed?.authservId === wanted) return parsed;
	}
	return undefined;
}

const within = (candidate: string | undefined, domain: string) => {
	const value = (candidate ?? '').toLowerCase().replace(/\.$/, '');
	return value !== '' && (value === domain || value.endsWith(`.${domain}`));
};
/** `header.i` is an identity: `@mail.example.com` or `user@example.com`; the domain is after the last @. */
const identityDomain = (identity: string | undefined) => (identity === undefined ? undefined : identity.slice(identity.lastIndexOf('@') + 1));
// eslint-disable-next-line no-control-regex -- removes control characters from text shown to a person
const shown = (text: string) => (text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text).replace(/[\x00-\x1f\x7f]/g, '');

export type SenderCheck = { authenticated: true; by: string } | { authenticated: false; reason: string };

/**
 * Whether the trusted header shows DKIM passing for `domain` (or a subdomain), or DMARC passing with
 * that From domain. The reason of a failure quotes what the header says, so a manager sees why.
 */
export function checkSender(authentication: EmailAuthentication, authservId: string, senderDomain: string): SenderCheck {
	const domain = senderDomain.trim().toLowerCase();
	const fail = (detail: string): SenderCheck => ({ authenticated: false, reason: `not authenticated for ${domain}: ${detail}` });
	if ('unavailable' in authentication) return fail(authentication.unavailable);
	const headers = authentication.headers;
	if (headers.length === 0) return fail('the email has no Authentication-Results header');
	const trusted = trustedResults(headers, authservId);
	if (!trusted) return fail(`no Authentication-Results header from ${authservId.trim().toLowerCase()}`);
	for (const { method, result, properties } of trusted.results) {
		if (result !== 'pass') continue;
		// The signing domain is header.d; Gmail reports only header.i, whose domain is d= or below it.
		const signer = properties['header.d'] ?? identityDomain(properties['header.i']);
		if (method === 'dkim' && within(signer, domain)) return { authenticated: true, by: `dkim=pass ${signer}` };
		if (method === 'dmarc' && within(properties['header.from'], domain)) return { authenticated: true, by: `dmarc=pass header.from=${properties['header.from']}` };
	}
	const seen = trusted.results
		.filter(({ method }) => method === 'dkim' || method === 'dmarc')
		.map(({ method, result, properties }) => {
			const key = method === 'dmarc' ? 'header.from' : properties['header.d'] !== undefined ? 'header.d' : 'header.i';
			return shown(`${method}=${result}${properties[key] !== undefined ? ` (${key}=${properties[key]})` : ''}`);
		});
	return fail(seen.length ? seen.slice(0, 4).join(', ') : 'no DKIM or DMARC result');
}
