import { simpleParser } from 'mailparser';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EmailAuthentication, LoadedEmail } from './extract';
import { emailAddress } from './normalize';

export type InputFormat = 'auto' | 'html' | 'imapSimple' | 'parsedEmail' | 'rawBinary' | 'rawField';

export interface LoadOptions {
	format: InputFormat;
	binaryProperty: string;
	field: string;
	maxBytes: number;
	parseTimeoutMs: number;
}

/**
 * A problem with the input. `setting`: the node is wired or configured wrong (the item fails);
 * `email`: this email is unreadable or too big (it goes to Needs Review). `fix` says what to do.
 */
export class InputProblem extends Error {
	constructor(
		message: string,
		readonly fix: string,
		readonly kind: 'setting' | 'email' = 'setting',
	) {
		super(message);
	}
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Plain-text bodies become one paragraph per line, so label lines can be read like HTML. */
const textToHtml = (text: string) => text.split(/\r?\n/).map((line) => `<p>${escapeHtml(line)}</p>`).join('');

function isoDate(value: unknown): string | null {
	if (value === undefined || value === null || value === '') return null;
	const date = new Date(value as string);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const AUTH_HEADER = 'authentication-results';

/** A header value without its name, when a source hands over the whole line ("Authentication-Results: …"). */
const withoutName = (line: string) => (line.slice(0, AUTH_HEADER.length + 1).toLowerCase() === `${AUTH_HEADER}:` ? line.slice(AUTH_HEADER.length + 1) : line);

const valueOf = (headers: IDataObject) => headers[Object.keys(headers).find((name) => name.toLowerCase() === AUTH_HEADER) ?? ''];
const texts = (values: unknown[]) => values.filter((entry): entry is string => typeof entry === 'string').map(withoutName);

/**
 * n8n's Gmail (Simplify off) and Email Trigger "Resolved" items keep one line per header name, the
 * LAST one: for Authentication-Results that is the lowest, which the sender may have written. Only
 * a list (every occurrence) or no such header at all can be read safely.
 */
function authenticationOfParsed(headers: IDataObject): EmailAuthentication {
	const value = valueOf(headers);
	if (value === undefined || value === null) return { headers: [] };
	if (Array.isArray(value)) return { headers: texts(value) };
	return {
		unavailable:
			"this input keeps only the last Authentication-Results header, which the sender can write (n8n's Gmail with Simplify off, Email Trigger Resolved); fetch the raw email (Gmail API format=raw) or use the Email Trigger's Simple format",
	};
}

/** The Email Trigger "Simple" item keeps the FIRST value of each header: the receiving server's. */
function authenticationOfSimple(metadata: IDataObject): EmailAuthentication {
	const value = valueOf(metadata);
	return { headers: texts(Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]) };
}

function checkSize(bytes: number, options: LoadOptions): void {
	if (bytes > options.maxBytes) {
		throw new InputProblem(
			`the email is ${Math.ceil(bytes / 1024)} KB, over the ${Math.ceil(options.maxBytes / 1024)} KB limit`,
			'Raise "Max Email Size" in the node options if such emails are expected.',
			'email',
		);
	}
}

/**
 * Parses raw MIME from a Buffer, never a UTF-8 string, so 8-bit bodies keep their charset.
 * HTML-to-text, text-to-HTML and linkification are off: the parser reads the HTML itself, and
 * those steps cost seconds on large bodies and have a history of ReDoS.
 */
async function parseMime(buffer: Buffer, options: LoadOptions): Promise<LoadedEmail> {
	checkSize(buffer.length, options);
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new InputProblem(`parsing the email took longer than ${options.parseTimeoutMs} ms`, 'Check the email; it may be malformed.', 'email')),
			options.parseTimeoutMs,
		);
	});
	try {
		const parsing = simpleParser(buffer, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true, keepCidLinks: true, maxHtmlLengthToParse: options.maxBytes }).catch(
			(error: Error) => {
				throw new InputProblem(`the email could not be read as MIME (${error.message})`, 'Check the email; it may be truncated or malformed.', 'email');
			},
		);
		const mail = await Promise.race([parsing, timeout]);
		const from = mail.from?.value?.[0]?.address ?? (mail.from?.text ? emailAddress(mail.from.text) : undefined);
		return {
			messageId: mail.messageId ?? null,
			receivedAt: isoDate(mail.date),
			from: from ? from.toLowerCase() : null,
			subject: mail.subject ?? null,
			html: typeof mail.html === 'string' ? mail.html : textToHtml(mail.text ?? ''),
			// headerLines keeps every occurrence in message order (topmost first); headers keeps one.
			authentication: { headers: mail.headerLines.filter((header) => header.key === AUTH_HEADER).map((header) => withoutName(header.line)) },
		};
	} finally {
		clearTimeout(timer);
	}
}

