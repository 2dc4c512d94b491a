/** The CEGID node on the shared transport: what is retried, what is never repeated. */
import { runWorkflow } from '../harness/runWorkflow';
import { cegidWorkflow, type Flavour, NODE, useCegid } from './setup';

describe.each<Flavour>(['rest', 'soap'])('CEGID node › transport (%s)', (flavour) => {
	const { sim, credentials } = useCegid();

	it('repeats a read after a temporary server error', async () => {
		sim.server.setFaults({ failNext: [{ status: 503 }] });
		const result = await runWorkflow(cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } }), { credentials: credentials(flavour) });
		expect(result.output(NODE)[0].json.customerId).toBe('C000001');
		expect(sim.server.requests.map((request) => request.status)).toEqual([503, 200]);
	});

	it('never repeats a create after a server error, and says so', async () => {
		sim.server.setFaults({ failNext: [{ status: 500 }] });
		const result = await runWorkflow(
			cegidWorkflow({ operation: 'create', customerId: '', source: 'fields', customerFields: { lastName: 'Once' }, options: {} }),
			{ credentials: credentials(flavour) },
		);
		const error = result.error(NODE)!;
		expect(error.message).toMatch(/^CEGID: HTTP 500/);
		expect(error.description).toContain('was not repeated automatically');
		expect(sim.server.requests).toHaveLength(1);
		expect(Object.values(sim.server.state.customers).some((customer) => customer.lastName === 'Once')).toBe(false);
	});

	it('reports a page that is not a CEGID answer by its text, not its markup', async () => {
		const result = await runWorkflow(cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } }), {
			credentials: credentials(flavour, { baseUrl: `${sim.server.url}/Nowhere` }),
		});
		const error = result.error(NODE)!;
		expect(error.message).toBe('CEGID: HTTP 404: 404 - File or directory not found. 404 - File or directory not found. /Nowhere/' + (flavour === 'soap' ? 'CustomerWcfService.svc' : '90000000_001_PROD/api/customers/v2/C000001'));
		expect(error.description).toBe(
			'The web server answered instead of the CEGID customer API. Check the Y2 URL (or Base URL), Database ID and API Flavour in the "CEGID Retail Y2 API" credential.',
		);
	});
});
