import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { ctrwowRawRequest } from '../../transport';

const show = { resource: ['apiRequest'], operation: ['send'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiRequest'] } },
		options: [{ name: 'Send', value: 'send', description: 'Call any CTRwow endpoint with this credential', action: 'Send an API request' }],
		default: 'send',
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
	{ displayName: 'Path', name: 'path', type: 'string', required: true, default: '', placeholder: '/funnels', description: 'Below "API Base URL" of the credential, starting with /', displayOptions: { show } },
	{ displayName: 'Query Parameters (JSON)', name: 'query', type: 'json', default: '', displayOptions: { show } },
	{ displayName: 'Body (JSON)', name: 'body', type: 'json', default: '', displayOptions: { show: { ...show, method: ['PATCH', 'POST', 'PUT'] } } },
];

function json(this: IExecuteFunctions, name: string, label: string, itemIndex: number): IDataObject | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	if (typeof raw === 'object') return raw as IDataObject;
	try {
		return JSON.parse(String(raw)) as IDataObject;
	} catch {
		throw parameterError(this.getNode(), label, 'is not valid JSON', 'Enter JSON such as {"key": "value"}, or leave it empty.', itemIndex);
	}
}

export const send = {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => {
			const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
			const path = String(this.getNodeParameter('path', itemIndex, '')).trim();
			if (!path.startsWith('/')) {
				throw parameterError(this.getNode(), 'Path', `"${path}" does not start with /`, 'Enter the path below the API base URL, e.g. /funnels. The credential is sent only to its own base URL.', itemIndex);
			}
			const response = await ctrwowRawRequest.call(this, method, path, {
				qs: json.call(this, 'query', 'Query Parameters (JSON)', itemIndex),
				body: ['POST', 'PUT', 'PATCH'].includes(method) ? json.call(this, 'body', 'Body (JSON)', itemIndex) : undefined,
				itemIndex,
			});
			const body = response.body;
			if (Array.isArray(body)) return body as IDataObject[];
			return body !== null && typeof body === 'object' ? (body as IDataObject) : { statusCode: response.statusCode, body: body as string };
		});
	},
};
