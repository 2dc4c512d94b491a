import { expiredApiVersions, LATEST_STABLE_API_VERSION, STABLE_API_VERSIONS } from '../../../nodes/Shopify/transport/apiVersion';
import { runWorkflow } from '../harness/runWorkflow';
import { NODE, shopifyWorkflow, useShopify } from './setup';

describe('Shopify Admin node: API version of the credential', () => {
	const { sim, credentials } = useShopify();

	it('still works with an expired version (Shopify falls forward) and warns, naming the newest', async () => {
		const expired = expiredApiVersions().find((version) => version.endsWith('-07'))!;
		const result = await runWorkflow(shopifyWorkflow({ resource: 'graphql', operation: 'query', query: '{ shop { name } }' }), { credentials: credentials({ apiVersion: expired }) });
		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE)[0].json).toMatchObject({ shop: { name: 'Shop Sync Store A' } });
		// The request went to the saved version; the simulator answered with the oldest supported.
		expect(sim.server.requests.some((request) => request.path.includes(`/admin/api/${expired}/graphql.json`))).toBe(true);
		const hints = result.run.data.resultData.runData[NODE][0].hints ?? [];
		expect(hints).toEqual([
			expect.objectContaining({ type: 'warning', message: expect.stringMatching(new RegExp(`^API version ${expired} .*no longer supported.*Open the credential and choose ${LATEST_STABLE_API_VERSION}, the newest\\.$`)) }),
		]);
	});

	it('adds no warning for a supported version', async () => {
		const result = await runWorkflow(shopifyWorkflow({ resource: 'graphql', operation: 'query', query: '{ shop { name } }' }), { credentials: credentials({ apiVersion: STABLE_API_VERSIONS.at(-1) }) });
		expect(result.error(NODE)).toBeUndefined();
		expect(result.run.data.resultData.runData[NODE][0].hints ?? []).toEqual([]);
	});
});
