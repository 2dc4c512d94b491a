import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asNodeError, parameterError } from '../../shared/errors';
import {
	buildContent,
	type Channel,
	ContentProblem,
	contentFromJson,
	type UiContent,
	type UiMessage,
	validateContent,
} from '../helpers/content';

type Show = Record<string, string[]>;

const buttonCollection: INodeProperties = {
	displayName: 'Buttons',
	name: 'buttons',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Button',
	default: {},
	options: [
		{
			displayName: 'Button',
			name: 'button',
			values: [
				{
					displayName: 'Caption',
					name: 'caption',
					type: 'string',
					default: '',
					placeholder: 'Complete your order',
				},
				{
					displayName: 'Flow NS',
					name: 'flowNs',
					type: 'string',
					default: '',
					placeholder: 'content20260101000000_000001',
				},
				{
					displayName: 'Phone',
					name: 'phone',
					type: 'string',
					default: '',
					placeholder: '+15550000000',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{
							name: 'Call',
							value: 'call',
						},
						{
							name: 'Start Flow',
							value: 'flow',
						},
						{
							name: 'URL',
							value: 'url',
						},
					],
					default: 'url',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'https://shop.example.com/invoices/abc',
				},
			],
		},
	],
};

/** Builder and JSON fields for ManyChat content, shown for the given resource/operation. */
export function contentProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'options',
			options: [
				{ name: 'Instagram', value: 'instagram' },
				{ name: 'Messenger', value: 'messenger' },
				{ name: 'Telegram', value: 'telegram' },
				{ name: 'WhatsApp', value: 'whatsapp' },
			],
			default: 'messenger',
			description: 'Where the subscriber reads it. ManyChat sends on Messenger unless told otherwise.',
			displayOptions: { show },
		},
		{
			displayName: 'Content Source',
			name: 'contentSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Build in the Node', value: 'builder' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'builder',
			displayOptions: { show },
		},
		{
			displayName: 'Messages',
			name: 'messages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Message',
			default: { message: [{ type: 'text', text: '' }] },
			description: 'Up to 10 messages, sent in order',
			displayOptions: { show: { ...show, contentSource: ['builder'] } },
			options: [
				{
					displayName: 'Message',
					name: 'message',
					values: [
						{ ...buttonCollection, displayOptions: { show: { type: ['text'] } } },
						{
							displayName: 'Cards',
							name: 'cards',
							type: 'fixedCollection',
							typeOptions: { multipleValues: true, sortable: true },
							placeholder: 'Add Card',
							default: {},
							displayOptions: { show: { type: ['cards'] } },
							options: [
								{
									displayName: 'Card',
									name: 'card',
									values: [
										{
											displayName: 'Action URL',
											name: 'actionUrl',
											type: 'string',
											default: '',
											description: 'Opened when the card itself is tapped',
										},
										buttonCollection,
										{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '' },
										{ displayName: 'Subtitle', name: 'subtitle', type: 'string', default: '' },
										{ displayName: 'Title', name: 'title', type: 'string', default: '' },
									],
								},
							],
						},
						{
							displayName: 'Image Aspect Ratio',
							name: 'imageAspectRatio',
							type: 'options',
							options: [
								{ name: 'Horizontal', value: 'horizontal' },
								{ name: 'Square', value: 'square' },
							],
							default: 'horizontal',
							displayOptions: { show: { type: ['cards'] } },
						},
						{
							displayName: 'Image URL',
							name: 'imageUrl',
							type: 'string',
							default: '',
							placeholder: 'https://cdn.example.com/product.jpg',
							displayOptions: { show: { type: ['image'] } },
						},
						{
							displayName: 'Text',
							name: 'text',
							type: 'string',
							typeOptions: { rows: 3 },
							default: '',
							displayOptions: { show: { type: ['text'] } },
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Cards', value: 'cards' },
								{ name: 'Image', value: 'image' },
								{ name: 'Text', value: 'text' },
							],
							default: 'text',
						},
					],
				},
			],
		},
		{
			displayName: 'Quick Replies',
			name: 'quickReplies',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Quick Reply',
			default: {},
			description: 'Up to 11 replies shown under the last message (Messenger and Instagram only)',
			displayOptions: { show: { ...show, contentSource: ['builder'] } },
			options: [
				{
					displayName: 'Reply',
					name: 'reply',
					values: [
						{ displayName: 'Caption', name: 'caption', type: 'string', default: '' },
						{ displayName: 'Flow NS', name: 'flowNs', type: 'string', default: '', description: 'Flow started when the reply is tapped' },
					],
				},
			],
		},
		{
			displayName: 'Content (JSON)',
			name: 'contentJson',
			type: 'json',
			default: '{\n  "version": "v2",\n  "content": {\n    "messages": [{ "type": "text", "text": "Hello" }]\n  }\n}',
			description: 'ManyChat dynamic block v2: the whole object, or just its "content"',
			displayOptions: { show: { ...show, contentSource: ['json'] } },
		},
	];
}

/** The content the user defined for this item, checked against ManyChat's limits. */
export function readContent(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const channel = this.getNodeParameter('channel', itemIndex) as Channel;
	try {
		if (this.getNodeParameter('contentSource', itemIndex) === 'json') {
			const raw = this.getNodeParameter('contentJson', itemIndex);
			return validateContent(contentFromJson(raw, channel), channel);
		}
		const ui: UiContent = {
			channel,
			messages: ((this.getNodeParameter('messages', itemIndex, {}) as { message?: UiMessage[] }).message ?? []),
			quickReplies: (this.getNodeParameter('quickReplies', itemIndex, {}) as { reply?: UiContent['quickReplies'] }).reply ?? [],
		};
		return validateContent(buildContent(ui), channel);
	} catch (error) {
		if (error instanceof ContentProblem) {
			throw parameterError(this.getNode(), error.field, error.problem, error.fix, itemIndex);
		}
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}
