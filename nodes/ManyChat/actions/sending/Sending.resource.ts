import type { INodeProperties } from 'n8n-workflow';

import * as notifySubscribers from './notifySubscribers.operation';
import * as sendContent from './sendContent.operation';
import * as sendFlow from './sendFlow.operation';

export { notifySubscribers, sendContent, sendFlow };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sending'] } },
		options: [
			{
				name: 'Notify Subscribers',
				value: 'notifySubscribers',
				description: 'Write a message into a custom field and start a flow, for each of several subscribers',
				action: 'Notify subscribers through a flow',
			},
			{ name: 'Send Content', value: 'sendContent', description: 'Send text, images, cards and quick replies', action: 'Send content to a subscriber' },
			{ name: 'Send Flow', value: 'sendFlow', description: 'Start a flow for a subscriber', action: 'Send a flow to a subscriber' },
		],
		default: 'sendContent',
	},
	...sendContent.description,
	...sendFlow.description,
	...notifySubscribers.description,
];
