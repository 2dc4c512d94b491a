import type { INodeProperties } from 'n8n-workflow';

import * as query from './query.operation';

export { query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['graphql'] } },
		options: [{ name: 'Run Query', value: 'query', description: 'Send any Admin GraphQL query or mutation', action: 'Run a graph ql query' }],
		default: 'query',
	},
	...query.description,
];
