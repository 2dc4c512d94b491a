import type { SimulatorDefinition } from '../frame/types';
import { authenticate, rateKey } from './auth';
import { controlRoutes } from './control';
import { orderImportRoutes } from './orderImport';
import { publicRoutes } from './publicApi';
import { type EManageState, initialEManageState } from './state';
import { syncRoutes } from './syncApi';
import { webSalesRoutes } from './webSales';

/**
 * eManageCRM simulator: the server "public API" (POST /auth → bearer token, order list, CSV order
 * export behind a storage link, with repeated receipt rows) and the browser Web Sales API (below
 * /sales/api, keyed by campaign web key and X_CID), as integrators use them; products, campaigns
 * and the Sync App follow the node's assumed contract. Limits: requestsPerSecond per token/client,
 * 429 with Retry-After. Tests change records through /__sim/ (see control.ts).
 */
export const eManageSimulator: SimulatorDefinition<EManageState> = {
	name: 'emanage',
	defaultPort: 4105,
	initialState: initialEManageState,
	routes: [...publicRoutes, ...orderImportRoutes, ...syncRoutes, ...webSalesRoutes],
	controlRoutes,
	authenticate,
	rateLimit: (req, _route, state) => (req.path.startsWith('/exports/') ? undefined : { key: rateKey(req), limit: state.requestsPerSecond, windowMs: 1000 }),
	throttled: (retryAfterSeconds) => ({ status: 429, body: { message: 'Too many requests. Please retry later.' }, headers: { 'retry-after': String(retryAfterSeconds) } }),
	errorResponse: (status, message) => ({ status, body: { message } }),
	notFound: () => ({ status: 404, body: { message: 'No HTTP resource was found that matches the request URI.' } }),
};
