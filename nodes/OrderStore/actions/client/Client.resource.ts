import type { INodeProperties } from 'n8n-workflow';

import * as recordTouch from './recordTouch.operation';

export { recordTouch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['client'] } },
		options: [
			{ name: 'Record Touch', value: 'recordTouch', description: 'Record that a shopper got in touch (chat-bot, order, form)', action: 'Record a client touch' },
		],
		default: 'recordTouch',
	},
	...recordTouch.description,
];
