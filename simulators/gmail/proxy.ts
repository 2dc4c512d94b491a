/**
 * A local HTTPS-intercepting proxy for the Gmail simulator (test and development wiring only).
 * n8n's Gmail nodes call fixed Google URLs; n8n honours HTTPS_PROXY / NO_PROXY, and Node honours
 * NODE_EXTRA_CA_CERTS. So n8n is started with HTTPS_PROXY pointing here and the test CA trusted:
 * a CONNECT to one of the Google hosts on port 443 is answered, TLS is terminated with a leaf
 * certificate the test CA signed, and each request goes on to the simulator with the same method,
 * path and headers (plus X-Forwarded-Host). Every other destination, and plain-HTTP proxying, is
 * refused with 403, so nothing leaves the machine through it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

import { ensureTestCa, GOOGLE_HOSTS } from './testCa';

export interface GoogleProxy {
	/** http://127.0.0.1:<port>, for HTTPS_PROXY. */
	url: string;
	/** The CA to trust (NODE_EXTRA_CA_CERTS). */
	caFile: string;
	/** Environment for the process whose Google calls should reach the simulator. */
	env: Record<string, string>;
	/** Tunnels opened and refused, for tests and diagnostics. */
	stats: { intercepted: number; refused: string[] };
	stop(): Promise<void>;
}

export interface GoogleProxyOptions {
	/** The Gmail simulator's base URL (http://127.0.0.1:<port>). */
	target: string;
	/** Where the test CA lives (created when missing). */
	caDir: string;
	/** 0 picks a free port. */
	port?: number;
}

export async function startGoogleProxy(options: GoogleProxyOptions): Promise<GoogleProxy> {
	const ca = ensureTestCa(options.caDir);
	const target = new URL(options.target);
	const stats = { intercepted: 0, refused: [] as string[] };
	const sockets = new Set<Socket>();

	// Requests arriving inside intercepted tunnels: forward to the simulator, stream the answer back.
	const inner = createServer((req: IncomingMessage, res: ServerResponse) => {
		const forwardedHost = String(req.headers.host ?? '');
		const upstream = httpRequest(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, 'x-forwarded-host': forwardedHost, 'x-forwarded-proto': 'https' } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`Gmail simulator unreachable: ${error.message}`);
		});
		req.pipe(upstream);
	});

	const outer: Server = createServer((req, res) => {
		// Plain-HTTP proxy requests (GET http://…) are not for Google's HTTPS APIs.
		stats.refused.push(String(req.url));
		res.writeHead(403, { 'content-type': 'text/plain' });
		res.end('This proxy only intercepts HTTPS to Google APIs for the local Gmail simulator.\n');
	});
	outer.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		client.on('error', () => client.destroy());
		const [host, port] = String(req.url).split(':');
		if (!(GOOGLE_HOSTS as readonly string[]).includes(host.toLowerCase()) || (port ?? '443') !== '443') {
			stats.refused.push(String(req.url));
			client.end('HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\nOnly Google API hosts are intercepted here.\r\n');
			return;
		}
		stats.intercepted++;
		client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) client.unshift(head);
		const tls = new TLSSocket(client, { isServer: true, key: ca.key, cert: ca.cert, ALPNProtocols: ['http/1.1'] });
		tls.on('error', () => client.destroy());
		inner.emit('connection', tls);
	});
	outer.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		outer.once('error', reject);
		outer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const url = `http://127.0.0.1:${(outer.address() as AddressInfo).port}`;
	return {
		url,
		caFile: ca.caFile,
		env: { HTTPS_PROXY: url, https_proxy: url, NO_PROXY: 'localhost,127.0.0.1,::1', no_proxy: 'localhost,127.0.0.1,::1', NODE_EXTRA_CA_CERTS: ca.caFile },
		stats,
		stop: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => outer.close(() => resolve()));
			inner.close();
		},
	};
}
