import type { INodeProperties } from 'n8n-workflow';

import * as runSql from './runSql.operation';

export { runSql };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['query'] } },
		options: [{ name: 'Run SQL', value: 'runSql', description: 'Run a GoogleSQL query with named, typed parameters', action: 'Run an SQL query' }],
		default: 'runSql',
	},
	...runSql.description,
];
