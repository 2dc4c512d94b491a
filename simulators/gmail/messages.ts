/**
 * Gmail API v1 resources below /gmail/v1/users/{userId}: profile, messages.list / get / modify,
 * messages.attachments.get, labels.list / get.
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages (list, get, modify) and
 * https://developers.google.com/gmail/api/reference/rest/v1/users.labels.
 */
import type { Handler, Route, SimRequest, SimResponse } from '../frame/types';
import { base64url, type MessagePart, messagePart, partBytes, snippetOf } from './mime';
import { googleError, notFoundEntity } from './responses';
import { queryNamesSpamOrTrash, SearchError, type SearchableMessage, searchFilter } from './search';
import type { GmailState, StoredMessage } from './state';

const USER = '/gmail/v1/users/:userId';
const MESSAGE_ID = /^[0-9a-f]{16}$/;

const rawOf = (message: StoredMessage) => Buffer.from(message.rawBase64, 'base64');
export const attachmentIdOf = (messageId: string, partId: string) => `ANGjdJ_${messageId}_${partId === '' ? 'root' : partId}`;
const payloadOf = (message: StoredMessage): MessagePart => messagePart(rawOf(message), '', (partId) => attachmentIdOf(message.id, partId));

function searchable(message: StoredMessage): SearchableMessage {
	const payload = payloadOf(message);
	const texts: string[] = [];
	const walk = (part: MessagePart) => {
		if (part.body.data && part.mimeType.startsWith('text/')) texts.push(Buffer.from(part.body.data, 'base64url').toString('utf8'));
		part.parts?.forEach(walk);
	};
	walk(payload);
	return { message, payload, text: texts.join('\n').toLowerCase() };
}

/** Gmail answers for "me" or the mailbox's own address; another user needs domain-wide delegation. */
function checkUser(req: SimRequest, state: GmailState): SimResponse | undefined {
	const user = req.params.userId;
	if (user === 'me' || user.toLowerCase() === state.emailAddress) return undefined;
	return googleError(403, `Delegation denied for ${state.emailAddress}`, 'forbidden');
}

function findMessage(req: SimRequest, state: GmailState, id: string): StoredMessage | SimResponse {
	if (!MESSAGE_ID.test(id)) return googleError(400, 'Invalid id value', 'invalidArgument');
	return state.messages.find((message) => message.id === id) ?? notFoundEntity();
}

const isResponse = (value: unknown): value is SimResponse => typeof value === 'object' && value !== null && 'status' in value && !('rawBase64' in value);

function resource(message: StoredMessage, format: string, metadataHeaders: string[]): Record<string, unknown> {
	const raw = rawOf(message);
	const payload = payloadOf(message);
	const base = {
		id: message.id,
		threadId: message.threadId,
		labelIds: message.labelIds,
		snippet: snippetOf(payload),
		sizeEstimate: raw.length,
		historyId: message.historyId,
		internalDate: message.internalDate,
	};
	switch (format) {
		case 'raw':
			return { ...base, raw: base64url(raw) };
		case 'minimal':
			return base;
		case 'metadata': {
			const wanted = metadataHeaders.map((name) => name.toLowerCase());
			const headers = wanted.length ? payload.headers.filter((header) => wanted.includes(header.name.toLowerCase())) : payload.headers;
			return { ...base, payload: { partId: '', mimeType: payload.mimeType, filename: '', headers, body: { size: 0 } } };
		}
		default:
			return { ...base, payload };
	}
}

interface PageCursor {
	offset: number;
	q: string;
}

const list: Handler<GmailState> = (req, ctx) => {
	const state = ctx.state;
	const maxResults = req.query.maxResults === undefined ? 100 : Number(req.query.maxResults);
	if (!Number.isInteger(maxResults) || maxResults < 1) return googleError(400, `Invalid value for maxResults: ${req.query.maxResults}`);
	const pageSize = Math.min(maxResults, 500);
	const q = req.query.q ?? '';
	let offset = 0;
	if (req.query.pageToken) {
		try {
			const cursor = JSON.parse(Buffer.from(req.query.pageToken, 'base64url').toString('utf8')) as PageCursor;
			if (cursor.q !== q || !Number.isInteger(cursor.offset)) throw new Error('mismatch');
			offset = cursor.offset;
		} catch {
			return googleError(400, 'Invalid pageToken', 'invalidArgument');
		}
	}
	let filter: (entry: SearchableMessage) => boolean;
	try {
		filter = searchFilter(q, new Map(state.labels.map((label) => [label.name.toLowerCase(), label.id])));
	} catch (error) {
		if (error instanceof SearchError) return googleError(400, error.message, 'invalidArgument');
		throw error;
	}
	const labelIds = req.queryAll?.labelIds ?? (req.query.labelIds ? [req.query.labelIds] : []);
	const unknownLabel = labelIds.find((id) => !state.labels.some((label) => label.id === id));
	if (unknownLabel) return googleError(400, `Invalid label: ${unknownLabel}`, 'invalidArgument');
	// Spam and trash are left out unless asked for (includeSpamTrash, or the query names them).
	const spamTrash = req.query.includeSpamTrash === 'true' || queryNamesSpamOrTrash(q);
	const found = state.messages
		.filter((message) => spamTrash || !message.labelIds.some((id) => id === 'SPAM' || id === 'TRASH'))
		.filter((message) => labelIds.every((id) => message.labelIds.includes(id)))
		.map(searchable)
		.filter(filter)
		.map((entry) => entry.message)
		// Newest first, as Gmail lists.
		.sort((a, b) => Number(b.internalDate) - Number(a.internalDate) || b.id.localeCompare(a.id));
	const page = found.slice(offset, offset + pageSize);
	const body: Record<string, unknown> = { resultSizeEstimate: found.length };
	// Gmail leaves out "messages" when nothing matches.
	if (page.length) body.messages = page.map((message) => ({ id: message.id, threadId: message.threadId }));
	if (offset + pageSize < found.length) {
		body.nextPageToken = Buffer.from(JSON.stringify({ offset: offset + pageSize, q } satisfies PageCursor)).toString('base64url');
	}
	return { status: 200, body };
};

