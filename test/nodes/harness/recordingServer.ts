import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
}

/**
 * A plain local HTTP server for the enclosing describe block that records every request reaching
 * it (to prove that nothing, and no credential, was sent there). By default it answers 200 with
 * an empty export page; `answer` replaces that (e.g. a redirect elsewhere).
 */
export function useRecordingServer(answer?: (req: IncomingMessage, res: ServerResponse) => void) {
	const hits: Hit[] = [];
	let server: Server;
	const handle = { url: '', hits };
	beforeAll(async () => {
		server = createServer((req, res) => {
			hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
			if (answer) answer(req, res);
			else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ link: null, hasMoreToExport: false }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		handle.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	beforeEach(() => {
		hits.length = 0;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});
	return handle;
}

/** A server that redirects every request (307, method and body kept) to the same path on `target()`. */
export function useRedirectingServer(target: () => string) {
	return useRecordingServer((req, res) => res.writeHead(307, { location: `${target()}${req.url ?? '/'}` }).end());
}
