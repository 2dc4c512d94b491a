import { FLOW_CATALOG, FLOW_ORDER_NOTIFICATION } from '../../../simulators/manychat/state';
import { listSearch, runWorkflow } from '../harness/runWorkflow';
import { manyChatWorkflow, NODE, useManyChat } from './setup';

describe('ManyChat node › Page', () => {
	const { sim, credentials } = useManyChat();
	const run = async (operation: string) => await runWorkflow(manyChatWorkflow({ resource: 'page', operation }), { credentials: credentials() });

	it('Get Tags lists every tag, one item each', async () => {
		const result = await run('getTags');
		expect(result.output(NODE).map((item) => item.json)).toEqual(sim.server.state.tags);
	});

	it('Get Custom Fields and Get Bot Fields list the page fields', async () => {
		expect((await run('getCustomFields')).output(NODE).map((item) => item.json.name)).toEqual([
			'order_message',
			'order_total',
			'loyalty_member',
			'last_order_date',
		]);
		expect((await run('getBotFields')).output(NODE).map((item) => item.json)).toEqual([
			expect.objectContaining({ name: 'store_status', value: 'open' }),
		]);
	});

	it('Get Flows lists flows with their folder name', async () => {
		expect((await run('getFlows')).output(NODE).map((item) => item.json)).toEqual([
			expect.objectContaining({ ns: FLOW_ORDER_NOTIFICATION, name: 'Order notification', folder: 'Shop Sync' }),
			expect.objectContaining({ ns: FLOW_CATALOG, name: 'Product catalog', folder: 'Shop Sync' }),
		]);
	});

	it('Get Growth Tools lists the growth tools', async () => {
		expect((await run('getGrowthTools')).output(NODE).map((item) => item.json)).toEqual(sim.server.state.growthTools);
	});

	it('pickers search tags, custom fields and flows by name, through n8n-core LoadOptionsContext', async () => {
		const workflow = manyChatWorkflow({ resource: 'subscriber', operation: 'addTag' });
		const options = { credentials: credentials() };
		expect(await listSearch(workflow, NODE, 'searchTags', 'VI', options)).toEqual({ results: [{ name: 'vip', value: '101' }] });
		expect((await listSearch(workflow, NODE, 'searchCustomFields', 'order', options)).results).toEqual([
			{ name: 'last_order_date (date)', value: '204' },
			{ name: 'order_message (text)', value: '201' },
			{ name: 'order_total (number)', value: '202' },
		]);
		expect((await listSearch(workflow, NODE, 'searchFlows', undefined, options)).results.map((result) => result.name)).toEqual([
			'Shop Sync / Order notification',
			'Shop Sync / Product catalog',
		]);
	});
});
