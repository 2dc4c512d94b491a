import type { SimulatorDefinition } from '../frame/types';
import { authenticate } from './auth';
import { rateLimit, throttled } from './limits';
import { pageRoutes } from './page';
import { sendingRoutes } from './sending';
import { initialManyChatState, type ManyChatState } from './state';
import { subscriberProfileRoutes } from './subscriberProfile';
import { subscriberReadRoutes } from './subscriberRead';
import { subscriberWriteRoutes } from './subscriberWrite';

/**
 * ManyChat simulator, following ManyChat's OpenAPI (contracts/manychat/*.yml: every Page,
 * Sending and Subscriber operation) and what third parties saw on the wire: JSON envelopes
 * `{"status":"success","data":…}` / `{"status":"error","message":…}`, 401 "Token is required" /
 * "Wrong token", and an HTML page for unknown paths. Tests inspect `state.deliveries`.
 */
export const manyChatSimulator: SimulatorDefinition<ManyChatState> = {
	name: 'manychat',
	defaultPort: 4101,
	initialState: initialManyChatState,
	routes: [...pageRoutes, ...sendingRoutes, ...subscriberReadRoutes, ...subscriberWriteRoutes, ...subscriberProfileRoutes],
	authenticate,
	rateLimit,
	throttled,
	errorResponse: (status, message) => ({ status, body: { status: 'error', message } }),
	notFound: (req) => ({
		status: 404,
		raw: `<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Page not found</h1><p>${req.path}</p></body></html>`,
		headers: { 'content-type': 'text/html; charset=utf-8' },
	}),
};
