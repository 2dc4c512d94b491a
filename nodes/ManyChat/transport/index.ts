import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { perSecondBucket, sharedLimiter } from '../../shared/transport/rateLimiter';
import {
	type HttpResponse,
	type RequestContext,
	type ServiceDefinition,
	serviceRequest,
} from '../../shared/transport/serviceRequest';
import { MANYCHAT_RATE_LIMITS, type ManyChatLimitGroup } from './rateLimits';

const DEFAULT_BASE_URL = 'https://api.manychat.com';

interface ManyChatEnvelope {
	status?: string;
	message?: string;
	code?: number;
	data?: unknown;
	details?: { messages?: Array<{ message?: string }> };
}

function describeManyChatError(body: unknown): string | undefined {
	if (body === null || typeof body !== 'object') return undefined;
	const envelope = body as ManyChatEnvelope;
	const details = (envelope.details?.messages ?? [])
		.map((entry) => entry.message)
		.filter((text): text is string => typeof text === 'string');
	const parts = [envelope.message, ...details].filter(Boolean);
	if (parts.length === 0) return undefined;
	return `${parts.join(' – ')}${envelope.code !== undefined ? ` (code ${envelope.code})` : ''}`;
}

export const manyChatService: ServiceDefinition = {
	name: 'ManyChat',
	credentialType: 'manyChatApi',
	credentialDisplayName: 'ManyChat API',
	secretFields: ['apiKey'],
	baseUrl: (credentials) => (credentials.baseUrl as string) || DEFAULT_BASE_URL,
	// ManyChat answers some refusals with HTTP 200 and {"status":"error"}.
	errorInBody: (body) =>
		(body as ManyChatEnvelope)?.status === 'success'
			? undefined
			: (describeManyChatError(body) ?? 'unexpected response without "status": "success"'),
	errorMessage: describeManyChatError,
	hint: (statusCode) =>
		statusCode === 401
			? 'Check the API Key in the "ManyChat API" credential: it must be "page_id:key" as shown in ManyChat Settings → API.'
			: undefined,
};

export interface ManyChatRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	limitGroup: ManyChatLimitGroup;
	/** Sends (messages, flows) have no idempotency key and must not be repeated automatically. */
	idempotent?: boolean;
}

/** Calls a ManyChat endpoint and returns the envelope's `data`. */
export async function manyChatApiRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: ManyChatRequestOptions,
): Promise<unknown> {
	const credentialRef = this.getNode().credentials?.[manyChatService.credentialType];
	const limitKey = `manychat:${credentialRef?.id ?? credentialRef?.name ?? 'default'}:${options.limitGroup}`;
	const perSecond = MANYCHAT_RATE_LIMITS[options.limitGroup];
	const limiter = sharedLimiter(limitKey, () => perSecondBucket(perSecond));

	const response = (await serviceRequest.call(this, manyChatService, {
			method,
			url: path,
			qs: options.qs,
			body: options.body,
			itemIndex: options.itemIndex,
			idempotent: options.idempotent,
			limiter,
	})) as HttpResponse<ManyChatEnvelope>;
	return response.body.data;
}
