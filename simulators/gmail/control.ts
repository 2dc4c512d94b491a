/**
 * Control endpoints of the Gmail simulator ("as if the mail arrived"):
 * - `POST /__sim/messages`: deliver a message into the mailbox. Send the .eml bytes with
 *   `content-type: message/rfc822`, or JSON `{ "raw": "<base64 or base64url>", "labelIds": [...],
 *   "internalDate": "<ms>", "authentication": "pass" | "fail" | "none" }`. Labels default to
 *   INBOX + UNREAD, the receive time to now. The message is stored byte for byte as sent, with any
 *   headers (forged ones included); with `authentication` (or `?authentication=` for .eml bytes)
 *   the simulator first adds what Gmail's receiving server would: an `Authentication-Results:
 *   mx.google.com; …` header on top, for the domain of the From address, DKIM and DMARC passing,
 *   failing, or absent (no signature).
 * - `POST /__sim/tokens/expire`: every access token expires now (clients must refresh).
 */
import { randomBytes } from 'node:crypto';

import type { Route, SimRequest, SimResponse } from '../frame/types';
import { headerValue, messagePart } from './mime';
import type { GmailState } from './state';

function rawFrom(req: SimRequest): Buffer | string {
	const type = String(req.headers['content-type'] ?? '');
	if (type.startsWith('message/rfc822') || type.startsWith('text/plain')) return req.rawBody;
	const body = req.body as { raw?: unknown } | undefined;
	if (typeof body?.raw !== 'string' || body.raw === '') {
		return 'send the .eml bytes with content-type message/rfc822, or JSON {"raw": "<base64 of the message>"}';
	}
	return Buffer.from(body.raw, 'base64');
}

const AUTHENTICATION = ['pass', 'fail', 'none'] as const;
type Authentication = (typeof AUTHENTICATION)[number];

/** The header Gmail puts on top of a message it received, as it writes it. */
export function gmailAuthenticationResults(fromDomain: string, outcome: Authentication): string {
	const dkim = outcome === 'none' ? 'dkim=none (message not signed)' : `dkim=${outcome} header.i=@${fromDomain} header.s=sim2026 header.b=SimSig0${outcome === 'pass' ? 'K' : 'X'}`;
	const spf = outcome === 'pass' ? 'pass' : 'softfail';
	const dmarc = outcome === 'pass' ? 'pass (p=REJECT sp=REJECT dis=NONE)' : 'fail (p=REJECT sp=REJECT dis=REJECT)';
	return `Authentication-Results: mx.google.com;\r\n       ${dkim};\r\n       spf=${spf} (google.com: domain of bounces@${fromDomain} designates 192.0.2.10 as permitted sender) smtp.mailfrom=bounces@${fromDomain};\r\n       dmarc=${dmarc} header.from=${fromDomain}\r\n`;
}

function deliver(req: SimRequest, state: GmailState): SimResponse {
	let raw = rawFrom(req);
	if (typeof raw === 'string') return { status: 400, body: { error: raw } };
	if (raw.length === 0 || !/\r?\n\r?\n/.test(raw.subarray(0, 65536).toString('latin1'))) {
		return { status: 400, body: { error: 'the message has no header block (headers, a blank line, then the body)' } };
	}
	const options = (typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body) ? req.body : {}) as { labelIds?: unknown; internalDate?: unknown; authentication?: unknown };
	const authentication = options.authentication ?? req.query.authentication;
	if (authentication !== undefined && !AUTHENTICATION.includes(authentication as Authentication)) {
		return { status: 400, body: { error: `authentication must be one of ${AUTHENTICATION.join(', ')}` } };
	}
	const labelIds = Array.isArray(options.labelIds) ? options.labelIds.map(String) : ['INBOX', 'UNREAD'];
	const unknownLabel = labelIds.find((id) => !state.labels.some((label) => label.id === id));
	if (unknownLabel) return { status: 400, body: { error: `unknown label ${unknownLabel}` } };
	const internalDate = options.internalDate === undefined ? String(Date.now()) : String(options.internalDate);
	if (!/^\d+$/.test(internalDate)) return { status: 400, body: { error: 'internalDate must be milliseconds since the epoch' } };

	if (authentication !== undefined) {
		const from = headerValue(messagePart(raw, '', () => '').headers, 'From') ?? '';
		const domain = /@([^\s>]+)>?\s*$/.exec(from.slice(-300))?.[1]?.toLowerCase();
		if (!domain) return { status: 400, body: { error: 'authentication needs a From address to authenticate' } };
		raw = Buffer.concat([Buffer.from(gmailAuthenticationResults(domain, authentication as Authentication), 'latin1'), raw]);
	}
	// A reply joins the thread of the message it answers, as in Gmail.
	const headers = messagePart(raw, '', () => '').headers;
	const references = `${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`;
	const parent = state.messages.find((message) => {
		const messageId = headerValue(messagePart(Buffer.from(message.rawBase64, 'base64'), '', () => '').headers, 'Message-ID');
		return messageId !== undefined && references.includes(messageId);
	});
	let id = randomBytes(8).toString('hex');
	while (state.messages.some((message) => message.id === id)) id = randomBytes(8).toString('hex');
	const message = { id, threadId: parent?.threadId ?? id, labelIds, internalDate, historyId: String(state.nextHistoryId++), rawBase64: raw.toString('base64') };
	state.messages.push(message);
	return { status: 201, body: { id, threadId: message.threadId, labelIds, internalDate } };
}

export const controlRoutes: Array<Route<GmailState>> = [
	{ method: 'POST', path: '/__sim/messages', handler: (req, ctx) => deliver(req, ctx.state) },
	{
		method: 'POST',
		path: '/__sim/tokens/expire',
		handler: (_req, ctx) => {
			for (const token of Object.keys(ctx.state.accessTokens)) ctx.state.accessTokens[token] = 0;
			return { status: 200, body: { expired: Object.keys(ctx.state.accessTokens).length } };
		},
	},
];
