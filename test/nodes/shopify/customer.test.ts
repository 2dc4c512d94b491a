import { simulatorAppCredentials } from '../../../simulators/shopify/state';
import { runWorkflow } from '../harness/runWorkflow';
import { NODE, shopifyWorkflow, STORE_A, useShopify } from './setup';

describe('Shopify Admin node: customers', () => {
	const { sim, credentials, storeA } = useShopify();

	it('fetches a client-credentials token once, then creates, finds, updates and reads a customer', async () => {
		const created = await runWorkflow(
			shopifyWorkflow({
				resource: 'customer',
				operation: 'create',
				customerFields: { firstName: "Siobhán", lastName: "O'Brien", email: 'SIOBHAN@example.com', tags: 'vip, wholesale', emailMarketingState: 'SUBSCRIBED' },
				addresses: { address: [{ address1: '1 rue X', city: 'Paris', countryCode: 'fr', zip: '75001' }] },
			}),
			{ credentials: credentials() },
		);
		expect(created.error(NODE)).toBeUndefined();
		const customer = created.output(NODE)[0].json as { id: string };
		expect(customer).toMatchObject({
			firstName: 'Siobhán',
			lastName: "O'Brien",
			email: 'siobhan@example.com',
			tags: ['vip', 'wholesale'],
			emailMarketingConsent: { marketingState: 'SUBSCRIBED' },
			defaultAddress: { city: 'Paris', countryCodeV2: 'FR' },
		});
		expect(created.credentialsHelper.preAuthenticationCalls.shopifyAdminApi).toBe(1);
		expect(storeA().customers).toHaveLength(1);

		const found = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'search', searchBy: 'email', email: 'siobhan@example.com' }), { credentials: credentials() });
		expect(found.output(NODE).map((item) => item.json.id)).toEqual([customer.id]);

		const updated = await runWorkflow(
			shopifyWorkflow({ resource: 'customer', operation: 'update', customerId: { mode: 'id', value: customer.id }, customerFields: { note: 'Prefers email', emailMarketingState: 'UNSUBSCRIBED' } }),
			{ credentials: credentials() },
		);
		expect(updated.output(NODE)[0].json).toMatchObject({ note: 'Prefers email', emailMarketingConsent: { marketingState: 'UNSUBSCRIBED' }, firstName: 'Siobhán' });

		const numericId = String(customer.id).replace(/\D/g, '');
		const read = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'get', customerId: { mode: 'url', value: `https://admin.shopify.com/store/x/customers/${numericId}` } }), { credentials: credentials() });
		expect(read.output(NODE)[0].json.id).toBe(customer.id);
	});

	it('reads a customer that is gone as an error that names it, or, when asked, as a not-found item', async () => {
		const gone = 'gid://shopify/Customer/424242';
		const failing = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'get', customerId: { mode: 'id', value: gone } }), { credentials: credentials() });
		expect(failing.error(NODE)?.message).toContain(`no customer ${gone} in this store`);

		const tolerant = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'get', customerId: { mode: 'id', value: gone }, ifNotFound: 'notFoundItem' }), { credentials: credentials() });
		expect(tolerant.error(NODE)).toBeUndefined();
		expect(tolerant.output(NODE).map((item) => item.json)).toEqual([{ id: gone, notFound: true }]);
	});

	it('upserts by email and by custom ID idempotently: three runs, one customer, no change after the first', async () => {
		const byEmail = shopifyWorkflow({ resource: 'customer', operation: 'upsert', matchBy: 'email', customerFields: { email: 'ana@example.com', firstName: 'Ana' } });
		for (let run = 0; run < 3; run++) expect((await runWorkflow(byEmail, { credentials: credentials() })).error(NODE)).toBeUndefined();
		expect(storeA().customers).toHaveLength(1);
		const updatedAt = storeA().customers[0].updatedAt;

		const byCustomId = shopifyWorkflow({ resource: 'customer', operation: 'upsert', matchBy: 'customId', customIdValue: 'ERP-42', customerFields: { email: 'bo@example.com', lastName: 'Bo' } });
		for (let run = 0; run < 3; run++) expect((await runWorkflow(byCustomId, { credentials: credentials() })).error(NODE)).toBeUndefined();
		expect(storeA().customers).toHaveLength(2);
		expect(storeA().customers[1].metafields).toEqual({ 'custom.erp_id': 'ERP-42' });
		expect(storeA().customers[0].updatedAt).toBe(updatedAt);
		// Only the two creations sent webhooks? No subscriptions here, so check the change log instead:
		expect(storeA().customers.map((c) => c.createdAt === c.updatedAt)).toEqual([true, true]);
	});

	it('repeats an upsert after a 5xx (it is idempotent by its identifier), and never a create', async () => {
		sim.server.setFaults({ failNext: [{ status: 503 }], pathPattern: 'graphql' });
		const upserted = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'upsert', matchBy: 'email', customerSource: 'fields', customerFields: { email: 'retry@example.com', firstName: 'Re' } }), { credentials: credentials() });
		expect(upserted.error(NODE)).toBeUndefined();
		expect(storeA().customers.filter((c) => c.email === 'retry@example.com')).toHaveLength(1);
		expect(sim.server.requests.filter((request) => request.outcome === 'fault')).toHaveLength(1);

		sim.server.setFaults({ failNext: [{ status: 503 }], pathPattern: 'graphql' });
		const created = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'create', customerFields: { email: 'once@example.com' } }), { credentials: credentials() });
		expect(created.error(NODE)?.message).toMatch(/503/);
		sim.server.setFaults({ failNext: [], pathPattern: undefined });
	});

	it('copies a customer from another store\'s webhook payload', async () => {
		const payload = {
			id: 7064055069303700,
			email: 'bob@biller.com',
			first_name: 'Bob',
			last_name: 'Biller',
			phone: '+15555555555',
			addresses: [{ address1: "151 O'Connor Street", city: 'Ottawa', province_code: 'ON', country_code: 'CA', zip: 'K2P 2L8' }],
			admin_graphql_api_id: 'gid://shopify/Customer/7064055069303700',
		};
		const result = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'upsert', matchBy: 'email', customerSource: 'webhookPayload', customerPayload: '={{ $json.payload }}' }), {
			credentials: credentials(),
			input: [{ payload }],
		});
		expect(result.output(NODE)[0].json).toMatchObject({ email: 'bob@biller.com', firstName: 'Bob', phone: '+15555555555', defaultAddress: { provinceCode: 'ON', countryCodeV2: 'CA' } });
	});

	describe('Upsert by email merges into the customer who has the email only on a verified email, the same phone or a link', () => {
		const copy = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
			runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'upsert', matchBy: 'email', customerSource: 'webhookPayload', customerPayload: '={{ $json.payload }}', ...extra }), {
				credentials: credentials(),
				input: [{ payload }],
			});
		const existing = async () => {
			const created = await runWorkflow(
				shopifyWorkflow({ resource: 'customer', operation: 'create', customerFields: { email: 'eve@example.com', firstName: 'Eve', lastName: 'Owner', phone: '+33611111111', emailMarketingState: 'NOT_SUBSCRIBED' } }),
				{ credentials: credentials() },
			);
			return created.output(NODE)[0].json as { id: string };
		};
		// Another store's sign-up with Eve's address: other name and phone, unverified.
		const signUp = { email: 'eve@example.com', verified_email: false, first_name: 'Mallory', last_name: 'Intruder', phone: '+33622222222' };

		it('writes nothing over the customer for an unverified email, and says why', async () => {
			const eve = await existing();
			const before = JSON.stringify(storeA().customers);
			const result = await copy({ ...signUp, email_marketing_consent: { state: 'unsubscribed' } });
			expect(result.error(NODE)).toBeUndefined();
			const item = result.output(NODE)[0];
			expect(item.json).toMatchObject({ notMerged: true, existingCustomerId: eve.id, email: 'eve@example.com', notMergedFields: ['firstName', 'lastName', 'phone', 'emailMarketingState'] });
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(JSON.stringify(item.json)).not.toContain('Eve');
			expect(JSON.stringify(storeA().customers)).toBe(before);
		});

		it('merges a verified email, the same phone, or the linked customer', async () => {
			const eve = await existing();
			expect((await copy({ ...signUp, phone: '+33 6 11 11 11 11', last_name: 'Phone' })).output(NODE)[0].json).toMatchObject({ id: eve.id, lastName: 'Phone' });
			expect((await copy({ ...signUp, phone: undefined, last_name: 'Linked' }, { linkedCustomerId: eve.id.replace(/\D/g, '') })).output(NODE)[0].json).toMatchObject({ id: eve.id, lastName: 'Linked' });
			expect((await copy({ ...signUp, phone: undefined, last_name: 'Other' }, { linkedCustomerId: 'gid://shopify/Customer/1' })).output(NODE)[0].json).toMatchObject({ notMerged: true });
			expect((await copy({ ...signUp, verified_email: true })).output(NODE)[0].json).toMatchObject({ id: eve.id, firstName: 'Mallory', phone: '+33622222222' });
			expect(storeA().customers).toHaveLength(1);
		});

		it('copies an opt-out but not an opt-in, unless told to copy consent as it is', async () => {
			await existing();
			const state = () => storeA().customers[0].emailMarketingState;
			const verified = { email: 'eve@example.com', verified_email: true, first_name: 'Eve' };
			await copy({ ...verified, email_marketing_consent: { state: 'subscribed' } });
			expect(state()).toBe('NOT_SUBSCRIBED');
			await copy({ ...verified, email_marketing_consent: { state: 'unsubscribed' } });
			expect(state()).toBe('UNSUBSCRIBED');
			await copy({ ...verified, email_marketing_consent: { state: 'subscribed' } }, { marketingConsent: 'all' });
			expect(state()).toBe('SUBSCRIBED');
			// A new customer gets no opt-in from the copy either.
			await copy({ email: 'new@example.com', first_name: 'New', email_marketing_consent: { state: 'subscribed' } });
			expect(storeA().customers.find((customer) => customer.email === 'new@example.com')?.emailMarketingState).toBe('NOT_SUBSCRIBED');
		});
	});

	it('names the alternative when Shopify refuses to delete a customer with orders, and deletes one without', async () => {
		const records = storeA();
		const withOrders = { id: 7_100_000_000_001, firstName: 'Has', lastName: 'Orders', email: 'o@example.com', phone: null, note: null, tags: [], addresses: [], emailMarketingState: 'NOT_SUBSCRIBED', emailConsentUpdatedAt: null, metafields: {}, ordersCount: 2, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
		records.customers.push(withOrders, { ...withOrders, id: 7_100_000_000_002, email: 'n@example.com', ordersCount: 0 });
		const refused = await runWorkflow(
			shopifyWorkflow({ resource: 'customer', operation: 'delete', customerId: { mode: 'id', value: '7100000000001' } }, { continueOnFail: true }),
			{ credentials: credentials(), input: [{}] },
		);
		const item = refused.output(NODE)[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.error).toContain('associated orders');
		expect(item.json.errorDescription).toMatch(/Shopify deletes only customers without orders.*tag.*Erase personal data/);

		const deleted = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'delete', customerId: { mode: 'list', value: 'gid://shopify/Customer/7100000000002' } }), { credentials: credentials() });
		expect(deleted.output(NODE)[0].json).toEqual({ deleted: true, deletedCustomerId: 'gid://shopify/Customer/7100000000002' });
		expect(records.customers.map((c) => c.id)).toEqual([7_100_000_000_001]);
	});

	it('If Not Deleted: outputs a not-deleted item for a customer with orders or already gone, and still fails on a fault', async () => {
		const records = storeA();
		const withOrders = { id: 7_100_000_000_011, firstName: 'Has', lastName: 'Orders', email: 'o2@example.com', phone: null, note: null, tags: [], addresses: [], emailMarketingState: 'NOT_SUBSCRIBED', emailConsentUpdatedAt: null, metafields: {}, ordersCount: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
		records.customers.push(withOrders);
		const workflow = shopifyWorkflow({ resource: 'customer', operation: 'delete', customerId: { mode: 'id', value: '={{ $json.id }}' }, ifNotDeleted: 'notDeletedItem' });
		const result = await runWorkflow(workflow, { credentials: credentials(), input: [{ id: '7100000000011' }, { id: '7100000000999' }] });
		const [hasOrders, gone] = result.output(NODE);
		expect(hasOrders.json).toMatchObject({ deleted: false, customerId: 'gid://shopify/Customer/7100000000011', reason: 'hasOrders' });
		expect(gone.json).toMatchObject({ deleted: false, customerId: 'gid://shopify/Customer/7100000000999', reason: 'notFound' });
		expect(gone.pairedItem).toEqual({ item: 1 });
		expect(records.customers.map((c) => c.id)).toContain(7_100_000_000_011);

		// A server fault is not a lasting refusal: it still fails the node, so n8n can retry the execution.
		sim.server.setFaults({ statusRates: { 503: 1 } });
		const faulted = await runWorkflow(workflow, { credentials: credentials(), input: [{ id: '7100000000011' }] });
		sim.server.setFaults({ statusRates: {} });
		expect(faulted.error(NODE)?.message).toMatch(/503/);
	});

	it('deletes by email the customer with exactly that email, and outputs a not-found item when there is none', async () => {
		const records = storeA();
		const base = { firstName: 'By', lastName: 'Email', phone: null, note: null, tags: [], addresses: [], emailMarketingState: 'NOT_SUBSCRIBED', emailConsentUpdatedAt: null, metafields: {}, ordersCount: 0, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
		records.customers.push({ ...base, id: 7_100_000_000_021, email: 'copy@example.com' }, { ...base, id: 7_100_000_000_022, email: 'copy@example.com.evil' });
		const workflow = shopifyWorkflow({ resource: 'customer', operation: 'delete', deleteBy: 'email', email: '={{ $json.email }}', ifNotDeleted: 'notDeletedItem' });
		const result = await runWorkflow(workflow, { credentials: credentials(), input: [{ email: 'Copy@Example.com' }, { email: 'nobody@example.com' }] });
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{ deleted: true, deletedCustomerId: 'gid://shopify/Customer/7100000000021' },
			expect.objectContaining({ deleted: false, email: 'nobody@example.com', reason: 'notFound' }),
		]);
		expect(records.customers.map((c) => c.id)).toEqual([7_100_000_000_022]);

		// Customer, or Email When No Customer Is Given: the ID wins when there is one.
		records.customers.push({ ...base, id: 7_100_000_000_023, email: 'fallback@example.com' }, { ...base, id: 7_100_000_000_024, email: 'other@example.com' });
		const either = shopifyWorkflow({ resource: 'customer', operation: 'delete', deleteBy: 'idOrEmail', customerId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, email: '={{ $json.email }}' });
		const both = await runWorkflow(either, { credentials: credentials(), input: [{ id: '', email: 'fallback@example.com' }, { id: '7100000000024', email: 'copy@example.com.evil' }] });
		expect(both.output(NODE).map((item) => item.json.deletedCustomerId)).toEqual(['gid://shopify/Customer/7100000000023', 'gid://shopify/Customer/7100000000024']);
		expect(records.customers.map((c) => c.id)).toEqual([7_100_000_000_022]);

		const strict = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'delete', deleteBy: 'email', email: '' }, { continueOnFail: true }), { credentials: credentials(), input: [{}] });
		expect(strict.output(NODE)[0].json.error).toMatch(/Email/);
	});

	it('names the field for bad input, keeps going with Continue On Fail, and never shows the secret', async () => {
		const result = await runWorkflow(
			shopifyWorkflow(
				{ resource: 'customer', operation: 'create', customerFields: { email: '={{ $json.email }}' }, addresses: { address: [{ countryCode: '={{ $json.country }}' }] } },
				{ continueOnFail: true },
			),
			{ credentials: credentials(), input: [{ email: 'ok@example.com', country: 'FR' }, { email: 'x@example.com', country: 'France' }, { email: 'not-an-email', country: 'DE' }] },
		);
		const out = result.output(NODE);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.email).toBe('ok@example.com');
		expect(out[1].json.error).toBe('Addresses › Address 1 › Country Code: "France" is not a two-letter ISO country code');
		expect(out[2].json.error).toBe('Shopify: customerCreate refused: input.email: Email is invalid');
		expect(JSON.stringify(result.run.data)).not.toContain('sim-client-secret');
		expect(JSON.stringify(sim.server.requests)).not.toContain('sim-client-secret');
	});

	it('renews the token after a 401 and names the credential when the client secret is wrong', async () => {
		const first = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'search', searchBy: 'query', query: 'tag:none' }), { credentials: credentials({ sessionToken: 'shpat_expired', sessionTokenExpiresAt: 0 }) });
		expect(first.error(NODE)).toBeUndefined();
		expect(first.credentialsHelper.preAuthenticationCalls.shopifyAdminApi).toBe(1);

		const wrong = await runWorkflow(shopifyWorkflow({ resource: 'customer', operation: 'search', searchBy: 'query', query: 'x' }), { credentials: credentials({ clientSecret: 'wrong-secret-123456' }) });
		expect(wrong.error(NODE)?.message).toMatch(/^Shopify: refused the client credentials \(HTTP 400, invalid_client/);
		expect(JSON.stringify(wrong.run.data)).not.toContain('wrong-secret-123456');
	});
	it('works with a legacy static access token, uses a fresh token as it is, and renews one five minutes before it expires', async () => {
		const shopName = shopifyWorkflow({ resource: 'graphql', operation: 'query', query: '{ shop { name } }', variables: '{}' });
		const app = simulatorAppCredentials('a');
		const legacy = await runWorkflow(shopName, { credentials: credentials({ authentication: 'accessToken', accessToken: app.staticToken, clientId: '', clientSecret: '' }) });
		expect(legacy.output(NODE)[0].json).toEqual({ shop: { name: 'Shop Sync Store A' } });
		expect(sim.server.requests.filter((request) => request.path.endsWith('/oauth/access_token'))).toHaveLength(0);

		const issued = await fetch(`${sim.server.url}/shops/${STORE_A}/admin/oauth/access_token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret }).toString(),
		});
		const token = ((await issued.json()) as { access_token: string }).access_token;
		const fresh = await runWorkflow(shopName, { credentials: credentials({ sessionToken: token, sessionTokenExpiresAt: Date.now() + 3_600_000 }) });
		expect(fresh.output(NODE)[0].json).toEqual({ shop: { name: 'Shop Sync Store A' } });
		expect(fresh.credentialsHelper.preAuthenticationCalls.shopifyAdminApi ?? 0).toBe(0);

		const expiring = await runWorkflow(shopName, { credentials: credentials({ sessionToken: token, sessionTokenExpiresAt: Date.now() + 60_000 }) });
		expect(expiring.output(NODE)[0].json).toEqual({ shop: { name: 'Shop Sync Store A' } });
		expect(expiring.credentialsHelper.preAuthenticationCalls.shopifyAdminApi).toBe(1);
	});
});
