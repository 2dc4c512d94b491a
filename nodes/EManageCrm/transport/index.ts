import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { serviceErrorText } from '../../shared/errors';
import { type RequestContext, type ServiceDefinition, serviceRequest } from '../../shared/transport/serviceRequest';
import { type EManageApi, ENDPOINTS, endpointPath, type EndpointName } from './assumedContract';
import { authHeaders, CREDENTIAL_NAME, CREDENTIAL_TYPE, missingUrl, publicApiUrl, webSalesApiUrl } from './auth';

/** eManageCRM's own error text: `message`, `Message`, `errors` (ASP.NET validation) or `error`. */
export function describeEManageError(body: unknown): string | undefined {
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as IDataObject;
		for (const key of ['message', 'Message', 'title', 'error_description', 'error']) {
			if (typeof record[key] === 'string' && record[key] !== '') {
				const fields = record.errors && typeof record.errors === 'object' ? ` (${Object.keys(record.errors).join(', ')})` : '';
				return `${record[key] as string}${fields}`;
			}
		}
	}
	const text = serviceErrorText(body);
	return text === '' ? undefined : text;
}

function hint(api: EManageApi) {
	return (statusCode: number): string | undefined => {
		if (api === 'webSales' && (statusCode === 401 || statusCode === 403)) {
			return 'The Web Sales API refused the client: check "Client ID (CID)" in the "eManageCRM API" credential and that the campaign web key belongs to that client.';
		}
		if (api === 'webSales' && statusCode === 404) {
			return 'No such campaign or order: check the campaign web key (or "Default Campaign Web Key" in the credential) and the order number.';
		}
		if (statusCode === 401) return 'Check Username and Password in the "eManageCRM API" credential.';
		if (statusCode === 403) return 'The eManageCRM user lacks permission for this action. Ask your eManageCRM administrator for API access to it.';
		return undefined;
	};
}

export function eManageService(api: EManageApi): ServiceDefinition {
	return {
		name: 'eManageCRM',
		credentialType: CREDENTIAL_TYPE,
		credentialDisplayName: CREDENTIAL_NAME,
		secretFields: ['password', 'accessToken', 'invitationSecret'],
		baseUrl: api === 'webSales' ? webSalesApiUrl : publicApiUrl,
		missingSetting: (credentials) => missingUrl(credentials, api === 'webSales' ? 'webSalesBaseUrl' : 'apiBaseUrl'),
		renewsTokenOn401: api === 'public',
		// The Web Sales API takes only the public client ID: no login, so an expired password does not stop a funnel call.
		...(api === 'webSales' ? { publicHeaders: (credentials: IDataObject) => authHeaders(credentials, webSalesApiUrl(credentials)) } : {}),
		errorMessage: describeEManageError,
		hint: hint(api),
	};
}

export interface CallOptions {
	itemIndex?: number;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	idempotent?: boolean;
	headers?: IDataObject;
}

/** Calls one endpoint of the contract. */
export async function eManageRequest<T = unknown>(
	this: RequestContext,
	name: EndpointName,
	values: Record<string, string | number> = {},
	options: CallOptions = {},
): Promise<T> {
	const endpoint = ENDPOINTS[name];
	const response = await serviceRequest.call(this, eManageService(endpoint.api), {
		method: endpoint.method,
		url: endpointPath(name, values),
		...options,
	});
	return response.body as T;
}

/** Any path or absolute URL, for the API Request operation and for export continuation links. */
export async function eManageRawRequest<T = unknown>(
	this: RequestContext,
	api: EManageApi,
	method: IHttpRequestMethods,
	url: string,
	options: CallOptions = {},
): Promise<{ statusCode: number; headers: IDataObject; body: T }> {
	const response = await serviceRequest.call(this, eManageService(api), { method, url, ...options });
	return response as { statusCode: number; headers: IDataObject; body: T };
}

export async function eManageCredentials(this: RequestContext): Promise<IDataObject> {
	return (await this.getCredentials(CREDENTIAL_TYPE)) as IDataObject;
}
