import type { SimulatorDefinition } from '../frame/types';
import { authenticate, tokenGrant } from './auth';
import { controlRoutes } from './control';
import { messageRoutes } from './messages';
import { googleError } from './responses';
import { type GmailState, initialGmailState } from './state';

/**
 * Gmail API v1 simulator: messages.list (search query, labels, paging), messages.get
 * (full, metadata, minimal, raw), messages.modify, attachments, labels, the profile, and Google's
 * OAuth 2.0 token endpoint (refresh grant) at POST /token. n8n's Gmail nodes call fixed Google
 * URLs (https://www.googleapis.com/gmail/v1/…, https://oauth2.googleapis.com/token); the
 * intercepting proxy in ./proxy.ts routes both hosts here, paths unchanged.
 * Not simulated: history, threads, drafts, sending, watch/push, the consent screen.
 */
export const gmailSimulator: SimulatorDefinition<GmailState> = {
	name: 'gmail',
	defaultPort: 4107,
	initialState: initialGmailState,
	routes: [{ method: 'POST', path: '/token', handler: tokenGrant }, ...messageRoutes],
	authenticate,
	// Per-user quota: 15,000 quota units per user per minute; messages.list and messages.get cost
	// 5 units each (https://developers.google.com/gmail/api/reference/quota). Counted here as 3,000
	// calls per minute for every method, which is exact for list and get, the calls n8n makes.
	rateLimit: (req, route) => (route.limitGroup === 'quota' ? { key: req.params.userId ?? 'me', limit: 3000, windowMs: 60_000 } : undefined),
	throttled: (retryAfterSeconds) => ({
		...googleError(429, 'User-rate limit exceeded.  Retry after ' + new Date(Date.now() + retryAfterSeconds * 1000).toISOString(), 'rateLimitExceeded'),
		headers: { 'retry-after': String(retryAfterSeconds) },
	}),
	errorResponse: (status, message) => googleError(status, message),
	notFound: (req) => googleError(404, `The requested URL ${req.path} was not found on this server.`, 'notFound'),
	controlRoutes,
};
