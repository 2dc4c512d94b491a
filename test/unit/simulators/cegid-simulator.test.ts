/** The CEGID simulator over real HTTP: both flavours, authentication, site rules, inspection. */
import { SimulatorServer } from '../../../simulators/frame/server';
import { cegidSimulator } from '../../../simulators/cegid';
import { soapActionFor } from '../../../simulators/cegid/soap';
import { type CegidState, SIM_DATABASE, SIM_PASSWORD, SIM_USER } from '../../../simulators/cegid/state';
import { escapeXml, readXml, type SimXml } from '../../../simulators/cegid/xml';

const BASIC = `Basic ${Buffer.from(`${SIM_DATABASE}\\${SIM_USER}:${SIM_PASSWORD}`).toString('base64')}`;
const REST = `/Y2/${SIM_DATABASE}/api/customers/v2`;

describe('CEGID simulator', () => {
	const server = new SimulatorServer<CegidState>(cegidSimulator);
	beforeAll(async () => {
		await server.start();
	});
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	async function rest(method: string, path: string, body?: unknown, authorization = BASIC) {
		const response = await fetch(`${server.url}${path}`, {
			method,
			headers: { authorization, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
	}

	async function soap(operation: string, inner: string, options: { database?: string; action?: string; authorization?: string } = {}) {
		const envelope =
			'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://www.cegid.fr/Retail/1.0"><soapenv:Header/><soapenv:Body>' +
			`<ns:${operation}>${inner}<ns:clientContext><ns:DatabaseId>${options.database ?? SIM_DATABASE}</ns:DatabaseId></ns:clientContext></ns:${operation}>` +
			'</soapenv:Body></soapenv:Envelope>';
		const response = await fetch(`${server.url}/Y2/CustomerWcfService.svc`, {
			method: 'POST',
			headers: { authorization: options.authorization ?? BASIC, 'content-type': 'text/xml; charset=utf-8', soapaction: `"${options.action ?? soapActionFor(operation)}"` },
			body: envelope,
		});
		const text = await response.text();
		return { status: response.status, text, xml: text.startsWith('<s:') ? readXml(text) : undefined };
	}
	const find = (element: SimXml | undefined, ...names: string[]): SimXml | undefined =>
		names.reduce<SimXml | undefined>((current, name) => current?.children.find((entry) => entry.name === name), element);

	it('answers HelloWorld with the database and identity, as the credential test reads them', async () => {
		const reply = await soap('HelloWorld', '<ns:text>hi</ns:text>');
		expect(find(reply.xml, 'Body', 'HelloWorldResponse', 'HelloWorldResult')?.text).toBe(
			`Hello hi DataBaseId: (${SIM_DATABASE}) Current Identity: (${SIM_DATABASE}\\${SIM_USER}) CBR Version: (12.1.0.1057)`,
		);
	});

	it('refuses a wrong password or database: IIS page for SOAP, JSON for REST', async () => {
		const wrongDb = `Basic ${Buffer.from(`OTHER_DB\\${SIM_USER}:${SIM_PASSWORD}`).toString('base64')}`;
		const soapReply = await soap('HelloWorld', '', { authorization: wrongDb });
		expect(soapReply.status).toBe(401);
		expect(soapReply.text).toContain('401 - Unauthorized');
		expect((await rest('GET', `${REST}/C000001`, undefined, wrongDb)).status).toBe(401);
		expect((await rest('GET', '/Y2/NO_SUCH_DB/api/customers/v2/C000001')).body).toEqual({ message: 'The database NO_SUCH_DB does not exist.' });
	});

	it('faults on a SOAPAction that does not match the operation, and on another database in clientContext', async () => {
		const mismatch = await soap('GetCustomerDetail', '<ns:customerId>C000001</ns:customerId>', { action: soapActionFor('UpdateCustomer') });
		expect(mismatch.status).toBe(500);
		expect(find(mismatch.xml, 'Body', 'Fault', 'faultcode')?.text).toBe('s:ActionNotSupported');
		const otherDb = await soap('GetCustomerDetail', '<ns:customerId>C000001</ns:customerId>', { database: 'OTHER' });
		expect(find(otherDb.xml, 'Body', 'Fault', 'detail', 'BusinessFaultDetail', 'MemberNames')?.children[0].text).toBe('clientContext.DatabaseId');
	});

	it('issues OAuth2 tokens for user@DATABASEID and accepts them as bearer tokens', async () => {
		const form = new URLSearchParams({ client_id: 'CegidRetailResourceFlowClient', grant_type: 'password', scope: 'RetailBackendApi offline_access', username: `${SIM_USER}@${SIM_DATABASE}`, password: SIM_PASSWORD });
		const token = await fetch(`${server.url}/p/as/connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
		const { access_token: accessToken } = (await token.json()) as { access_token: string };
		expect((await rest('GET', `${REST}/C000001`, undefined, `Bearer ${accessToken}`)).status).toBe(200);
		form.set('password', 'nope');
		const refused = await fetch(`${server.url}/p/as/connect/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
		expect(await refused.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid_username_or_password' });
	});

	it('creates over SOAP with escaped text, and REST reads the same record back', async () => {
		const name = `O'Brien <&> "Ltd"`;
		const reply = await soap(
			'AddNewCustomer',
			`<ns:customerData><ns:EmailData><ns:Email>ob@example.ie</ns:Email></ns:EmailData><ns:LastName>${escapeXml(name)}</ns:LastName><ns:CustomerReference>ext-1</ns:CustomerReference></ns:customerData>`,
		);
		const id = find(reply.xml, 'Body', 'AddNewCustomerResponse', 'AddNewCustomerResult')?.text;
		expect(id).toBe('C000003');
		const read = await rest('GET', `${REST}/EXT-ext-1`);
		expect(read.body).toMatchObject({ id: 'C000003', individual: { lastName: name } });
	});

	it('enforces the configurable duplicate rule, and Create with an existing ID is idempotent only when identical', async () => {
		const body = { id: 'WEB1', properties: { individual: { lastName: 'Doe', communication: { emails: [{ id: 1, value: 'camille.martin@example.com' }] } } } };
		const duplicate = await rest('POST', REST, body);
		expect(duplicate.status).toBe(400);
		expect(duplicate.body?.message).toContain('duplicate check on email');

		server.state.rules.uniqueness = [];
		expect((await rest('POST', REST, body)).body).toEqual({ id: 'WEB1', customerCreated: true });
		expect((await rest('POST', REST, body)).body).toEqual({ id: 'WEB1', customerCreated: false });
		const different = await rest('POST', REST, { ...body, properties: { individual: { lastName: 'Other' } } });
		expect(different.body?.message).toBe('The customer WEB1 already exists with different data.');
	});

	it('applies REST updates partially and re-checks the whole record; an unchanged update keeps the version', async () => {
		expect((await rest('PATCH', `${REST}/C000001`, { id: 'C000001', properties: { address: { city: 'Lyon' } } })).status).toBe(204);
		const stored = server.state.customers.C000001;
		expect(stored.address).toMatchObject({ city: 'Lyon', zipCode: '75002', countryId: 'FRA' });
		expect(stored.version).toBe(2);
		await rest('PATCH', `${REST}/C000001`, { id: 'C000001', properties: { address: { city: 'Lyon' } } });
		expect(server.state.customers.C000001.version).toBe(2);
		const badCountry = await rest('PATCH', `${REST}/C000001`, { id: 'C000001', properties: { address: { countryId: 'XXX' } } });
		expect(badCountry.body?.message).toBe('Input data not valid. -The country "XXX" does not exist.');
	});

	it('follows the privacy setting: a global site refuses different opt-ins', async () => {
		server.state.rules.privacy = 'global';
		const reply = await rest('PATCH', `${REST}/C000001`, { id: 'C000001', properties: { individual: { communication: { phones: [{ type: 'Mobile', optin: 'DoNotUse' }] } } } });
		expect(reply.body?.message).toContain('privacy setting is global');
	});

	it('anonymizes only with the Anonymization right, and keeps the record', async () => {
		server.state.users[0].canAnonymize = false;
		expect((await rest('POST', `${REST}/C000001/anonymize`)).status).toBe(403);
		server.state.users[0].canAnonymize = true;
		expect((await rest('POST', `${REST}/C000001/anonymize`)).status).toBe(204);
		expect(server.state.customers.C000001).toMatchObject({ anonymized: true, closed: true, lastName: 'ANONYMIZED', emails: [] });
	});

	it('shows every customer record at /__sim/state', async () => {
		const state = (await (await fetch(`${server.url}/__sim/state`)).json()) as CegidState;
		expect(Object.keys(state.customers)).toEqual(['C000001', 'C000002']);
		expect(state.rules.uniqueness).toEqual(['email']);
	});
});
