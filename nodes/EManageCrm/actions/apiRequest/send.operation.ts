import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { parameterError } from '../../../shared/errors';
import { jsonParameter } from '../../helpers/parameters';
import { eManageRawRequest } from '../../transport';
import type { EManageApi } from '../../transport/assumedContract';

const show = { resource: ['apiRequest'], operation: ['send'] };

export const description: INodeProperties[] = [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		options: [
			{ name: 'Public API (Bearer Token)', value: 'public', description: 'Server API below "Public API Base URL"; the node logs in for you' },
			{ name: 'Web Sales API (X_CID)', value: 'webSales', description: 'Funnel API below "Web Sales API Base URL"; sends the Client ID' },
		],
		default: 'public',
		displayOptions: { show },
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		displayOptions: { show },
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/order/1/50',
		description: 'Below the chosen base URL, starting with /',
		displayOptions: { show },
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '',
		placeholder: '{"StartDate": "2026-01-01 00:00:00"}',
		displayOptions: { show },
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '',
		displayOptions: { show: { ...show, method: ['PATCH', 'POST', 'PUT'] } },
	},
	{
		displayName: 'Repeat on Failure',
		name: 'idempotent',
		type: 'boolean',
		default: false,
		description: 'Whether a POST or PATCH may be sent again after a network error or a 5xx (only when it cannot create a duplicate)',
		displayOptions: { show: { ...show, method: ['PATCH', 'POST'] } },
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const api = this.getNodeParameter('api', itemIndex) as EManageApi;
		const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
		const path = String(this.getNodeParameter('path', itemIndex, '')).trim();
		if (!path.startsWith('/')) {
			throw parameterError(this.getNode(), 'Path', `"${path}" does not start with /`, 'Enter the path below the base URL, e.g. /order/1/50. Absolute URLs are not accepted: the credential is sent only to its own base URLs.', itemIndex);
		}
		const qs = jsonParameter.call(this, 'query', 'Query Parameters (JSON)', itemIndex);
		const body = ['POST', 'PUT', 'PATCH'].includes(method) ? jsonParameter.call(this, 'body', 'Body (JSON)', itemIndex) : undefined;
		const idempotent = ['POST', 'PATCH'].includes(method) ? (this.getNodeParameter('idempotent', itemIndex, false) as boolean) : undefined;
		const response = await eManageRawRequest.call(this, api, method, path, {
			qs: Array.isArray(qs) ? undefined : qs,
			body,
			itemIndex,
			idempotent,
		});
		const result = response.body;
		if (result !== null && typeof result === 'object') return Array.isArray(result) ? (result as IDataObject[]).map((entry) => (typeof entry === 'object' && entry !== null ? entry : { value: entry })) : (result as IDataObject);
		return { statusCode: response.statusCode, body: result as string };
	});
}
