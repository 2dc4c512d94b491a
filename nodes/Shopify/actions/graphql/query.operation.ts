import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { shopifyGraphql } from '../../transport';

const show = { resource: ['graphql'], operation: ['query'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '{ shop { name } }',
		required: true,
		displayOptions: { show },
		description: 'Any Admin API query or mutation. Throttling is handled for you.',
	},
	{ displayName: 'Variables', name: 'variables', type: 'json', default: '{}', displayOptions: { show } },
	{
		displayName: 'Repeat Safely',
		name: 'idempotent',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether a mutation may be repeated after a timeout or server error (leave off for mutations that create records)',
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const query = String(this.getNodeParameter('query', itemIndex, '')).trim();
		if (query === '') throw parameterError(this.getNode(), 'Query', 'is empty', 'Enter a GraphQL query, e.g. { shop { name } }.', itemIndex);
		const raw = this.getNodeParameter('variables', itemIndex, {}) as unknown;
		let variables: unknown = raw;
		if (typeof raw === 'string') {
			try {
				variables = raw.trim() === '' ? {} : JSON.parse(raw);
			} catch {
				variables = undefined;
			}
		}
		if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
			throw parameterError(this.getNode(), 'Variables', 'is not a JSON object', 'Write the variables as an object, e.g. {"id": "gid://shopify/Customer/1"}.', itemIndex);
		}
		const isMutation = /^\s*mutation\b/.test(query);
		const idempotent = isMutation ? (this.getNodeParameter('idempotent', itemIndex, false) as boolean) : true;
		return await shopifyGraphql.call(this, query, variables as IDataObject, { itemIndex, idempotent });
	});
}
