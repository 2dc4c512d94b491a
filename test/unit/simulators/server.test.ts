import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SimulatorServer } from '../../../simulators/frame/server';
import type { SimulatorDefinition } from '../../../simulators/frame/types';

interface NotesState {
	notes: Record<string, { id: string; text: string }>;
}

/** A minimal vendor: token auth, 2 requests per second, a create route and a read route. */
const notesSimulator: SimulatorDefinition<NotesState> = {
	name: 'notes',
	defaultPort: 0,
	initialState: () => ({ notes: { seed: { id: 'seed', text: 'first' } } }),
	routes: [
		{
			method: 'POST',
			path: '/notes',
			handler: (req, { state, changed }) => {
				const { id, text } = req.body as { id: string; text: string };
				state.notes[id] = { id, text };
				changed();
				return { status: 201, body: state.notes[id] };
			},
		},
		{
			method: 'GET',
			path: '/notes/:id',
			handler: (req, { state }) =>
				state.notes[req.params.id] ? { status: 200, body: state.notes[req.params.id] } : { status: 404, body: { error: 'no such note' } },
		},
	],
	authenticate: (req) => (req.headers['x-token'] === 't0k3n-value' ? undefined : { status: 401, body: { error: 'bad token' } }),
	rateLimit: () => ({ key: 'all', limit: 2, windowMs: 1000 }),
	throttled: (seconds) => ({ status: 429, body: { error: 'slow down' }, headers: { 'retry-after': String(seconds) } }),
	errorResponse: (status, message) => ({ status, body: { error: message } }),
	notFound: () => ({ status: 404, raw: 'nothing here' }),
};

const headers = { 'x-token': 't0k3n-value', 'content-type': 'application/json' };

describe('SimulatorServer frame', () => {
	let server: SimulatorServer<NotesState>;
	let dir: string;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'sim-frame-'));
		server = new SimulatorServer(notesSimulator);
		await server.start({ stateFile: join(dir, 'notes.json') });
	});
	afterEach(async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('routes with path parameters, authenticates, and answers unknown paths the vendor way', async () => {
		expect(await (await fetch(`${server.url}/notes/seed`, { headers })).json()).toEqual({ id: 'seed', text: 'first' });
		expect((await fetch(`${server.url}/notes/seed`)).status).toBe(401);
		const unknown = await fetch(`${server.url}/elsewhere`, { headers });
		expect([unknown.status, await unknown.text()]).toEqual([404, 'nothing here']);
	});

	it('keeps records across a restart when given a state file', async () => {
		await fetch(`${server.url}/notes`, { method: 'POST', headers, body: JSON.stringify({ id: 'n1', text: 'kept' }) });
		await server.stop();
		expect(JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')).notes.n1).toEqual({ id: 'n1', text: 'kept' });

		server = new SimulatorServer(notesSimulator);
		await server.start({ stateFile: join(dir, 'notes.json') });
		expect(await (await fetch(`${server.url}/notes/n1`, { headers })).json()).toEqual({ id: 'n1', text: 'kept' });
	});

	it('enforces the vendor limit while throttling is on, and not when it is off', async () => {
		const statuses = async () => await Promise.all([1, 2, 3].map(async () => (await fetch(`${server.url}/notes/seed`, { headers })).status));
		expect((await statuses()).sort()).toEqual([200, 200, 429]);
		expect(server.requests.filter((request) => request.outcome === 'throttled')).toHaveLength(1);

		server.reset();
		server.setFaults({ throttle: false });
		expect(await statuses()).toEqual([200, 200, 200]);
	});

	it('holds hanging requests open until the simulator stops', async () => {
		server.setFaults({ hangNext: 1 });
		const controller = new AbortController();
		const hanging = fetch(`${server.url}/notes/seed`, { headers, signal: controller.signal }).catch((error: Error) => error.name);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(server.requests.at(-1)?.outcome).toBe('hang');
		expect((await fetch(`${server.url}/notes/seed`, { headers })).status).toBe(200); // only the next one hangs
		controller.abort();
		expect(await hanging).toBe('AbortError');
	});

	it('adds latency to every answer', async () => {
		server.setFaults({ latencyMs: 150 });
		const started = performance.now();
		await fetch(`${server.url}/notes/seed`, { headers });
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('repeats the same random faults for the same seed', async () => {
		const run = async () => {
			server.reset();
			server.setFaults({ statusRates: { 500: 0.5 }, seed: 99, throttle: false });
			const results: number[] = [];
			for (let i = 0; i < 12; i++) results.push((await fetch(`${server.url}/notes/seed`, { headers })).status);
			return results;
		};
		const first = await run();
		expect(first).toContain(500);
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
	});

	it('serves the control endpoints and lists them on a wrong one', async () => {
		await fetch(`${server.url}/notes/seed`, { headers });
		const log = (await (await fetch(`${server.url}/__sim/requests`)).json()) as Array<{ seq: number; headers: Record<string, string> }>;
		expect(log).toHaveLength(1);
		expect(log[0].headers['x-token']).toBe('t0k3n-value'); // not declared secret by this vendor
		expect(await (await fetch(`${server.url}/__sim/requests?since=${log[0].seq}`)).json()).toEqual([]);
		const state = (await (await fetch(`${server.url}/__sim/state`)).json()) as NotesState;
		expect(state.notes.seed.text).toBe('first');
		const wrong = await fetch(`${server.url}/__sim/nope`);
		expect(wrong.status).toBe(404);
		expect(((await wrong.json()) as { endpoints: string[] }).endpoints).toContain('POST /__sim/reset');
		const bad = await fetch(`${server.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: -1 }) });
		expect(bad.status).toBe(400);
	});
});
