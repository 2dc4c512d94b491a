import type { INodeProperties } from 'n8n-workflow';

import * as getInfo from './getInfo.operation';

export { getInfo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['page'] } },
		options: [
			{
				name: 'Get Info',
				value: 'getInfo',
				description: 'Get the connected Facebook page: ID, name, timezone and plan',
				action: 'Get page info',
			},
		],
		default: 'getInfo',
	},
	...getInfo.description,
];
