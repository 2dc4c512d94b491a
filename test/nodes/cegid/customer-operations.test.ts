/** Every Customer operation, in both API flavours, against the CEGID simulator. */
import type { IDataObject } from 'n8n-workflow';

import { SIM_PASSWORD } from '../../../simulators/cegid/state';
import { runWorkflow } from '../harness/runWorkflow';
import { cegidWorkflow, type Flavour, NODE, useCegid } from './setup';

const SHOPIFY_CUSTOMER = {
	// What n8n holds after JSON.parse: the digits past 2^53 are already lost, hence the GID.
	id: 7064055069303700000,
	admin_graphql_api_id: 'gid://shopify/Customer/7064055069303700842',
	email: 'Siobhan.OBrien@Example.ie',
	first_name: 'Siobhán',
	last_name: `O'Brien <&> "Ltd"`,
	phone: '+353 85 123 4567',
	email_marketing_consent: { state: 'subscribed', opt_in_level: 'single_opt_in' },
	sms_marketing_consent: { state: 'not_subscribed' },
	default_address: {
		address1: '1 Grafton Street & Sons <Unit 4>',
		address2: '',
		city: 'Dublin',
		zip: 'D02 XY45',
		country_code: 'IE',
	},
};

describe.each<Flavour>(['rest', 'soap'])('CEGID node › Customer (%s)', (flavour) => {
	const { sim, credentials } = useCegid();
	const run = async (parameters: IDataObject, settings: Record<string, unknown> = {}, input?: IDataObject[]) =>
		await runWorkflow(cegidWorkflow(parameters as never, settings), { credentials: credentials(flavour), input });
	const customers = () => Object.values(sim.server.state.customers);
	const writes = () =>
		sim.server.requests.filter((request) =>
			flavour === 'rest' ? request.method !== 'GET' : /AddNewCustomer|UpdateCustomer/.test(String(request.headers.soapaction)),
		);

	it('Get finds a customer by CEGID ID and by external reference', async () => {
		const byId = await run({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } });
		expect(byId.output(NODE)[0].json).toMatchObject({ customerId: 'C000001', firstName: 'Camille', lastName: 'Martin', email: 'camille.martin@example.com', countryId: 'FRA', mobilePhone: '+33612345678' });

		const byReference = await run({ operation: 'get', customer: { __rl: true, mode: 'externalReference', value: 'gid://shopify/Customer/1001' } });
		expect(byReference.output(NODE)[0].json).toMatchObject({ customerId: 'C000002', lastName: 'Weber' });
	});

	it('Get names the field when no customer has the external reference', async () => {
		const result = await run({ operation: 'get', customer: { __rl: true, mode: 'externalReference', value: 'gid://shopify/Customer/404' } });
		expect(result.error(NODE)?.message).toBe('Customer: no CEGID customer has the external reference "gid://shopify/Customer/404"');
	});

	it('Get turns CEGID\'s "does not exist" into an error with its message and a hint, never raw XML', async () => {
		const result = await run({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C999999' } });
		const error = result.error(NODE)!;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('The customer C999999 does not exist.');
		expect(error.description).toContain('Check the customer ID or external reference');
		expect(`${error.message} ${error.description}`).not.toMatch(/<\/?[a-z]+:?[A-Za-z]*>/);
		// A fault is CEGID's answer, not a hiccup: asked once.
		expect(sim.server.requests).toHaveLength(1);
	});

	it('Search finds by e-mail, by phone (normalised), by name and by external reference', async () => {
		const byEmail = await run({ operation: 'search', searchBy: 'email', email: 'CAMILLE.martin@example.com', limit: 10 });
		expect(byEmail.output(NODE).map((item) => item.json.customerId)).toEqual(['C000001']);

		const byPhone = await run({ operation: 'search', searchBy: 'phone', phone: '06 12 34 56 78', phoneCountry: 'FR', limit: 10 });
		expect(byPhone.output(NODE).map((item) => item.json.customerId)).toEqual(['C000001']);

		const byName = await run({ operation: 'search', searchBy: 'name', lastName: 'Weber', firstName: '', limit: 10 });
		expect(byName.output(NODE).map((item) => item.json.customerId)).toEqual(['C000002']);

		const none = await run({ operation: 'search', searchBy: 'email', email: 'nobody@example.com', limit: 10 });
		expect(none.output(NODE)).toEqual([]);

		const byReference = await run({ operation: 'search', searchBy: 'externalReference', externalReference: 'gid://shopify/Customer/1001', limit: 10 });
		expect(byReference.output(NODE).map((item) => item.json.customerId)).toEqual(['C000002']);
		const noReference = await run({ operation: 'search', searchBy: 'externalReference', externalReference: 'gid://shopify/Customer/999', limit: 10 });
		expect(noReference.output(NODE)).toEqual([]);
	});

	it('Create writes a customer whose name needs XML escaping, and it round-trips unchanged', async () => {
		const lastName = `O'Brien <&> "Ltd"`;
		const result = await run({
			operation: 'create',
			customerId: '',
			source: 'fields',
			customerFields: { firstName: 'Siobhán', lastName, email: 'siobhan@example.ie', countryId: 'IE', mobilePhone: '085 123 4567', addressLine1: 'A & B <Court>' },
			options: {},
		});
		const created = result.output(NODE)[0].json;
		expect(created).toMatchObject({ lastName, firstName: 'Siobhán', countryId: 'IRL', mobilePhone: '+353851234567', addressLine1: 'A & B <Court>' });
		const stored = sim.server.state.customers[String(created.customerId)];
		expect(stored.lastName).toBe(lastName);
		expect(stored.address.lines[0].value).toBe('A & B <Court>');

		const again = await run({ operation: 'get', customer: { __rl: true, mode: 'id', value: created.customerId } });
		expect(again.output(NODE)[0].json.lastName).toBe(lastName);
	});

	it('Create maps a Shopify customer: GID as external reference, ISO country, E.164 phone, opt-ins', async () => {
		const result = await run({ operation: 'create', customerId: '', source: 'shopify', shopifyCustomer: SHOPIFY_CUSTOMER, customerFields: {}, options: {} });
		expect(result.output(NODE)[0].json).toMatchObject({
			externalReference: 'gid://shopify/Customer/7064055069303700842',
			email: 'siobhan.obrien@example.ie',
			lastName: `O'Brien <&> "Ltd"`,
			countryId: 'IRL',
			zipCode: 'D02 XY45',
			mobilePhone: '+353851234567',
			optinEmail: 'BrandOnly',
			optinMobile: 'DoNotUse',
			addressLine1: '1 Grafton Street & Sons <Unit 4>',
		});
	});

	it("Create surfaces the site's duplicate check with CEGID's message and what to do", async () => {
		const result = await run({ operation: 'create', customerId: '', source: 'fields', customerFields: { lastName: 'Other', email: 'camille.martin@example.com' }, options: {} });
		const error = result.error(NODE)!;
		expect(error.message).toContain('The customer already exists: duplicate check on email matches customer C000001.');
		expect(error.description).toContain('Use the Upsert operation');
		expect(customers()).toHaveLength(2);
	});

	it('Update changes only the given field and keeps the rest', async () => {
		const result = await run({ operation: 'update', customer: { __rl: true, mode: 'id', value: 'C000001' }, source: 'fields', customerFields: { city: 'Lyon', zipCode: '69001' }, options: {} });
		expect(result.output(NODE)[0].json).toMatchObject({ customerId: 'C000001', city: 'Lyon', zipCode: '69001', addressLine1: '12 rue de la Paix', email: 'camille.martin@example.com', updatedFields: ['zipCode', 'city'] });
		const stored = sim.server.state.customers.C000001;
		expect(stored.address).toMatchObject({ city: 'Lyon', zipCode: '69001', countryId: 'FRA' });
		expect(stored.emails[0].value).toBe('camille.martin@example.com');
		expect(stored.phones[0].value).toBe('+33612345678');
	});

	it('Upsert is idempotent: the same Shopify customer three times gives one record, changed only the first time', async () => {
		const upsert = async () =>
			(await run({ operation: 'upsert', matchByEmail: true, source: 'shopify', shopifyCustomer: SHOPIFY_CUSTOMER, customerFields: {}, options: {} })).output(NODE)[0].json;
		const first = await upsert();
		expect(first).toMatchObject({ action: 'created' });
		const record = () => customers().filter((customer) => customer.externalReference === SHOPIFY_CUSTOMER.admin_graphql_api_id);
		expect(record()).toHaveLength(1);
		const afterFirst = JSON.stringify(sim.server.state.customers);
		const writesAfterFirst = writes().length;

		const second = await upsert();
		const third = await upsert();
		expect(second).toMatchObject({ action: 'unchanged', matchedBy: 'externalReference', customerId: first.customerId, changedFields: [] });
		expect(third).toMatchObject({ action: 'unchanged', customerId: first.customerId });
		expect(JSON.stringify(sim.server.state.customers)).toBe(afterFirst);
		expect(writes()).toHaveLength(writesAfterFirst);
		expect(customers()).toHaveLength(3);
	});

	it('Upsert updates what changed, and finds a customer without reference by e-mail instead of duplicating', async () => {
		const changed = await run({
			operation: 'upsert',
			matchByEmail: true,
			source: 'shopify',
			shopifyCustomer: { admin_graphql_api_id: 'gid://shopify/Customer/1001', email: 'jonas.weber@example.de', first_name: 'Jonas', last_name: 'Weber', default_address: { address1: 'Hauptstraße 5', city: 'Hamburg', zip: '20095', country_code: 'DE' } },
			customerFields: {},
			options: {},
		});
		expect(changed.output(NODE)[0].json).toMatchObject({ action: 'updated', matchedBy: 'externalReference', customerId: 'C000002', changedFields: ['zipCode', 'city'] });
		expect(sim.server.state.customers.C000002.address.city).toBe('Hamburg');

		const byEmail = await run({
			operation: 'upsert',
			matchByEmail: true,
			source: 'shopify',
			shopifyCustomer: { admin_graphql_api_id: 'gid://shopify/Customer/2002', email: 'camille.martin@example.com', verified_email: true, first_name: 'Camille', last_name: 'Martin' },
			customerFields: {},
			options: {},
		});
		expect(byEmail.output(NODE)[0].json).toMatchObject({ action: 'updated', matchedBy: 'email', mergedBecause: 'emailVerified', customerId: 'C000001', changedFields: ['externalReference'] });
		expect(customers()).toHaveLength(2);
		expect(sim.server.state.customers.C000001.externalReference).toBe('gid://shopify/Customer/2002');
	});

	describe('Upsert merges into a customer found by e-mail only on a verified e-mail, the same phone or a link', () => {
		const upsert = async (payload: IDataObject, extra: IDataObject = {}) =>
			(await run({ operation: 'upsert', matchByEmail: true, source: 'shopify', shopifyCustomer: payload, customerFields: {}, options: {}, ...extra })).output(NODE)[0].json;
		// Someone signs up in another store with Camille's address: other name, phone, address, and an unsubscribe.
		const signUp = {
			admin_graphql_api_id: 'gid://shopify/Customer/3003',
			email: 'camille.martin@example.com',
			verified_email: false,
			first_name: 'Mallory',
			last_name: 'Intruder',
			phone: '+33698765432',
			email_marketing_consent: { state: 'unsubscribed' },
			default_address: { address1: '1 rue du Vol', city: 'Lille', zip: '59000', country_code: 'FR' },
		};

		it('writes nothing over the customer for an unverified e-mail, and says why', async () => {
			const before = JSON.stringify(sim.server.state.customers);
			const writesBefore = writes().length;
			const result = await upsert(signUp);
			expect(result).toMatchObject({ action: 'notMerged', matchedBy: 'email', customerId: '', existingCustomerId: 'C000001' });
			expect(result.notMergedFields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'mobilePhone', 'addressLine1', 'city', 'optinEmail']));
			expect(String(result.reason)).toContain('not verified');
			// The item names fields, never the existing person's data.
			expect(JSON.stringify(result)).not.toContain('Camille');
			expect(JSON.stringify(sim.server.state.customers)).toBe(before);
			expect(writes()).toHaveLength(writesBefore);
			expect(customers()).toHaveLength(2);
		});

		it('merges once the e-mail is verified', async () => {
			const result = await upsert({ ...signUp, verified_email: true });
			expect(result).toMatchObject({ action: 'updated', matchedBy: 'email', mergedBecause: 'emailVerified', customerId: 'C000001' });
			expect(sim.server.state.customers.C000001).toMatchObject({ firstName: 'Mallory', lastName: 'Intruder' });
		});

		it('merges an unverified e-mail when the phone is the same (compared as E.164)', async () => {
			const result = await upsert({ ...signUp, phone: '06 12 34 56 78', first_name: 'Camille', last_name: 'Martin-Dupont' });
			expect(result).toMatchObject({ action: 'updated', mergedBecause: 'phoneMatches', customerId: 'C000001' });
			expect(sim.server.state.customers.C000001.lastName).toBe('Martin-Dupont');
		});

		it('merges an unverified e-mail into the customer the workflow linked, and into no other', async () => {
			const other = await upsert({ ...signUp, phone: undefined }, { linkedCustomerId: 'C000002' });
			expect(other).toMatchObject({ action: 'notMerged', existingCustomerId: 'C000001' });
			const linked = await upsert({ ...signUp, phone: undefined, first_name: 'Cami' }, { linkedCustomerId: 'C000001' });
			expect(linked).toMatchObject({ action: 'updated', mergedBecause: 'linked', customerId: 'C000001' });
			expect(sim.server.state.customers.C000001.firstName).toBe('Cami');
		});

		it('reports data CEGID already holds as unchanged (the echo of a copy), and merges on e-mail alone when told to', async () => {
			const echo = await upsert({ admin_graphql_api_id: 'gid://shopify/Customer/3004', email: 'jonas.weber@example.de', first_name: 'Jonas', last_name: 'Weber' });
			expect(echo).toMatchObject({ action: 'unchanged', matchedBy: 'email', customerId: 'C000002' });
			expect(echo.mergedBecause).toBeUndefined();
			expect(echo.customer).toEqual({ customerId: 'C000002', closed: false });
			const trusting = await upsert(signUp, { mergeExisting: 'emailMatch' });
			expect(trusting).toMatchObject({ action: 'updated', mergedBecause: 'emailMatch' });
		});

		it('takes an opt-out from the merged record but not an opt-in; its own record takes both', async () => {
			const verified = { admin_graphql_api_id: 'gid://shopify/Customer/3005', email: 'jonas.weber@example.de', verified_email: true };
			// Jonas refused e-mails (Do Not Use); subscribing in another store does not opt him in.
			expect(await upsert({ ...verified, email_marketing_consent: { state: 'subscribed' } })).toMatchObject({ action: 'unchanged', mergedBecause: 'emailVerified' });
			expect(sim.server.state.customers.C000002.emails[0].optin).toBe('DoNotUse');
			// Camille opted in; "not subscribed" elsewhere is no refusal, an unsubscribe is.
			const camille = { ...verified, email: 'camille.martin@example.com' };
			expect(await upsert({ ...camille, email_marketing_consent: { state: 'not_subscribed' } })).toMatchObject({ action: 'updated', changedFields: ['externalReference'] });
			expect(sim.server.state.customers.C000001.emails[0].optin).toBe('BrandOnly');
			expect(await upsert({ ...camille, email_marketing_consent: { state: 'unsubscribed' } })).toMatchObject({ action: 'updated', changedFields: ['emailingAccepted', 'optinEmail'] });
			expect(sim.server.state.customers.C000001.emails[0].optin).toBe('DoNotUse');
			// Found by its own External Reference, the record takes its opt-in as it is.
			expect(await upsert({ admin_graphql_api_id: 'gid://shopify/Customer/1001', email: 'jonas.weber@example.de', email_marketing_consent: { state: 'subscribed' } })).toMatchObject({
				action: 'updated',
				matchedBy: 'externalReference',
			});
			expect(sim.server.state.customers.C000002.emails[0].optin).toBe('BrandOnly');
			// Copying consent as it is, when asked.
			expect(await upsert({ ...camille, email_marketing_consent: { state: 'subscribed' } }, { mergeConsent: 'all' })).toMatchObject({ action: 'updated' });
			expect(sim.server.state.customers.C000001.emails[0].optin).toBe('BrandOnly');
		});
	});

	it('Upsert uses Last Name When Missing for a new customer only, never over a real last name', async () => {
		const upsert = async (payload: IDataObject) =>
			(await run({ operation: 'upsert', matchByEmail: true, source: 'shopify', shopifyCustomer: payload, customerFields: {}, options: { lastNameWhenMissing: 'WEB CUSTOMER' } })).output(NODE)[0].json;
		const created = await upsert({ admin_graphql_api_id: 'gid://shopify/Customer/5005', email: 'newsletter@example.com' });
		expect(created).toMatchObject({ action: 'created', customer: { lastName: 'WEB CUSTOMER' }, warnings: [expect.stringContaining('Last Name When Missing')] });
		const existing = await upsert({ admin_graphql_api_id: 'gid://shopify/Customer/1001', email: 'jonas.weber@example.de' });
		expect(existing).toMatchObject({ action: 'unchanged', customerId: 'C000002' });
		expect(sim.server.state.customers.C000002.lastName).toBe('Weber');
	});

	it('Close or Anonymize: close keeps the data; anonymize erases it; both keep the record', async () => {
		const closed = await run({ operation: 'closeOrAnonymize', customer: { __rl: true, mode: 'id', value: 'C000001' }, deleteAction: 'close' });
		expect(closed.output(NODE)[0].json).toMatchObject({ customerId: 'C000001', action: 'closed', customer: { closed: true, lastName: 'Martin' } });
		expect(sim.server.state.customers.C000001.closed).toBe(true);

		const anonymized = await run({ operation: 'closeOrAnonymize', customer: { __rl: true, mode: 'externalReference', value: 'gid://shopify/Customer/1001' }, deleteAction: 'anonymize' });
		expect(anonymized.output(NODE)[0].json).toMatchObject({ customerId: 'C000002', action: 'anonymized', customer: { closed: true, lastName: 'ANONYMIZED' } });
		const stored = sim.server.state.customers.C000002;
		expect(stored.emails).toEqual([]);
		expect(stored.firstName).toBe('');
		expect(customers()).toHaveLength(2);
	});

	it('With Continue On Fail, a bad item yields an error item paired with it and the others go through', async () => {
		const result = await run(
			{ operation: 'get', customer: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ onError: 'continueRegularOutput' },
			[{ id: 'C000001' }, { id: 'C999999' }, { id: 'C000002' }],
		);
		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.customerId).toBe('C000001');
		expect(output[1].json.error).toContain('C999999 does not exist');
		expect(output[2].json.customerId).toBe('C000002');
	});

	it('A wrong password fails with a hint naming User, Password and Database ID, and leaks no secret', async () => {
		const result = await runWorkflow(cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } }), {
			credentials: credentials(flavour, { password: 'Wrong-Password-123' }),
		});
		const error = result.error(NODE)!;
		expect(error.message).toMatch(/^CEGID: HTTP 401/);
		expect(error.description).toContain('Check User, Password and Database ID');
		const everything = JSON.stringify(result.run.data);
		expect(everything).not.toContain('Wrong-Password-123');
		expect(everything).not.toContain(Buffer.from('90000000_001_PROD\\SHOPSYNC:Wrong-Password-123').toString('base64'));
		expect(everything).not.toContain('<h2>');
	});

	it('Fields are checked before anything is sent, naming the field and the fix', async () => {
		const badCountry = await run({ operation: 'create', customerId: '', source: 'fields', customerFields: { lastName: 'X', countryId: 'ZZ' }, options: {} });
		expect(badCountry.error(NODE)?.message).toBe('Country: "ZZ" is not a known country code');
		const longLine = await run({ operation: 'create', customerId: '', source: 'fields', customerFields: { lastName: 'X', addressLine1: 'x'.repeat(71) }, options: {} });
		expect(longLine.error(NODE)?.message).toBe('Address Line 1: has 71 characters, more than the 70 CEGID accepts');
		const badPhone = await run({ operation: 'create', customerId: '', source: 'fields', customerFields: { lastName: 'X', mobilePhone: '12' }, options: {} });
		expect(badPhone.error(NODE)?.message).toBe('Mobile Phone: "12" is not a valid phone number');
		expect(sim.server.requests).toHaveLength(0);
	});
});

