import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { resetSharedLimiters } from '../../../nodes/shared/transport/rateLimiter';
import { LATEST_STABLE_API_VERSION } from '../../../nodes/Shopify/transport/apiVersion';
import { shopifySimulator } from '../../../simulators/shopify';
import { simulatorAppCredentials, type ShopifyState } from '../../../simulators/shopify/state';
import { singleNodeWorkflow } from '../../support/workflows';
import { useSimulator } from '../harness/simulators';

export const NODE = 'Shopify Admin';

export function shopifyWorkflow(parameters: INodeParameters, options: { continueOnFail?: boolean } = {}): IWorkflowBase {
	const workflow = singleNodeWorkflow({
		id: 'testShopifyOps',
		name: 'Shopify operation (node test)',
		nodeName: NODE,
		type: 'n8n-nodes-shop-sync.shopify',
		parameters,
		credentials: { shopifyAdminApi: { id: 'shopSyncShopifyA', name: 'Shopify Store A' } },
	});
	if (options.continueOnFail) (workflow.nodes[1] as { onError?: string }).onError = 'continueRegularOutput';
	return workflow;
}

export const STORE_A = 'shop-sync-a.myshopify.com';

export function useShopify() {
	const sim = useSimulator(shopifySimulator);
	beforeEach(() => {
		resetSharedLimiters();
		// Generous bucket unless a test is about throttling.
		for (const store of sim.server.state.stores) Object.assign(store.bucket, { maximumAvailable: 100_000, currentlyAvailable: 100_000, restoreRate: 100_000 });
	});
	const credentials = (overrides: Record<string, unknown> = {}) => {
		const app = simulatorAppCredentials('a');
		return {
			shopifyAdminApi: {
				shopDomain: STORE_A,
				apiVersion: LATEST_STABLE_API_VERSION,
				authentication: 'clientCredentials',
				clientId: app.clientId,
				clientSecret: app.clientSecret,
				webhookSecret: '',
				previousWebhookSecret: '',
				baseUrl: `${sim.server.url}/shops/${STORE_A}`,
				sessionToken: '',
				sessionTokenExpiresAt: 0,
				...overrides,
			},
		};
	};
	const storeA = () => (sim.server.state as ShopifyState).stores[0];
	return { sim, credentials, storeA };
}
