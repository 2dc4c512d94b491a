/**
 * Shopify throttling efficiency: upserts N customers into one simulated store at standard-plan
 * limits (2,000-point bucket, 100 points restored per second) through the real node in n8n-core's
 * engine. Zero failed items is the requirement; the wall time is printed next to the minimum the
 * cost bucket allows, total cost ÷ restore rate (target ≤ 1.15×).
 */
import { parse } from 'graphql';

import { LATEST_STABLE_API_VERSION } from '../nodes/Shopify/transport/apiVersion';
import { documents } from '../nodes/Shopify/transport/documents';
import { SimulatorServer } from '../simulators/frame/server';
import { shopifySimulator } from '../simulators/shopify';
import { queryCost } from '../simulators/shopify/cost';
import { adminSchema } from '../simulators/shopify/schema';
import { simulatorAppCredentials, type ShopifyState } from '../simulators/shopify/state';
import { runWorkflow } from '../test/nodes/harness/runWorkflow';
import { singleNodeWorkflow } from '../test/support/workflows';

const NODE = 'Shopify Admin';

export interface ShopifyThrottlingResult {
	customers: number;
	failed: number;
	throttledAnswers: number;
	requests: number;
	costPerUpsert: number;
	restoreRate: number;
	seconds: number;
	minimumSeconds: number;
}

export async function shopifyThrottling(customers: number): Promise<ShopifyThrottlingResult> {
	const sim = new SimulatorServer<ShopifyState>(shopifySimulator);
	await sim.start();
	try {
		const store = sim.state.stores[0];
		Object.assign(store.bucket, { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100, updatedAt: Date.now() });
		const app = simulatorAppCredentials(store.key);
		const workflow = singleNodeWorkflow({
			id: 'benchShopify',
			name: 'Shopify throttling benchmark',
			nodeName: NODE,
			type: 'n8n-nodes-shop-sync.shopify',
			parameters: {
				resource: 'customer',
				operation: 'upsert',
				matchBy: 'email',
				customerFields: { email: '={{ $json.email }}', firstName: '={{ $json.firstName }}', tags: 'benchmark' },
			},
			credentials: { shopifyAdminApi: { id: 'bench', name: 'Shopify bench store' } },
		});
		const started = performance.now();
		const result = await runWorkflow(workflow, {
			credentials: {
				shopifyAdminApi: {
					shopDomain: store.domain,
					apiVersion: LATEST_STABLE_API_VERSION,
					authentication: 'clientCredentials',
					clientId: app.clientId,
					clientSecret: app.clientSecret,
					baseUrl: `${sim.url}/shops/${store.domain}`,
					sessionToken: '',
					sessionTokenExpiresAt: 0,
				},
			},
			input: Array.from({ length: customers }, (_, index) => ({ email: `bench${index}@example.com`, firstName: `Customer ${index}` })),
			nodeSettings: { [NODE]: { onError: 'continueRegularOutput' } },
		});
		const seconds = (performance.now() - started) / 1000;
		const items = result.output(NODE);
		const graphqlRequests = sim.requests.filter((request) => request.path.endsWith('/graphql.json'));
		// An upsert by email is two requests: the merge rule's look-up of the email, then customerSet.
		const schema = await adminSchema(LATEST_STABLE_API_VERSION);
		const costPerUpsert = queryCost(schema, parse(documents.customerByEmail), {}) + queryCost(schema, parse(documents.customerSet), {});
		return {
			customers,
			failed: items.filter((item) => item.json.error !== undefined).length + (customers - items.length),
			throttledAnswers: graphqlRequests.length - 2 * customers,
			requests: graphqlRequests.length,
			costPerUpsert,
			restoreRate: 100,
			seconds,
			minimumSeconds: (customers * costPerUpsert) / 100,
		};
	} finally {
		await sim.stop();
	}
}