describe('CEGID node › OAuth2 password grant', () => {
	const { sim, credentials } = useCegid();

	it('fetches a token for user@DATABASEID once, reuses it, and renews it after a 401', async () => {
		const creds = credentials('rest', { authentication: 'oauth2Password' });
		const get = async () =>
			await runWorkflow(cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } }), { credentials: creds });
		const first = await get();
		expect(first.output(NODE)[0].json.customerId).toBe('C000001');
		await get();
		const tokenCalls = () => sim.server.requests.filter((request) => request.path === '/p/as/connect/token');
		expect(tokenCalls()).toHaveLength(1);
		expect(sim.server.requests.at(-1)?.headers.authorization).toBe('Bearer ***');

		sim.server.state.tokens = {}; // the token expired at CEGID
		const renewed = await get();
		expect(renewed.output(NODE)[0].json.customerId).toBe('C000001');
		expect(tokenCalls()).toHaveLength(2);
	});

	it('refuses a node run without a Token URL, naming the field, before any request', async () => {
		const result = await runWorkflow(cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } }), {
			credentials: credentials('rest', { authentication: 'oauth2Password', tokenUrl: '' }),
		});
		expect(result.error(NODE)?.message).toBe('CEGID: "Token URL" in the "CEGID Retail Y2 API" credential is empty, so nothing was sent');
		expect(result.error(NODE)?.description).toContain('Enter it as "Token URL" in the credential, or switch Authentication to "Basic".');
		expect(sim.server.requests).toHaveLength(0);
	});

	it('explains a refused token request without the password', async () => {
		const result = await runWorkflow(cegidWorkflow({ operation: 'get', customer: { __rl: true, mode: 'id', value: 'C000001' } }), {
			credentials: credentials('soap', { authentication: 'oauth2Password', password: 'Not-The-Password-9' }),
		});
		const error = result.error(NODE)!;
		expect(`${error.message} ${error.description}`).toContain('invalid_grant');
		expect(JSON.stringify(result.run.data)).not.toContain('Not-The-Password-9');
		expect(JSON.stringify(result.run.data)).not.toContain(SIM_PASSWORD);
	});
});