/** The mailparser shape: Gmail (Simplify off) and the Email Trigger (IMAP) in "resolved" format. */
function fromParsedEmail(json: IDataObject, options: LoadOptions): LoadedEmail {
	const html = typeof json.html === 'string' ? json.html : textToHtml(String(json.text ?? ''));
	checkSize(Buffer.byteLength(html), options);
	const fromValue = (json.from as { value?: Array<{ address?: string }>; text?: string } | undefined) ?? {};
	const headers = (json.headers ?? {}) as IDataObject;
	const from = fromValue.value?.[0]?.address ?? (fromValue.text ? emailAddress(fromValue.text) : undefined);
	return {
		messageId: (json.messageId as string | undefined) ?? (headers['message-id'] as string | undefined) ?? null,
		receivedAt: isoDate(json.date),
		from: from ? from.toLowerCase() : null,
		subject: (json.subject as string | undefined) ?? null,
		html,
		authentication: authenticationOfParsed(headers),
	};
}

/** The Email Trigger (IMAP) "simple" format: header values are raw strings. */
function fromImapSimple(json: IDataObject, options: LoadOptions): LoadedEmail {
	const html = typeof json.textHtml === 'string' && json.textHtml ? json.textHtml : textToHtml(String(json.textPlain ?? ''));
	checkSize(Buffer.byteLength(html), options);
	const metadata = (json.metadata ?? {}) as IDataObject;
	const from = typeof json.from === 'string' ? emailAddress(json.from) : undefined;
	return {
		messageId: (metadata['message-id'] as string | undefined) ?? null,
		receivedAt: isoDate(json.date),
		from: from ?? null,
		subject: (json.subject as string | undefined) ?? null,
		html,
		authentication: authenticationOfSimple(metadata),
	};
}

const GMAIL_RAW = /^[A-Za-z0-9_\-+/=\s]+$/;

/** A field by name or dot path ("body.eml"), as elsewhere in n8n. */
function fieldValue(json: IDataObject, path: string): unknown {
	if (path in json) return json[path];
	return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined), json);
}

function detect(item: INodeExecutionData, options: LoadOptions): InputFormat {
	const json = item.json;
	if (item.binary?.[options.binaryProperty]) return 'rawBinary';
	if (typeof json.raw === 'string') return 'rawField';
	if ('textHtml' in json || 'textPlain' in json) return 'imapSimple';
	if ('html' in json || 'text' in json) return 'parsedEmail';
	if ('snippet' in json) {
		throw new InputProblem(
			"this is Gmail's simplified output, which holds no email body",
			'Turn off "Simplify" in the Gmail Trigger or Gmail node that fetches the email.',
		);
	}
	throw new InputProblem(
		'the item holds no email this node recognises',
		'Connect a Gmail Trigger or Gmail node with "Simplify" off, an Email Trigger (IMAP) in "Simple" or "Resolved" format, or set "Input Format" to where the raw email or HTML is.',
	);
}

/** Reads the email of one item, in the format chosen or detected. */
export async function loadEmail(this: IExecuteFunctions, item: INodeExecutionData, itemIndex: number, options: LoadOptions): Promise<LoadedEmail> {
	const format = options.format === 'auto' ? detect(item, options) : options.format;
	switch (format) {
		case 'rawBinary': {
			const binary = item.binary?.[options.binaryProperty] as IBinaryData | undefined;
			if (!binary) {
				throw new InputProblem(`the item has no binary property "${options.binaryProperty}"`, 'Set "Binary Property" to the property that holds the .eml file.');
			}
			return await parseMime(await this.helpers.getBinaryDataBuffer(itemIndex, options.binaryProperty), options);
		}
		case 'rawField': {
			const field = options.format === 'auto' ? 'raw' : options.field;
			const value = fieldValue(item.json, field);
			if (typeof value !== 'string' || value === '') throw new InputProblem(`the field "${field}" holds no raw email`, 'Set "Field" to the field with the raw MIME message.');
			if (options.format === 'auto' && !GMAIL_RAW.test(value.slice(0, 4096))) {
				throw new InputProblem(
					'this looks like the Email Trigger (IMAP) "RAW" format, which is the body without its headers',
					'Set the Email Trigger\'s "Format" to "Resolved" (or "Simple").',
				);
			}
			// Gmail's "raw" is base64url of the whole message. A MIME string in a field keeps its bytes
			// when it only holds byte-sized characters; text already decoded to Unicode goes as UTF-8.
			const buffer =
				options.format === 'auto'
					? Buffer.from(value, 'base64')
					: Buffer.from(value, [...value].some((char) => char.charCodeAt(0) > 0xff) ? 'utf8' : 'latin1');
			return await parseMime(buffer, options);
		}
		case 'imapSimple':
			return fromImapSimple(item.json, options);
		case 'html': {
			const value = fieldValue(item.json, options.field);
			if (typeof value !== 'string') throw new InputProblem(`the field "${options.field}" holds no HTML`, 'Set "Field" to the field with the email HTML.');
			checkSize(Buffer.byteLength(value), options);
			return { messageId: null, receivedAt: null, from: null, subject: null, html: value, authentication: { unavailable: 'the input is HTML only, without the email headers; give the node the whole email' } };
		}
		default:
			return fromParsedEmail(item.json, options);
	}
}
