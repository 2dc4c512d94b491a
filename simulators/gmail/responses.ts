/**
 * Google's JSON error shape for its REST APIs:
 * `{ "error": { "code", "message", "errors": [{ "message", "domain", "reason" }], "status" } }`.
 * https://cloud.google.com/apis/design/errors#http_mapping and the Gmail API's
 * https://developers.google.com/gmail/api/guides/handle-errors (reasons such as authError,
 * notFound, invalidArgument, rateLimitExceeded).
 */
import type { SimResponse } from '../frame/types';

const STATUS: Record<number, string> = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'PERMISSION_DENIED',
	404: 'NOT_FOUND',
	409: 'ALREADY_EXISTS',
	429: 'RESOURCE_EXHAUSTED',
	500: 'INTERNAL',
	503: 'UNAVAILABLE',
};

const REASON: Record<number, string> = {
	400: 'invalidArgument',
	401: 'authError',
	403: 'forbidden',
	404: 'notFound',
	429: 'rateLimitExceeded',
	500: 'backendError',
	503: 'backendError',
};

export function googleError(code: number, message: string, reason = REASON[code] ?? 'unknown', extra: Record<string, string> = {}): SimResponse {
	return {
		status: code,
		body: { error: { code, message, errors: [{ message, domain: 'global', reason, ...extra }], status: STATUS[code] ?? 'UNKNOWN' } },
	};
}

/** What Gmail answers a request without a valid access token. */
export const unauthenticated = (): SimResponse => ({
	...googleError(
		401,
		'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
		'authError',
		{ location: 'Authorization', locationType: 'header' },
	),
	headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
});

export const notFoundEntity = (): SimResponse => googleError(404, 'Requested entity was not found.');

/** The OAuth 2.0 token endpoint's error shape (RFC 6749 §5.2), as oauth2.googleapis.com sends it. */
export const oauthError = (status: number, error: string, description: string): SimResponse => ({ status, body: { error, error_description: description } });
