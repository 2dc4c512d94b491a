/**
 * The shared transport's retry rules, over real HTTP against a simulator. The n8n context is a
 * small stand-in whose HTTP helper behaves like n8n's with returnFullResponse and
 * ignoreHttpStatusErrors (the node tests cover the real helper).
 */
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { freePort } from '../../../scripts/lib/freePort';
import { manyChatSimulator } from '../../../simulators/manychat';
import { CredentialProblem } from '../../../nodes/shared/errors';
import { type ServiceDefinition, serviceRequest } from '../../../nodes/shared/transport/serviceRequest';
import { SIMULATOR_API_KEY } from '../../../simulators/manychat/state';
import { useRecordingServer } from '../harness/recordingServer';
import { useSimulator } from '../harness/simulators';

const SECRET = SIMULATOR_API_KEY;
const node: INode = { id: '1', name: 'Send', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

const service: ServiceDefinition = {
	name: 'Acme',
	credentialType: 'acmeApi',
	credentialDisplayName: 'Acme API',
	secretFields: ['apiKey'],
	baseUrl: (credentials) => credentials.baseUrl as string,
	retry: { baseDelayMs: 10 },
};

function context(baseUrl: string): IExecuteFunctions {
	return {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: SECRET, baseUrl }),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const response = await fetch(options.url, {
					method: options.method,
					redirect: options.disableFollowRedirect ? 'manual' : 'follow',
					headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
					body: options.body === undefined ? undefined : JSON.stringify(options.body),
				});
				const text = await response.text();
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// not JSON (an HTML error page)
				}
				return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('serviceRequest retry rules', () => {
	const sim = useSimulator(manyChatSimulator);

	it('does not repeat a send (POST) after a 503: it may have been processed', async () => {
		sim.server.setFaults({ failNext: [{ status: 503 }] });
		const sending = serviceRequest.call(context(sim.server.url), service, { method: 'POST', url: '/fb/sending/sendContent', body: { a: 1 }, itemIndex: 2 });

		await expect(sending).rejects.toMatchObject({
			message: 'Acme: HTTP 503: Injected fault',
			description: expect.stringContaining('not repeated automatically because it might already have been delivered'),
			context: expect.objectContaining({ itemIndex: 2 }),
		});
		expect(sim.server.requests).toHaveLength(1);
	});

	it('repeats a send refused with 429 once its Retry-After has passed (a refusal, nothing was delivered)', async () => {
		sim.server.setFaults({ failNext: [{ status: 429, retryAfter: 1 }, { status: 200, body: { status: 'success' } }] });
		const started = Date.now();
		const sent = await serviceRequest.call(context(sim.server.url), service, { method: 'POST', url: '/fb/sending/sendFlow' });

		expect(sent.body).toEqual({ status: 'success' });
		expect(sim.server.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it('repeats a send whose connection was refused: it never left', async () => {
		const closed = `http://127.0.0.1:${await freePort()}`;
		const sending = serviceRequest.call(context(closed), service, { method: 'POST', url: '/x' });

		const error = (await sending.then(
			() => undefined,
			(caught: unknown) => caught,
		)) as { message: string; description: string };
		expect(error.message).toBe(`Acme: could not reach ${closed}/x: the connection was refused (4 attempts)`);
		expect(error.description).not.toContain('not repeated');
	});

	it('repeats a POST the caller marks idempotent (a read such as a GraphQL query)', async () => {
		sim.server.setFaults({ failNext: [{ status: 503 }] });
		const response = await serviceRequest.call(context(sim.server.url), service, {
			method: 'GET',
			url: '/fb/page/getInfo',
		});
		expect(response.statusCode).toBe(200);

		sim.server.reset();
		sim.server.setFaults({ failNext: [{ status: 502 }, { status: 200, body: { ok: true } }] });
		const posted = await serviceRequest.call(context(sim.server.url), service, { method: 'POST', url: '/graphql', idempotent: true });
		expect(posted.body).toEqual({ ok: true });
		expect(sim.server.requests.map((request) => request.status)).toEqual([502, 200]);
	});

	it('stops at once when Retry-After asks for longer than it is willing to wait', async () => {
		sim.server.setFaults({ failNext: [{ status: 429, retryAfter: 3600 }] });
		const reading = serviceRequest.call(context(sim.server.url), service, { method: 'GET', url: '/fb/page/getInfo' });

		await expect(reading).rejects.toMatchObject({
			message: 'Acme: HTTP 429: Injected fault',
			description: expect.stringContaining('The service asked to wait 3600 s.'),
		});
		expect(sim.server.requests).toHaveLength(1);
	});

	it('never lets the secret into an error, even when the service echoes it', async () => {
		sim.server.setFaults({ failNext: [{ status: 400, body: { status: 'error', message: `bad key ${SECRET}` } }] });
		const reading = serviceRequest.call(context(sim.server.url), service, { method: 'GET', url: '/fb/page/getInfo' });

		const error = (await reading.then(
			() => {
				throw new Error('expected the request to fail');
			},
			(caught: unknown) => caught,
		)) as Error & { description: string };
		expect(error.message).toContain('bad key ***');
		expect(JSON.stringify({ ...error, message: error.message, description: error.description })).not.toContain(SECRET);
	});
});

describe('serviceRequest sends the credential only to its own origin', () => {
	const sim = useSimulator(manyChatSimulator);
	const elsewhere = useSimulator(manyChatSimulator);

	it('follows an absolute URL on the base URL\'s origin (a link the service returned)', async () => {
		const response = await serviceRequest.call(context(`${sim.server.url}/api`), service, { method: 'GET', url: `${sim.server.url}/fb/page/getInfo` });
		expect(response.statusCode).toBe(200);
		expect(sim.server.requests.map((entry) => entry.path)).toEqual(['/fb/page/getInfo']);
	});

	it('refuses an absolute URL on another origin, and sends nothing there', async () => {
		const reading = serviceRequest.call(context(sim.server.url), service, { method: 'GET', url: `${elsewhere.server.url}/fb/page/getInfo`, itemIndex: 1 });
		await expect(reading).rejects.toMatchObject({
			message: `Acme: refused to send the credential to ${elsewhere.server.url}: it is not the origin of the base URL in the "Acme API" credential (${sim.server.url})`,
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(elsewhere.server.requests).toHaveLength(0);
		expect(sim.server.requests).toHaveLength(0);
	});

	it('refuses a request when the base URL is empty, instead of guessing one', async () => {
		await expect(serviceRequest.call(context(''), service, { method: 'GET', url: '/fb/page/getInfo' })).rejects.toMatchObject({
			message: 'Acme: the base URL in the "Acme API" credential is empty',
		});
	});

	it('reports a missing setting the service names, before sending anything', async () => {
		const strict: ServiceDefinition = { ...service, missingSetting: (credentials) => (credentials.region ? undefined : new CredentialProblem('"Region" is empty', 'Enter the region.')) };
		await expect(serviceRequest.call(context(sim.server.url), strict, { method: 'GET', url: '/fb/page/getInfo' })).rejects.toMatchObject({
			message: 'Acme: "Region" is empty',
			description: 'Enter the region.',
		});
		expect(sim.server.requests).toHaveLength(0);
	});
});

describe('serviceRequest follows redirects only on the credential\'s origin', () => {
	const elsewhere = useRecordingServer();
	// Moves /old to /new on itself, and /away to the other server.
	const server = useRecordingServer((req, res) => {
		if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
		else if (req.url === '/away') res.writeHead(302, { location: `${elsewhere.url}/stolen` }).end();
		else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});

	it('follows a redirect on the same origin', async () => {
		const response = await serviceRequest.call(context(server.url), service, { method: 'GET', url: '/old' });
		expect(response).toMatchObject({ statusCode: 200, body: { ok: true } });
		expect(server.hits.map((hit) => hit.url)).toEqual(['/old', '/new']);
	});

	it('refuses a redirect to another origin and sends nothing there', async () => {
		await expect(serviceRequest.call(context(server.url), service, { method: 'GET', url: '/away' })).rejects.toMatchObject({
			message: `Acme: refused to follow a redirect (HTTP 302) to ${elsewhere.url}: it is not the origin of the base URL in the "Acme API" credential (${server.url})`,
		});
		expect(elsewhere.hits).toEqual([]);
	});
});
