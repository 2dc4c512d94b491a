import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { parseLossless, stringifyLossless } from '../../shared/losslessJson';
import { perSecondBucket, sharedLimiter } from '../../shared/transport/rateLimiter';
import {
	type HttpResponse,
	type RequestContext,
	type ServiceDefinition,
	serviceRequest,
} from '../../shared/transport/serviceRequest';
import { manyChatHint } from './errorHints';
import { MANYCHAT_RATE_LIMITS, type ManyChatLimitGroup } from './rateLimits';

const DEFAULT_BASE_URL = 'https://api.manychat.com';

interface ManyChatEnvelope {
	status?: string;
	message?: string;
	code?: number;
	data?: unknown;
	details?: { messages?: Array<{ message?: string }> };
}

function envelope(body: unknown): ManyChatEnvelope | undefined {
	return body !== null && typeof body === 'object' ? (body as ManyChatEnvelope) : undefined;
}

function describeManyChatError(body: unknown): string | undefined {
	const error = envelope(body);
	if (!error) return undefined;
	const details = (error.details?.messages ?? [])
		.map((entry) => entry.message)
		.filter((text): text is string => typeof text === 'string');
	const parts = [error.message, ...details].filter(Boolean);
	if (parts.length === 0) return undefined;
	return `${parts.join(' – ')}${error.code !== undefined ? ` (code ${error.code})` : ''}`;
}

export const manyChatService: ServiceDefinition = {
	name: 'ManyChat',
	credentialType: 'manyChatApi',
	credentialDisplayName: 'ManyChat API',
	secretFields: ['apiKey'],
	baseUrl: (credentials) => (credentials.baseUrl as string) || DEFAULT_BASE_URL,
	// Subscriber IDs can exceed 2^53: read and write them without going through a JS number.
	codec: { stringify: stringifyLossless, parse: parseLossless },
	// ManyChat answers some refusals with HTTP 200 and {"status":"error"}.
	errorInBody: (body) =>
		envelope(body)?.status === 'success'
			? undefined
			: (describeManyChatError(body) ?? 'unexpected response without "status": "success"'),
	errorMessage: describeManyChatError,
	hint: (_statusCode, body) => {
		const error = envelope(body);
		const details = error?.details?.messages?.map((entry) => entry.message).join(' ');
		return manyChatHint(error?.code, `${error?.message ?? ''} ${details ?? ''}`);
	},
};

/**
 * ManyChat answers in well under a second; a call silent for 20 s is not coming back. Shorter than
 * the shared 60 s because a notification holds its manager's lock while it waits, and every other
 * notification to that manager waits behind it (found by the reliability suite's hang faults).
 */
export const MANYCHAT_TIMEOUT_MS = 20_000;

export interface ManyChatRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	limitGroup: ManyChatLimitGroup;
	/** Sends (messages, flows) have no idempotency key and must not be repeated automatically. */
	idempotent?: boolean;
}

/** Calls a ManyChat endpoint and returns the envelope's `data` (undefined for plain writes). */
export async function manyChatApiRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: ManyChatRequestOptions,
): Promise<unknown> {
	const credentialRef = this.getNode().credentials?.[manyChatService.credentialType];
	// ManyChat states each limit per method, so each endpoint gets its own bucket at its group's rate.
	const limitKey = `manychat:${credentialRef?.id ?? credentialRef?.name ?? 'default'}:${path}`;
	const limiter = sharedLimiter(limitKey, () => perSecondBucket(MANYCHAT_RATE_LIMITS[options.limitGroup]));

	const response = (await serviceRequest.call(this, manyChatService, {
		method,
		url: path,
		qs: options.qs,
		body: options.body,
		itemIndex: options.itemIndex,
		idempotent: options.idempotent,
		limiter,
		timeoutMs: MANYCHAT_TIMEOUT_MS,
	})) as HttpResponse<ManyChatEnvelope>;
	return response.body.data;
}
