import type { INodeProperties } from 'n8n-workflow';

import * as buildResponse from './buildResponse.operation';

export { buildResponse };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dynamicBlock'] } },
		options: [
			{
				name: 'Build Response',
				value: 'buildResponse',
				description: "Build a dynamic block (version v2) to answer ManyChat's External Request",
				action: 'Build a dynamic block response',
			},
		],
		default: 'buildResponse',
	},
	...buildResponse.description,
];
