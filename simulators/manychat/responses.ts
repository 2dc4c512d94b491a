/**
 * ManyChat's answer envelopes (spec: Response_Success, Response_Error, Response_Error_With_Code)
 * and a way for handlers to stop with one of them.
 */
import type { SimResponse } from '../frame/types';

/** `{"status":"success"}`, plus `data` for reads and for writes that return a record. */
export function success(data?: unknown): SimResponse {
	return { status: 200, body: data === undefined ? { status: 'success' } : { status: 'success', data } };
}

/** Response_Error: a message plus details, HTTP 400. */
export function errorWithDetails(message: string, details: string[] = [message], status = 400): SimResponse {
	return {
		status,
		body: { status: 'error', message, details: { messages: details.map((detail) => ({ message: detail })) } },
	};
}

/** Response_Error_With_Code, HTTP 400 (sendContent, getInfoByUserRef). */
export function errorWithCode(message: string, code: number): SimResponse {
	return { status: 400, body: { status: 'error', message, code } };
}

/** ManyChat refuses some sends with HTTP 200 and `status: "error"` (seen on the wire, e.g. blocked subscribers). */
export function refusedWithOk(message: string): SimResponse {
	return { status: 200, body: { status: 'error', message } };
}

/** Thrown by handlers and helpers; the route wrapper turns it into its response. */
export class ManyChatRefusal extends Error {
	constructor(readonly response: SimResponse) {
		super(String((response.body as { message?: unknown } | undefined)?.message ?? 'ManyChat refusal'));
	}
}

/** Stops the handler with `{"message":"Validation error","details":{"messages":[…]}}`. */
export function invalid(...details: string[]): ManyChatRefusal {
	return new ManyChatRefusal(errorWithDetails('Validation error', details));
}

/**
 * Stops the handler because a named record does not exist (HTTP 400, as ManyChat answers):
 * `unknown('tag_id', 'no tag with ID 9 on this page')`.
 */
export function unknown(field: string, problem: string): ManyChatRefusal {
	const message = problem.charAt(0).toUpperCase() + problem.slice(1);
	return new ManyChatRefusal(errorWithDetails(message, [`${field}: ${problem}`]));
}
