import type { SimResponse } from '../frame/types';

const STATUS_NAMES: Record<number, string> = {
	400: 'INVALID_ARGUMENT',
	401: 'UNAUTHENTICATED',
	403: 'PERMISSION_DENIED',
	404: 'NOT_FOUND',
	409: 'ALREADY_EXISTS',
	413: 'INVALID_ARGUMENT',
	429: 'RESOURCE_EXHAUSTED',
	500: 'INTERNAL',
	503: 'UNAVAILABLE',
};

const REASONS: Record<number, string> = {
	400: 'invalid',
	401: 'unauthorized',
	403: 'accessDenied',
	404: 'notFound',
	409: 'duplicate',
	413: 'invalid',
	429: 'rateLimitExceeded',
	500: 'backendError',
	503: 'backendError',
};

/** BigQuery's error envelope: `{"error": {"code", "message", "errors": [{message, domain, reason}], "status"}}`. */
export function bqError(status: number, message: string, reason = REASONS[status] ?? 'invalid', location?: string): SimResponse {
	return {
		status,
		body: {
			error: {
				code: status,
				message,
				errors: [{ message, domain: 'global', reason, ...(location ? { location, locationType: 'other' } : {}) }],
				status: STATUS_NAMES[status] ?? 'UNKNOWN',
			},
		},
	};
}
