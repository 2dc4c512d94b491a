/**
 * The MIME tree of a message as Gmail's `format=full` returns it: a MessagePart per part with
 * `partId`, `mimeType`, `filename`, `headers` (name/value, in message order), `body` (`size`,
 * `data` as base64url of the decoded bytes, or an `attachmentId` for attachments) and `parts`.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages#MessagePart
 *
 * Assumed where Google does not document it: header values are returned as they appear in the
 * message (RFC 2047 encoded words are not decoded), and the top-level part has `partId` "".
 */

export interface MessagePartHeader {
	name: string;
	value: string;
}

export interface MessagePart {
	partId: string;
	mimeType: string;
	filename: string;
	headers: MessagePartHeader[];
	body: { size: number; data?: string; attachmentId?: string };
	parts?: MessagePart[];
}

export const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function splitHead(raw: Buffer): { head: string; body: Buffer } {
	const text = raw.toString('latin1');
	const match = /\r?\n\r?\n/.exec(text);
	if (!match) return { head: text, body: Buffer.alloc(0) };
	return { head: text.slice(0, match.index), body: raw.subarray(match.index + match[0].length) };
}

function parseHeaders(head: string): MessagePartHeader[] {
	const headers: MessagePartHeader[] = [];
	for (const line of head.split(/\r?\n/)) {
		if (/^[ \t]/.test(line) && headers.length > 0) {
			headers[headers.length - 1].value += ` ${line.trim()}`;
			continue;
		}
		const colon = line.indexOf(':');
		if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
	}
	return headers;
}

export const headerValue = (headers: MessagePartHeader[], name: string) => headers.find((header) => header.name.toLowerCase() === name.toLowerCase())?.value;

function parameter(value: string | undefined, name: string): string | undefined {
	if (!value) return undefined;
	const match = new RegExp(`(?:^|;)\\s*${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value);
	return match ? (match[1] ?? match[2]) : undefined;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
	const text = body.toString('latin1').replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let index = 0; index < text.length; index++) {
		const hex = text.slice(index + 1, index + 3);
		if (text[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			index += 2;
		} else {
			bytes.push(text.charCodeAt(index) & 0xff);
		}
	}
	return Buffer.from(bytes);
}

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
	switch ((encoding ?? '').toLowerCase()) {
		case 'base64':
			return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
		case 'quoted-printable':
			return decodeQuotedPrintable(body);
		default:
			return body;
	}
}

function splitMultipart(body: Buffer, boundary: string): Buffer[] {
	const text = body.toString('latin1');
	const delimiter = `--${boundary}`;
	const parts: Buffer[] = [];
	let cursor = text.indexOf(delimiter);
	while (cursor >= 0) {
		const afterDelimiter = cursor + delimiter.length;
		if (text.startsWith('--', afterDelimiter)) break; // closing delimiter
		const start = text.indexOf('\n', afterDelimiter) + 1;
		const next = text.indexOf(`\n${delimiter}`, start);
		if (start === 0 || next < 0) break;
		const end = text[next - 1] === '\r' ? next - 1 : next;
		parts.push(body.subarray(start, end));
		cursor = next + 1;
	}
	return parts;
}

/** Builds the MessagePart tree; `attachmentIdFor(partId)` names attachment bodies. */
export function messagePart(raw: Buffer, partId: string, attachmentIdFor: (partId: string) => string): MessagePart {
	const { head, body } = splitHead(raw);
	const headers = parseHeaders(head);
	const contentType = headerValue(headers, 'Content-Type') ?? 'text/plain';
	const mimeType = contentType.split(';')[0].trim().toLowerCase() || 'text/plain';
	const filename = parameter(headerValue(headers, 'Content-Disposition'), 'filename') ?? parameter(contentType, 'name') ?? '';
	const boundary = parameter(contentType, 'boundary');
	if (mimeType.startsWith('multipart/') && boundary) {
		const children = splitMultipart(body, boundary).map((child, index) => messagePart(child, partId === '' ? String(index) : `${partId}.${index}`, attachmentIdFor));
		return { partId, mimeType, filename, headers, body: { size: 0 }, parts: children };
	}
	const decoded = decodeBody(body, headerValue(headers, 'Content-Transfer-Encoding'));
	if (filename) return { partId, mimeType, filename, headers, body: { size: decoded.length, attachmentId: attachmentIdFor(partId) } };
	return { partId, mimeType, filename, headers, body: { size: decoded.length, data: base64url(decoded) } };
}

/** The decoded bytes of one part, by partId (for users.messages.attachments.get). */
export function partBytes(raw: Buffer, partId: string): Buffer | undefined {
	let current = raw;
	const path = partId === '' ? [] : partId.split('.').map(Number);
	for (const index of path) {
		const { head, body } = splitHead(current);
		const boundary = parameter(headerValue(parseHeaders(head), 'Content-Type'), 'boundary');
		if (!boundary) return undefined;
		const child = splitMultipart(body, boundary)[index];
		if (!child) return undefined;
		current = child;
	}
	const { head, body } = splitHead(current);
	return decodeBody(body, headerValue(parseHeaders(head), 'Content-Transfer-Encoding'));
}

/** Gmail's short plain-text excerpt: the first text part, tags and whitespace collapsed, 200 characters. */
export function snippetOf(part: MessagePart): string {
	const texts: MessagePart[] = [];
	const walk = (node: MessagePart) => {
		if (node.body.data && node.mimeType.startsWith('text/')) texts.push(node);
		node.parts?.forEach(walk);
	};
	walk(part);
	const chosen = texts.find((node) => node.mimeType === 'text/plain') ?? texts[0];
	if (!chosen?.body.data) return '';
	// Charset conversion is out of scope for a snippet; non-UTF-8 text shows replacement characters.
	const text = Buffer.from(chosen.body.data, 'base64url').toString('utf8');
	return text
		.replace(/<style[\s\S]*?<\/style>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 200);
}
