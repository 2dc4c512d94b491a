/**
 * Checks sendContent's `data`: ManyChat's Dynamic Block v2 format
 * (manychat.github.io/dynamic_block_docs and its /channels/ page). The spec itself declares `data`
 * as an object without properties, so these rules come from those docs.
 */
import { fieldByName, fieldValue } from './fieldValues';
import { tagByName } from './records';
import { invalid } from './responses';
import type { FieldValue, ManyChatCustomField, ManyChatState, ManyChatTag } from './state';
import { Input } from './validation';

export type Channel = 'messenger' | 'instagram' | 'whatsapp' | 'telegram';

export type ContentAction =
	| { action: 'add_tag' | 'remove_tag'; tag: ManyChatTag }
	| { action: 'set_field_value'; field: ManyChatCustomField; value: FieldValue }
	| { action: 'unset_field_value'; field: ManyChatCustomField };

export interface CheckedContent {
	/** `data.content`: what the recipient is sent. */
	content: unknown;
	channel: Channel;
	actions: ContentAction[];
}

const MAX_MESSAGES = 10;
const MAX_QUICK_REPLIES = 11;
const MAX_ACTIONS = 5;
const CHANNEL_TYPES: Channel[] = ['instagram', 'whatsapp', 'telegram'];
const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'file', 'cards', 'list'];
const BUTTON_TYPES = ['url', 'call', 'share', 'flow', 'node', 'buy', 'dynamic_block_callback'];
const ACTION_TYPES = ['add_tag', 'remove_tag', 'set_field_value', 'unset_field_value'];

/** What the channel page says each channel cannot show. */
const UNSUPPORTED: Record<Channel, string[]> = {
	messenger: [],
	instagram: ['video', 'audio', 'file', 'list'],
	whatsapp: ['video', 'audio', 'file', 'cards', 'list'],
	telegram: ['cards', 'list'],
};

function list(input: Input, name: string, max: number, { required = false } = {}): unknown[] {
	const value = input.raw(name);
	if (value === undefined && !required) return [];
	if (!Array.isArray(value)) throw invalid(`${input.label(name)} must be a list`);
	if (required && value.length === 0) throw invalid(`${input.label(name)} must contain at least one message`);
	if (value.length > max) throw invalid(`${input.label(name)}: at most ${max} allowed, got ${value.length}`);
	return value;
}

function checkButtons(message: Input, channel: Channel): void {
	const buttons = list(message, 'buttons', channel === 'telegram' ? 10 : 3);
	buttons.forEach((raw, index) => {
		const button = Input.item(raw, message.label(`buttons[${index}]`));
		const type = button.string('type');
		if (!BUTTON_TYPES.includes(type)) throw invalid(`${button.label('type')} must be one of: ${BUTTON_TYPES.join(', ')}`);
		if (type === 'node') throw invalid(`${button.label('type')}: Go to node buttons are not supported in Public API`);
		if (type !== 'share') button.string('caption');
		if (type === 'url') button.string('url');
		if (type === 'flow') button.string('target');
		if (type === 'call') button.string('phone');
	});
}

function checkMessage(raw: unknown, label: string, channel: Channel): void {
	const message = Input.item(raw, label);
	const type = message.string('type');
	if (!MESSAGE_TYPES.includes(type)) throw invalid(`${message.label('type')} must be one of: ${MESSAGE_TYPES.join(', ')}`);
	if (UNSUPPORTED[channel].includes(type)) throw invalid(`${message.label('type')}: "${type}" messages are not supported on ${channel}`);
	if (type === 'text') message.string('text');
	if (['image', 'video', 'audio', 'file'].includes(type)) message.string('url');
	if (type === 'cards') list(message, 'elements', 10, { required: true });
	if (type === 'list') {
		const elements = list(message, 'elements', 4, { required: true });
		if (elements.length < 2) throw invalid(`${message.label('elements')}: a list needs 2 to 4 elements`);
	}
	checkButtons(message, channel);
}

function checkAction(raw: unknown, label: string, state: ManyChatState): ContentAction {
	const entry = Input.item(raw, label);
	const action = entry.string('action');
	if (!ACTION_TYPES.includes(action)) throw invalid(`${entry.label('action')} must be one of: ${ACTION_TYPES.join(', ')}`);
	if (action === 'add_tag' || action === 'remove_tag') {
		// The docs say the tag must already exist on the page.
		return { action, tag: tagByName(state, entry.string('tag_name'), entry.label('tag_name')) };
	}
	const field = fieldByName(state.customFields, entry.string('field_name'), 'custom field', entry.label('field_name'));
	if (action === 'unset_field_value') return { action, field };
	return { action: 'set_field_value', field, value: fieldValue(field, entry.raw('value'), entry.label('value')) };
}

/** Refuses with a Validation error naming the part that is wrong; `state` resolves actions. */
export function checkContent(data: unknown, state: ManyChatState): CheckedContent {
	if (data === undefined || data === null) throw invalid('data is required');
	const block = Input.item(data, 'data');
	if (block.raw('version') !== 'v2') throw invalid('data.version must be "v2"');
	const content = Input.item(block.raw('content'), 'data.content');
	const type = content.optionalString('type');
	if (type !== undefined && !CHANNEL_TYPES.includes(type as Channel)) {
		throw invalid(`data.content.type must be one of: ${CHANNEL_TYPES.join(', ')} (leave it out for Messenger)`);
	}
	const channel = (type ?? 'messenger') as Channel;
	list(content, 'messages', MAX_MESSAGES, { required: true }).forEach((message, index) =>
		checkMessage(message, content.label(`messages[${index}]`), channel),
	);
	list(content, 'quick_replies', MAX_QUICK_REPLIES).forEach((reply, index) =>
		Input.item(reply, content.label(`quick_replies[${index}]`)).string('caption'),
	);
	const actions = list(content, 'actions', MAX_ACTIONS).map((action, index) =>
		checkAction(action, content.label(`actions[${index}]`), state),
	);
	return { content: block.raw('content'), channel, actions };
}
