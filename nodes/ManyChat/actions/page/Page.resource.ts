import type { INodeProperties } from 'n8n-workflow';

import * as getBotFields from './getBotFields.operation';
import * as getCustomFields from './getCustomFields.operation';
import * as getFlows from './getFlows.operation';
import * as getGrowthTools from './getGrowthTools.operation';
import * as getInfo from './getInfo.operation';
import * as getTags from './getTags.operation';

export { getBotFields, getCustomFields, getFlows, getGrowthTools, getInfo, getTags };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['page'] } },
		options: [
			{ name: 'Get Bot Fields', value: 'getBotFields', description: 'Get every bot (page-wide) field with its value', action: 'Get bot fields' },
			{ name: 'Get Custom Fields', value: 'getCustomFields', description: 'Get every custom (subscriber) field', action: 'Get custom fields' },
			{ name: 'Get Flows', value: 'getFlows', description: 'Get every flow with its folder', action: 'Get flows' },
			{ name: 'Get Growth Tools', value: 'getGrowthTools', description: "Get the page's growth tools", action: 'Get growth tools' },
			{ name: 'Get Info', value: 'getInfo', description: 'Get the connected Facebook page: ID, name, timezone and plan', action: 'Get page info' },
			{ name: 'Get Tags', value: 'getTags', description: 'Get every tag of the page', action: 'Get tags' },
		],
		default: 'getInfo',
	},
];
