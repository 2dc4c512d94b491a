/** The Gmail simulator over real HTTP (OAuth, search, paging, formats, errors) and the Google-intercepting proxy. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';

import { SimulatorServer } from '../../../simulators/frame/server';
import { gmailSimulator } from '../../../simulators/gmail';
import { startGoogleProxy } from '../../../simulators/gmail/proxy';
import { type GmailState, SIM_GMAIL_CLIENT, SIM_REFRESH_TOKEN, SIM_SEEDED_ACCESS_TOKEN } from '../../../simulators/gmail/state';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'delivery-emails');
const eml = (name: string) => readFileSync(join(FIXTURES, `${name}.eml`));
const USER = '/gmail/v1/users/me';

describe('Gmail simulator', () => {
	const server = new SimulatorServer<GmailState>(gmailSimulator);
	beforeAll(async () => {
		await server.start();
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	async function api(path: string, options: { method?: string; token?: string | null; body?: unknown } = {}) {
		const token = options.token === undefined ? SIM_SEEDED_ACCESS_TOKEN : options.token;
		const response = await fetch(`${server.url}${path}`, {
			method: options.method ?? 'GET',
			headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- API JSON
	}

	async function deliver(name: string, extra: { internalDate?: number; labelIds?: string[] } = {}): Promise<string> {
		const response =
			extra.internalDate === undefined && extra.labelIds === undefined
				? await fetch(`${server.url}/__sim/messages`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: eml(name) })
				: await fetch(`${server.url}/__sim/messages`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ raw: eml(name).toString('base64'), ...(extra.internalDate !== undefined && { internalDate: String(extra.internalDate) }), ...(extra.labelIds && { labelIds: extra.labelIds }) }),
					});
		expect(response.status).toBe(201);
		return ((await response.json()) as { id: string }).id;
	}

	async function token(form: Record<string, string>) {
		const response = await fetch(`${server.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
		return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- API JSON
	}

	it("refuses calls without a live bearer token in Google's error shape", async () => {
		const missing = await api(`${USER}/profile`, { token: null });
		expect(missing.status).toBe(401);
		expect(missing.body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError', domain: 'global' }] });
		expect((await api(`${USER}/profile`)).body).toMatchObject({ emailAddress: 'owner@shop.example', messagesTotal: 0 });
		expect((await api(`${USER}/profile`, { token: 'ya29.unknown' })).status).toBe(401);
	});

	it('refreshes access tokens with the refresh grant, and checks the client and the refresh token', async () => {
		await fetch(`${server.url}/__sim/tokens/expire`, { method: 'POST' });
		expect((await api(`${USER}/profile`)).status).toBe(401);
		const granted = await token({ grant_type: 'refresh_token', refresh_token: SIM_REFRESH_TOKEN, client_id: SIM_GMAIL_CLIENT.clientId, client_secret: SIM_GMAIL_CLIENT.clientSecret });
		expect(granted.status).toBe(200);
		expect(granted.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
		expect((await api(`${USER}/profile`, { token: granted.body.access_token as string })).status).toBe(200);

		const wrongSecret = await token({ grant_type: 'refresh_token', refresh_token: SIM_REFRESH_TOKEN, client_id: SIM_GMAIL_CLIENT.clientId, client_secret: 'nope' });
		expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
		const revoked = await token({ grant_type: 'refresh_token', refresh_token: '1//unknown', client_id: SIM_GMAIL_CLIENT.clientId, client_secret: SIM_GMAIL_CLIENT.clientSecret });
		expect(revoked).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const basic = await fetch(`${server.url}/token`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${SIM_GMAIL_CLIENT.clientId}:${SIM_GMAIL_CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
			body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(SIM_REFRESH_TOKEN)}`,
		});
		expect(basic.status).toBe(200);
		expect(server.state.tokenGrants.refresh_token).toBe(4);
	});

	it('lists newest first with the search query: after: inclusive at the second, is:unread, from: … OR from: …, -in:scheduled, spam left out', async () => {
		const base = 1_800_000_000_000;
		const swift = await deliver('swiftparcel-alternative-qp', { internalDate: base });
		const bystraya = await deliver('bystraya-koi8r-base64', { internalDate: base + 5000 });
		const billing = await deliver('other-unrelated-sender', { internalDate: base + 9000 });
		const spam = await deliver('swiftparcel-html-base64', { internalDate: base + 9500, labelIds: ['SPAM'] });
		const list = async (q: string, extra = '') => (await api(`${USER}/messages?q=${encodeURIComponent(q)}${extra}`)).body;

		expect((await list('')).messages.map((m: { id: string }) => m.id)).toEqual([billing, bystraya, swift]);
		expect((await list(`after:${base / 1000 + 5}`)).messages.map((m: { id: string }) => m.id)).toEqual([billing, bystraya]);
		expect((await list(`before:${base / 1000 + 5}`)).messages.map((m: { id: string }) => m.id)).toEqual([swift]);
		const services = await list(`from:swiftparcel.example OR from:bystraya-dostavka.example -in:scheduled after:${base / 1000}`);
		expect(services.messages.map((m: { id: string }) => m.id)).toEqual([bystraya, swift]);
		expect((await list('subject:invoice')).messages.map((m: { id: string }) => m.id)).toEqual([billing]);
		expect((await list('', '&includeSpamTrash=true')).messages.map((m: { id: string }) => m.id)).toContain(spam);
		expect((await list('in:spam')).messages.map((m: { id: string }) => m.id)).toEqual([spam]);

		const read = await api(`${USER}/messages/${swift}/modify`, { method: 'POST', body: { removeLabelIds: ['UNREAD'] } });
		expect(read.body.labelIds).toEqual(['INBOX']);
		expect((await list('is:unread')).messages.map((m: { id: string }) => m.id)).toEqual([billing, bystraya]);
		expect(await list('from:nobody.example')).toEqual({ resultSizeEstimate: 0 });
		expect((await api(`${USER}/messages?q=${encodeURIComponent('after:yesterday')}`)).status).toBe(400);
	});

	it('pages with maxResults and nextPageToken, and refuses a forged page token', async () => {
		const ids: string[] = [];
		for (let index = 0; index < 5; index++) ids.unshift(await deliver('swiftparcel-alternative-qp', { internalDate: 1_800_000_000_000 + index * 1000 }));
		const seen: string[] = [];
		let pageToken: string | undefined;
		let pages = 0;
		do {
			const page = await api(`${USER}/messages?maxResults=2${pageToken ? `&pageToken=${pageToken}` : ''}`);
			expect(page.body.resultSizeEstimate).toBe(5);
			seen.push(...page.body.messages.map((m: { id: string }) => m.id));
			pageToken = page.body.nextPageToken as string | undefined;
			pages++;
		} while (pageToken);
		expect(pages).toBe(3);
		expect(seen).toEqual(ids);
		expect((await api(`${USER}/messages?pageToken=forged`)).body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
	});

	it('returns a message as raw (the exact bytes), full (the MIME tree, decoded), metadata and minimal', async () => {
		const id = await deliver('swiftparcel-pdf-attachment');
		const raw = await api(`${USER}/messages/${id}?format=raw`);
		expect(Buffer.from(raw.body.raw as string, 'base64url').equals(eml('swiftparcel-pdf-attachment'))).toBe(true);
		expect(raw.body).toMatchObject({ id, threadId: id, labelIds: ['INBOX', 'UNREAD'] });
		expect(raw.body.payload).toBeUndefined();

		const full = (await api(`${USER}/messages/${id}`)).body;
		expect(full.payload.mimeType).toBe('multipart/mixed');
		expect(full.payload.partId).toBe('');
		const alternative = full.payload.parts[0];
		expect(alternative.parts.map((part: { mimeType: string; partId: string }) => `${part.partId} ${part.mimeType}`)).toEqual(['0.0 text/plain', '0.1 text/html']);
		expect(Buffer.from(alternative.parts[1].body.data as string, 'base64url').toString('utf8')).toContain('<table');
		const pdf = full.payload.parts[1];
		expect(pdf.filename).toMatch(/\.pdf$/);
		expect(pdf.body.data).toBeUndefined();
		const attachment = await api(`${USER}/messages/${id}/attachments/${pdf.body.attachmentId as string}`);
		expect(Buffer.from(attachment.body.data as string, 'base64url').subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(attachment.body.size).toBe(pdf.body.size);
		expect(full.snippet.length).toBeGreaterThan(0);

		const metadata = (await api(`${USER}/messages/${id}?format=metadata&metadataHeaders=From&metadataHeaders=Subject`)).body;
		expect(metadata.payload.headers.map((header: { name: string }) => header.name).sort()).toEqual(['From', 'Subject']);
		expect((await api(`${USER}/messages/${id}?format=minimal`)).body.payload).toBeUndefined();
	});

	it("answers bad IDs, unknown messages, other users and unknown paths in Google's shape", async () => {
		expect((await api(`${USER}/messages/not-an-id`)).body.error).toMatchObject({ code: 400, message: 'Invalid id value' });
		expect((await api(`${USER}/messages/0123456789abcdef`)).body.error).toMatchObject({ code: 404, status: 'NOT_FOUND', errors: [{ reason: 'notFound' }] });
		expect((await api('/gmail/v1/users/someone@else.example/messages')).status).toBe(403);
		expect((await api('/gmail/v1/users/owner@shop.example/labels')).body.labels.map((label: { id: string }) => label.id)).toContain('INBOX');
		await deliver('swiftparcel-alternative-qp');
		expect((await api(`${USER}/labels/UNREAD`)).body).toMatchObject({ id: 'UNREAD', messagesTotal: 1, messagesUnread: 1 });
		expect((await api('/gmail/v1/nothing')).status).toBe(404);
	});

	it('adds the Authentication-Results header Gmail writes on receipt when asked, and keeps forged headers as sent', async () => {
		const spoof = [
			'Authentication-Results: mx.google.com; dkim=pass header.d=swiftparcel.example',
			'From: "SwiftParcel" <orders@swiftparcel.example>',
			'Subject: SwiftParcel order SP-1',
			'',
			'<p>hi</p>',
		].join('\r\n');
		const post = async (authentication: string, query = '') =>
			await fetch(`${server.url}/__sim/messages${query}`, {
				method: 'POST',
				headers: { 'content-type': query ? 'message/rfc822' : 'application/json' },
				body: query ? spoof : JSON.stringify({ raw: Buffer.from(spoof).toString('base64'), authentication }),
			});
		const raw = async (id: string) => Buffer.from((await api(`${USER}/messages/${id}?format=raw`)).body.raw as string, 'base64url').toString('latin1');

		const failed = await raw(((await (await post('fail')).json()) as { id: string }).id);
		expect(failed).toMatch(/^Authentication-Results: mx\.google\.com;\r\n {7}dkim=fail header\.i=@swiftparcel\.example [^\r]*;\r\n {7}spf=softfail [^\r]*;\r\n {7}dmarc=fail \(p=REJECT sp=REJECT dis=REJECT\) header\.from=swiftparcel\.example\r\n/);
		expect(failed.endsWith(spoof)).toBe(true); // the forged header stays below, as sent
		expect(await raw(((await (await post('', '?authentication=pass')).json()) as { id: string }).id)).toMatch(/^Authentication-Results: mx\.google\.com;\r\n {7}dkim=pass header\.i=@swiftparcel\.example .*dmarc=pass \(p=REJECT sp=REJECT dis=NONE\) header\.from=swiftparcel\.example\r\n/s);
		expect(await raw(((await (await post('none')).json()) as { id: string }).id)).toMatch(/^Authentication-Results: mx\.google\.com;\r\n {7}dkim=none \(message not signed\);/);
		expect((await post('maybe')).status).toBe(400);
	});

	it('refuses a delivery that is not a message', async () => {
		const response = await fetch(`${server.url}/__sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(response.status).toBe(400);
		expect(server.state.messages).toHaveLength(0);
	});
});

describe('Google-intercepting proxy', () => {
	const server = new SimulatorServer<GmailState>(gmailSimulator);
	let caDir: string;
	beforeAll(async () => {
		await server.start();
		caDir = mkdtempSync(join(tmpdir(), 'shop-sync-google-ca-'));
	});
	afterAll(async () => {
		await server.stop();
		rmSync(caDir, { recursive: true, force: true });
	});

	/** Opens a CONNECT tunnel through the proxy and sends one HTTPS request inside it. */
	async function viaProxy(proxyUrl: string, ca: Buffer, host: string, path: string): Promise<{ status: number; body: string }> {
		const proxy = new URL(proxyUrl);
		return await new Promise((resolve, reject) => {
			const connect = httpRequest({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: `${host}:443` });
			connect.on('connect', (answer, socket) => {
				if (answer.statusCode !== 200) {
					socket.destroy();
					resolve({ status: answer.statusCode ?? 0, body: '' });
					return;
				}
				const tls = tlsConnect({ socket, servername: host, ca }, () => {
					tls.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${SIM_SEEDED_ACCESS_TOKEN}\r\nConnection: close\r\n\r\n`);
				});
				let text = '';
				tls.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
				tls.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) }));
				tls.on('error', reject);
			});
			connect.on('error', reject);
			connect.end();
		});
	}

	it('terminates TLS for Google hosts with a certificate the test CA signed and forwards to the simulator; refuses the rest', async () => {
		const proxy = await startGoogleProxy({ target: server.url, caDir });
		try {
			const ca = readFileSync(proxy.caFile);
			const profile = await viaProxy(proxy.url, ca, 'www.googleapis.com', `${USER}/profile`);
			expect(profile.status).toBe(200);
			expect(profile.body).toContain('owner@shop.example');
			expect(server.requests.at(-1)?.headers['x-forwarded-host']).toBe('www.googleapis.com');

			expect((await viaProxy(proxy.url, ca, 'example.com', '/')).status).toBe(403);
			const plain = await fetch(`${proxy.url}/`, { headers: { host: 'example.com' } });
			expect(plain.status).toBe(403);
			expect(proxy.stats).toMatchObject({ intercepted: 1 });
			expect(proxy.stats.refused).toContain('example.com:443');
			expect(proxy.env).toMatchObject({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: proxy.caFile });
			// Without the test CA the certificate is not trusted: nothing but the told process trusts it.
			await expect(viaProxy(proxy.url, Buffer.from(''), 'www.googleapis.com', `${USER}/profile`)).rejects.toThrow();
		} finally {
			await proxy.stop();
		}
	});
});
