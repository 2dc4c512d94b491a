import type { SimulatorDefinition } from '../frame/types';
import { authenticate, issueToken } from './auth';
import { restRoutes } from './rest';
import { soapRoutes } from './soap';
import { type CegidState, initialCegidState } from './state';

/**
 * CEGID Retail Y2 simulator: the customer API in both flavours (SOAP CustomerWcfService and the REST
 * customer plugin), Basic DATABASEID\user and OAuth2 password-grant authentication, and the site's
 * rules (duplicate check, privacy granularity, automatic numbering) in its state. Tests read every
 * customer record at GET /__sim/state. Contract and assumptions: contracts/cegid/README.md.
 */
export const cegidSimulator: SimulatorDefinition<CegidState> = {
	name: 'cegid',
	defaultPort: 4103,
	initialState: initialCegidState,
	routes: [
		{ method: 'POST', path: '/:environment/as/connect/token', handler: (req, ctx) => issueToken(req, ctx.state) },
		...soapRoutes,
		...restRoutes,
	],
	authenticate,
	throttled: (retryAfterSeconds) => ({ status: 429, body: { message: 'Too many requests.' }, headers: { 'retry-after': String(retryAfterSeconds) } }),
	errorResponse: (status, message) => ({ status, body: { message } }),
	notFound: (req) => ({
		status: 404,
		raw: `<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2><p>${req.path}</p></body></html>`,
		headers: { 'content-type': 'text/html' },
	}),
};