const get: Handler<GmailState> = (req, ctx) => {
	const found = findMessage(req, ctx.state, req.params.id);
	if (isResponse(found)) return found;
	const format = req.query.format ?? 'full';
	if (!['full', 'metadata', 'minimal', 'raw'].includes(format)) return googleError(400, `Invalid value at 'format' (type.googleapis.com/google.apps.gmail.v1.GetMessageRequest.Format), "${format}"`);
	return { status: 200, body: resource(found, format, req.queryAll?.metadataHeaders ?? []) };
};

const modify: Handler<GmailState> = (req, ctx) => {
	const found = findMessage(req, ctx.state, req.params.id);
	if (isResponse(found)) return found;
	const body = (req.body ?? {}) as { addLabelIds?: unknown; removeLabelIds?: unknown };
	const add = Array.isArray(body.addLabelIds) ? body.addLabelIds.map(String) : [];
	const remove = Array.isArray(body.removeLabelIds) ? body.removeLabelIds.map(String) : [];
	const unknownLabel = [...add, ...remove].find((id) => !ctx.state.labels.some((label) => label.id === id));
	if (unknownLabel) return googleError(400, `Invalid label: ${unknownLabel}`, 'invalidArgument');
	found.labelIds = [...new Set([...found.labelIds.filter((id) => !remove.includes(id)), ...add])];
	found.historyId = String(ctx.state.nextHistoryId++);
	ctx.changed();
	return { status: 200, body: resource(found, 'minimal', []) };
};

const attachment: Handler<GmailState> = (req, ctx) => {
	const found = findMessage(req, ctx.state, req.params.messageId);
	if (isResponse(found)) return found;
	const prefix = `ANGjdJ_${found.id}_`;
	if (!req.params.id.startsWith(prefix)) return notFoundEntity();
	const partId = req.params.id.slice(prefix.length);
	const bytes = partBytes(rawOf(found), partId === 'root' ? '' : partId);
	if (!bytes) return notFoundEntity();
	return { status: 200, body: { attachmentId: req.params.id, size: bytes.length, data: base64url(bytes) } };
};

function labelResource(state: GmailState, id: string): Record<string, unknown> | undefined {
	const label = state.labels.find((candidate) => candidate.id === id);
	if (!label) return undefined;
	const withLabel = state.messages.filter((message) => message.labelIds.includes(id));
	const unread = withLabel.filter((message) => message.labelIds.includes('UNREAD'));
	return {
		...label,
		messagesTotal: withLabel.length,
		messagesUnread: unread.length,
		threadsTotal: new Set(withLabel.map((message) => message.threadId)).size,
		threadsUnread: new Set(unread.map((message) => message.threadId)).size,
	};
}

/** Each route checks the user first; the frame has already checked the bearer token. */
const forUser =
	(handler: Handler<GmailState>): Handler<GmailState> =>
	async (req, ctx) =>
		checkUser(req, ctx.state) ?? (await handler(req, ctx));

export const messageRoutes: Array<Route<GmailState>> = [
	{
		method: 'GET',
		path: `${USER}/profile`,
		handler: forUser((_req, ctx) => ({
			status: 200,
			body: {
				emailAddress: ctx.state.emailAddress,
				messagesTotal: ctx.state.messages.length,
				threadsTotal: new Set(ctx.state.messages.map((message) => message.threadId)).size,
				historyId: String(ctx.state.nextHistoryId - 1),
			},
		})),
	},
	{ method: 'GET', path: `${USER}/messages`, handler: forUser(list) },
	{ method: 'GET', path: `${USER}/messages/:id`, handler: forUser(get) },
	{ method: 'POST', path: `${USER}/messages/:id/modify`, handler: forUser(modify) },
	{ method: 'GET', path: `${USER}/messages/:messageId/attachments/:id`, handler: forUser(attachment) },
	{ method: 'GET', path: `${USER}/labels`, handler: forUser((_req, ctx) => ({ status: 200, body: { labels: ctx.state.labels } })) },
	{
		method: 'GET',
		path: `${USER}/labels/:id`,
		handler: forUser((req, ctx) => {
			const label = labelResource(ctx.state, req.params.id);
			return label ? { status: 200, body: label } : notFoundEntity();
		}),
	},
].map((route) => ({ ...route, limitGroup: 'quota' }));
