import { join } from 'node:path';

import { resetSharedLimiters } from '../../../nodes/shared/transport/rateLimiter';
import { manyChatSimulator } from '../../../simulators/manychat';
import { initialManyChatState, SIMULATOR_API_KEY, SIMULATOR_PAGE_ID } from '../../../simulators/manychat/state';
import { readWorkflow, runWorkflow } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulators';

const workflow = readWorkflow(join(__dirname, 'page-get-info.workflow.json'));
const NODE = 'Get Page Info';

describe('ManyChat node › Page › Get Info (real engine, ManyChat simulator)', () => {
	const sim = useSimulator(manyChatSimulator);
	const credentials = (apiKey = SIMULATOR_API_KEY) => ({ manyChatApi: { apiKey, baseUrl: sim.server.url } });
	beforeEach(() => resetSharedLimiters());

	it('returns the page the API key belongs to, sending the key as a Bearer token', async () => {
		const result = await runWorkflow(workflow, { credentials: credentials() });

		expect(result.run.status).toBe('success');
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			initialManyChatState().pages[SIMULATOR_PAGE_ID],
		]);
		const [request] = sim.server.requests;
		expect(request).toMatchObject({ method: 'GET', path: '/fb/page/getInfo', status: 200 });
		expect(request.headers.authorization).toBe('Bearer ***');
	});

	it('answers every input item, each paired with its input', async () => {
		const result = await runWorkflow(workflow, { credentials: credentials(), input: [{ a: 1 }, { a: 2 }, { a: 3 }] });

		const items = result.output(NODE);
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sim.server.requests).toHaveLength(3);
	});

	it('names the credential field to fix when ManyChat refuses the key, without echoing the key', async () => {
		const wrongKey = '1234567890123456:WRONGKEYWRONGKEYWRONGKEY';
		const result = await runWorkflow(workflow, { credentials: credentials(wrongKey) });

		const error = result.error(NODE);
		expect(error?.message).toBe('ManyChat: HTTP 401: Wrong token');
		expect(error?.description).toContain('API Key in the "ManyChat API" credential');
		expect(error?.context?.itemIndex).toBe(0);
		expect(JSON.stringify(result.run.data)).not.toContain('WRONGKEYWRONGKEY');
		expect(sim.server.requests).toHaveLength(1); // a 401 is not retried
	});

	it('treats HTTP 200 with "status": "error" as a failure', async () => {
		sim.server.setFaults({ failNext: [{ status: 200, body: { status: 'error', message: 'Subscriber has blocked the page' } }] });
		const result = await runWorkflow(workflow, { credentials: credentials() });

		expect(result.error(NODE)?.message).toBe('ManyChat: Subscriber has blocked the page');
	});

	it('with Continue On Fail, keeps going and pairs the error item with the item that failed', async () => {
		// The second request gets a 400 (not retryable); the first and third are answered normally.
		sim.server.setFaults({ failNext: [{ pass: true }, { status: 400, body: { status: 'error', message: 'Validation error' } }] });
		const result = await runWorkflow(workflow, {
			credentials: credentials(),
			input: [{ n: 0 }, { n: 1 }, { n: 2 }],
			nodeSettings: { [NODE]: { onError: 'continueRegularOutput' } },
		});

		const items = result.output(NODE);
		expect(result.run.status).toBe('success');
		expect(items).toHaveLength(3);
		expect(items[1].json).toMatchObject({ error: 'ManyChat: HTTP 400: Validation error', httpCode: '400' });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toBe(SIMULATOR_PAGE_ID);
		expect(items[2].json.id).toBe(SIMULATOR_PAGE_ID);
	});

	it('retries 5xx and succeeds when the service recovers', async () => {
		sim.server.setFaults({ failNext: [{ status: 503 }, { status: 502 }] });
		const result = await runWorkflow(workflow, { credentials: credentials() });

		expect(result.run.status).toBe('success');
		expect(sim.server.requests.map((request) => request.status)).toEqual([503, 502, 200]);
	});

	it('waits at least as long as Retry-After asks before repeating a 429', async () => {
		sim.server.setFaults({ failNext: [{ status: 429, retryAfter: 1 }] });
		const result = await runWorkflow(workflow, { credentials: credentials() });

		expect(result.run.status).toBe('success');
		const [first, second] = sim.server.requests;
		expect(Date.parse(second.time) - Date.parse(first.time)).toBeGreaterThanOrEqual(1000);
	});

	it('gives up after the last attempt and says how many were made', async () => {
		sim.server.setFaults({ statusRates: { 500: 1 } });
		const result = await runWorkflow(workflow, { credentials: credentials() });

		expect(result.error(NODE)?.message).toBe('ManyChat: HTTP 500 after 4 attempts: Injected fault');
		expect(sim.server.requests).toHaveLength(4);
	});
});
