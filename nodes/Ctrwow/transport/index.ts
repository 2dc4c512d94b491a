import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { serviceErrorText } from '../../shared/errors';
import { type RequestContext, type ServiceDefinition, serviceRequest } from '../../shared/transport/serviceRequest';
import { ctrwowBaseUrl, missingAddress } from './addresses';
import { ENDPOINTS, endpointPath, type EndpointName, LIST_FIELDS, PAGE_SIZE } from './assumedContract';

export type Authentication = 'apiKey' | 'oAuth2';

const CREDENTIALS: Record<Authentication, { type: string; name: string; secrets: string[] }> = {
	apiKey: { type: 'ctrwowApi', name: 'CTRwow API', secrets: ['apiKey'] },
	oAuth2: { type: 'ctrwowOAuth2Api', name: 'CTRwow OAuth2 API', secrets: ['clientSecret', 'oauthTokenData'] },
};

export function authenticationOf(this: RequestContext): Authentication {
	// Execute contexts take an item index before the fallback; load-options contexts do not.
	const value =
		'getInputData' in this
			? (this.getNodeParameter as (name: string, itemIndex: number, fallback: unknown) => unknown)('authentication', 0, 'apiKey')
			: (this.getNodeParameter as (name: string, fallback: unknown) => unknown)('authentication', 'apiKey');
	return value === 'oAuth2' ? 'oAuth2' : 'apiKey';
}

function describeCtrwowError(body: unknown): string | undefined {
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as IDataObject;
		const error = record.error as IDataObject | string | undefined;
		const message = typeof error === 'object' && error ? error.message : (record.message ?? error);
		const field = typeof error === 'object' && error?.field ? ` (field: ${String(error.field)})` : '';
		if (typeof message === 'string' && message !== '') return `${message}${field}`;
	}
	const text = serviceErrorText(body);
	return text === '' ? undefined : text;
}

export function ctrwowService(authentication: Authentication): ServiceDefinition {
	const credential = CREDENTIALS[authentication];
	return {
		name: 'CTRwow',
		credentialType: credential.type,
		credentialDisplayName: credential.name,
		secretFields: credential.secrets,
		baseUrl: ctrwowBaseUrl,
		// OAuth2 also needs its token URL: n8n sends the client secret there when it renews the token.
		missingSetting: (credentials) => missingAddress(credentials, credential.name, authentication === 'oAuth2' ? ['baseUrl', 'accessTokenUrl'] : ['baseUrl']),
		// OAuth2: n8n refreshes the access token after a 401 and repeats the request once.
		renewsTokenOn401: authentication === 'oAuth2',
		errorMessage: describeCtrwowError,
		hint: (statusCode) => {
			if (statusCode === 401) {
				return authentication === 'oAuth2'
					? 'Reconnect the "CTRwow OAuth2 API" credential (the connection was revoked or its refresh token expired).'
					: 'Check "API Key" in the "CTRwow API" credential, or create a new key in CTRwow.';
			}
			if (statusCode === 403) return 'The CTRwow connection lacks a scope for this action. Add it to "Scope" in the credential and reconnect.';
			return undefined;
		},
	};
}

export interface CallOptions {
	itemIndex?: number;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	idempotent?: boolean;
}

export async function ctrwowRequest<T = unknown>(this: RequestContext, name: EndpointName, values: Record<string, string | number> = {}, options: CallOptions = {}): Promise<T> {
	const endpoint = ENDPOINTS[name];
	const response = await serviceRequest.call(this, ctrwowService(authenticationOf.call(this)), { method: endpoint.method, url: endpointPath(name, values), ...options });
	return response.body as T;
}

export async function ctrwowRawRequest(this: RequestContext, method: IHttpRequestMethods, path: string, options: CallOptions = {}) {
	return await serviceRequest.call(this, ctrwowService(authenticationOf.call(this)), { method, url: path, ...options });
}

const dig = (value: unknown, path: string) => path.split('.').reduce<unknown>((node, key) => (node as IDataObject | undefined)?.[key], value);

/** Reads a paged list; stops at `limit` records or the last page. */
export async function ctrwowList(this: RequestContext, name: EndpointName, qs: IDataObject = {}, limit?: number, itemIndex?: number): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let page = 1; page <= 200; page++) {
		const body = await ctrwowRequest.call(this, name, {}, { qs: { ...qs, page, limit: PAGE_SIZE }, itemIndex });
		const batch = dig(body, LIST_FIELDS.records);
		for (const record of Array.isArray(batch) ? (batch as IDataObject[]) : []) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const totalPages = Number(dig(body, LIST_FIELDS.totalPages));
		if (!Number.isFinite(totalPages) || page >= totalPages) break;
	}
	return records;
}
