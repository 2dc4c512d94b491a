/**
 * ManyChat "dynamic block v2" content, built from the node's UI or taken as JSON, and checked
 * against ManyChat's documented limits before anything is sent.
 * Limits: https://github.com/manychat/dynamic_block_docs (README and channels/README).
 */
import type { IDataObject } from 'n8n-workflow';

export type Channel = 'messenger' | 'instagram' | 'whatsapp' | 'telegram';

export const CONTENT_LIMITS = {
	messages: 10,
	quickReplies: 11,
	actions: 5,
	cardsPerGallery: 10,
	buttonsPerMessage: 3,
	buttonsPerTelegramMessage: 10,
} as const;

interface UiButton {
	type?: string;
	caption?: string;
	url?: string;
	flowNs?: string;
	phone?: string;
}
interface UiCard {
	title?: string;
	subtitle?: string;
	imageUrl?: string;
	actionUrl?: string;
	buttons?: { button?: UiButton[] };
}
export interface UiMessage {
	type?: string;
	text?: string;
	imageUrl?: string;
	imageAspectRatio?: string;
	buttons?: { button?: UiButton[] };
	cards?: { card?: UiCard[] };
}
export interface UiContent {
	channel: Channel;
	messages: UiMessage[];
	quickReplies: Array<{ caption?: string; flowNs?: string }>;
}

/** A rule broken by the content: which field, and what to change. */
export class ContentProblem extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly fix: string,
	) {
		super(`${field}: ${problem}`);
	}
}

function button(ui: UiButton): IDataObject {
	const caption = ui.caption ?? '';
	switch (ui.type) {
		case 'flow':
			return { type: 'flow', caption, target: ui.flowNs ?? '' };
		case 'call':
			return { type: 'call', caption, phone: ui.phone ?? '' };
		default:
			return { type: 'url', caption, url: ui.url ?? '' };
	}
}

function message(ui: UiMessage): IDataObject {
	switch (ui.type) {
		case 'image':
			return { type: 'image', url: ui.imageUrl ?? '' };
		case 'cards':
			return {
				type: 'cards',
				image_aspect_ratio: ui.imageAspectRatio ?? 'horizontal',
				elements: (ui.cards?.card ?? []).map((card) => ({
					title: card.title ?? '',
					...(card.subtitle ? { subtitle: card.subtitle } : {}),
					...(card.imageUrl ? { image_url: card.imageUrl } : {}),
					...(card.actionUrl ? { action_url: card.actionUrl } : {}),
					buttons: (card.buttons?.button ?? []).map(button),
				})),
			};
		default: {
			const buttons = (ui.buttons?.button ?? []).map(button);
			return { type: 'text', text: ui.text ?? '', ...(buttons.length ? { buttons } : {}) };
		}
	}
}

/** Builds `{version: 'v2', content}` from the node's builder fields. */
export function buildContent(ui: UiContent): IDataObject {
	const quickReplies = ui.quickReplies.map((reply) => ({ type: 'flow', caption: reply.caption ?? '', target: reply.flowNs ?? '' }));
	return {
		version: 'v2',
		content: {
			...(ui.channel !== 'messenger' ? { type: ui.channel } : {}),
			messages: ui.messages.map(message),
			actions: [],
			// Omitted when empty: WhatsApp silently drops a send that carries the key at all.
			...(quickReplies.length ? { quick_replies: quickReplies } : {}),
		},
	};
}

/**
 * Accepts either the whole `{version, content}` or just the `content` object, as JSON text or as
 * an object (what an expression yields).
 */
export function contentFromJson(raw: unknown, channel: Channel): IDataObject {
	let json = raw;
	let syntaxError: string | undefined;
	if (typeof raw === 'string') {
		try {
			json = JSON.parse(raw);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
	}
	if (syntaxError !== undefined) {
		throw new ContentProblem('Content (JSON)', `is not valid JSON (${syntaxError})`, 'Fix the JSON, or switch Content Source to "Build in the Node".');
	}
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		throw new ContentProblem('Content (JSON)', 'is not a JSON object', 'Enter {"version": "v2", "content": {"messages": [...]}} or just the content object.');
	}
	const data = json as IDataObject;
	const content = (data.content ?? data) as IDataObject;
	const withChannel = channel !== 'messenger' && content.type === undefined ? { type: channel, ...content } : content;
	return { version: 'v2', content: withChannel };
}

const isHttpUrl = (value: unknown) => typeof value === 'string' && /^https?:\/\/\S+$/i.test(value);

