/**
 * The part of Gmail's search language (`q` of users.messages.list) that clients like n8n's Gmail
 * Trigger send: `after:` / `before:` (epoch seconds or YYYY/MM/DD), `is:unread|read|starred`,
 * `from:`, `to:`, `subject:`, `label:`, `in:inbox|spam|trash|sent|drafts|anywhere|scheduled`,
 * `has:attachment`, a leading `-` to negate, `OR` between terms, quoted phrases, and free words.
 * https://developers.google.com/gmail/api/guides/filtering and
 * https://support.google.com/mail/answer/7190 (the operators).
 *
 * Assumed where Google does not document it: `after:<seconds>` is inclusive at the second (n8n's
 * Gmail Trigger is written for that: "Gmail's `after:` query is inclusive at the second
 * boundary"), `before:` exclusive; dates without a time are midnight UTC (Gmail uses the
 * account's time zone); free words match the headers and the decoded text parts, case-insensitive.
 */
import { headerValue, type MessagePart } from './mime';
import type { StoredMessage } from './state';

export interface SearchableMessage {
	message: StoredMessage;
	payload: MessagePart;
	/** Lower-cased text of the decoded text parts. */
	text: string;
}

interface Term {
	negated: boolean;
	operator?: string;
	value: string;
}

export class SearchError extends Error {}

function tokenize(q: string): Term[] {
	const terms: Term[] = [];
	const pattern = /(-?)(?:([a-zA-Z_]+):)?(?:"([^"]*)"|(\S+))/g;
	for (const match of q.matchAll(pattern)) {
		const value = match[3] ?? match[4] ?? '';
		terms.push({ negated: match[1] === '-', operator: match[2]?.toLowerCase(), value });
	}
	return terms;
}

function seconds(value: string): number {
	if (/^\d+$/.test(value)) return Number(value);
	const date = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
	if (date) return Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) / 1000;
	throw new SearchError(`Invalid date in search query: ${value}`);
}

const IN_LABELS: Record<string, string> = { inbox: 'INBOX', spam: 'SPAM', trash: 'TRASH', sent: 'SENT', drafts: 'DRAFT', draft: 'DRAFT', starred: 'STARRED', important: 'IMPORTANT' };

function matches(term: Term, entry: SearchableMessage, labelNames: Map<string, string>): boolean {
	const { message, payload } = entry;
	const header = (name: string) => (headerValue(payload.headers, name) ?? '').toLowerCase();
	const needle = term.value.toLowerCase();
	const receivedSeconds = Math.floor(Number(message.internalDate) / 1000);
	switch (term.operator) {
		case 'after':
		case 'newer':
			return receivedSeconds >= seconds(term.value);
		case 'before':
		case 'older':
			return receivedSeconds < seconds(term.value);
		case 'is':
			if (needle === 'unread') return message.labelIds.includes('UNREAD');
			if (needle === 'read') return !message.labelIds.includes('UNREAD');
			if (needle === 'starred') return message.labelIds.includes('STARRED');
			if (needle === 'important') return message.labelIds.includes('IMPORTANT');
			return false;
		case 'from':
			return header('From').includes(needle);
		case 'to':
			return header('To').includes(needle);
		case 'subject':
			return header('Subject').includes(needle);
		case 'label': {
			const id = labelNames.get(needle) ?? term.value.toUpperCase();
			return message.labelIds.includes(id);
		}
		case 'in':
			if (needle === 'anywhere') return true;
			// Scheduled sends are not simulated; no message is ever in it.
			if (needle === 'scheduled') return false;
			return message.labelIds.includes(IN_LABELS[needle] ?? term.value.toUpperCase());
		case 'has':
			if (needle === 'attachment') return JSON.stringify(payload).includes('"attachmentId"');
			return false;
		default: {
			const word = (term.operator ? `${term.operator}:${term.value}` : term.value).toLowerCase();
			return [header('From'), header('To'), header('Subject'), entry.text].some((field) => field.includes(word));
		}
	}
}

/**
 * Whether the message satisfies `q`: terms are ANDed, and `a OR b` (upper-case OR, as in Gmail)
 * joins neighbouring terms into one alternative, so `from:x OR from:y after:1` is
 * `(from:x OR from:y) AND after:1`.
 */
export function searchFilter(q: string, labelNames: Map<string, string>): (entry: SearchableMessage) => boolean {
	const groups: Term[][] = [];
	let joinNext = false;
	for (const term of tokenize(q)) {
		if (!term.negated && !term.operator && term.value === 'OR') {
			joinNext = groups.length > 0;
			continue;
		}
		if (['after', 'before', 'newer', 'older'].includes(term.operator ?? '')) seconds(term.value); // reject bad dates up front
		if (joinNext) groups[groups.length - 1].push(term);
		else groups.push([term]);
		joinNext = false;
	}
	return (entry) => groups.every((group) => group.some((term) => matches(term, entry, labelNames) !== term.negated));
}

/** Whether a query names spam or trash itself (then those are searched without includeSpamTrash). */
export const queryNamesSpamOrTrash = (q: string) => tokenize(q).some((term) => !term.negated && term.operator === 'in' && ['spam', 'trash', 'anywhere'].includes(term.value.toLowerCase()));