function checkButtons(buttons: IDataObject[], where: string, channel: Channel): void {
	const limit = channel === 'telegram' ? CONTENT_LIMITS.buttonsPerTelegramMessage : CONTENT_LIMITS.buttonsPerMessage;
	if (buttons.length > limit) {
		throw new ContentProblem(where, `${buttons.length} buttons; ManyChat allows at most ${limit} here`, `Remove ${buttons.length - limit} button(s).`);
	}
	buttons.forEach((entry, index) => {
		const field = `${where} › button ${index + 1}`;
		if (!entry.caption) throw new ContentProblem(field, 'has no caption', 'Enter the text shown on the button.');
		if (entry.type === 'url' && !isHttpUrl(entry.url)) {
			throw new ContentProblem(field, `"${String(entry.url ?? '')}" is not a web address`, 'Enter a full https:// URL.');
		}
		if (entry.type === 'flow' && !entry.target) throw new ContentProblem(field, 'has no flow', 'Enter the flow NS the button starts.');
		if (entry.type === 'node') {
			throw new ContentProblem(field, 'is a "go to node" button', 'ManyChat does not support these in the public API; use a flow button.');
		}
	});
}

/** Throws a ContentProblem naming the first broken limit; returns the content when it is sendable. */
export function validateContent(data: IDataObject, channel: Channel): IDataObject {
	const content = (data.content ?? {}) as IDataObject;
	const messages = (content.messages ?? []) as IDataObject[];
	const quickReplies = (content.quick_replies ?? []) as IDataObject[];
	const actions = (content.actions ?? []) as IDataObject[];
	if (!Array.isArray(messages) || messages.length === 0) {
		throw new ContentProblem('Messages', 'no message to send', 'Add at least one message.');
	}
	if (messages.length > CONTENT_LIMITS.messages) {
		throw new ContentProblem('Messages', `${messages.length} messages; ManyChat allows at most ${CONTENT_LIMITS.messages} per send`, 'Split them over several sends or remove some.');
	}
	if (quickReplies.length > CONTENT_LIMITS.quickReplies) {
		throw new ContentProblem('Quick Replies', `${quickReplies.length} quick replies; ManyChat allows at most ${CONTENT_LIMITS.quickReplies}`, 'Remove some quick replies.');
	}
	if (actions.length > CONTENT_LIMITS.actions) {
		throw new ContentProblem('Actions', `${actions.length} actions; ManyChat allows at most ${CONTENT_LIMITS.actions}`, 'Remove some actions.');
	}
	if (quickReplies.length && (channel === 'whatsapp' || channel === 'telegram')) {
		throw new ContentProblem('Quick Replies', `are not supported on ${channel === 'whatsapp' ? 'WhatsApp' : 'Telegram'}`, 'Remove the quick replies or use buttons.');
	}
	messages.forEach((entry, index) => {
		const where = `Messages › message ${index + 1}`;
		switch (entry.type) {
			case 'text':
				if (typeof entry.text !== 'string' || entry.text.trim() === '') throw new ContentProblem(where, 'has no text', 'Enter the message text.');
				checkButtons((entry.buttons ?? []) as IDataObject[], where, channel);
				break;
			case 'image':
				if (!isHttpUrl(entry.url)) throw new ContentProblem(where, 'has no image URL', 'Enter a full https:// URL of a JPG, PNG or GIF.');
				break;
			case 'cards': {
				if (channel === 'whatsapp' || channel === 'telegram') {
					throw new ContentProblem(where, `cards are not supported on ${channel === 'whatsapp' ? 'WhatsApp' : 'Telegram'}`, 'Send text or images instead.');
				}
				const elements = (entry.elements ?? []) as IDataObject[];
				if (elements.length === 0 || elements.length > CONTENT_LIMITS.cardsPerGallery) {
					throw new ContentProblem(where, `${elements.length} cards; a gallery needs 1 to ${CONTENT_LIMITS.cardsPerGallery}`, 'Add or remove cards.');
				}
				elements.forEach((card, cardIndex) => {
					const cardWhere = `${where} › card ${cardIndex + 1}`;
					if (!card.title) throw new ContentProblem(cardWhere, 'has no title', 'Enter the card title.');
					checkButtons((card.buttons ?? []) as IDataObject[], cardWhere, channel);
				});
				break;
			}
			case 'video':
			case 'audio':
			case 'file':
				if (channel === 'whatsapp' || channel === 'instagram') {
					throw new ContentProblem(where, `${String(entry.type)} messages are not supported on ${channel === 'whatsapp' ? 'WhatsApp' : 'Instagram'}`, 'Send a link in a text message instead.');
				}
				if (!isHttpUrl(entry.url)) throw new ContentProblem(where, 'has no URL', 'Enter a full https:// URL.');
				break;
			case 'list':
				break;
			default:
				throw new ContentProblem(where, `unknown message type "${String(entry.type)}"`, 'Use text, image, cards, video, audio, file or list.');
		}
	});
	return data;
}
