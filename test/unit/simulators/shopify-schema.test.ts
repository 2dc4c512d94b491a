/** The Shopify simulator checks every request against Shopify's published schema of the URL's version. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { expiredApiVersions, LATEST_STABLE_API_VERSION, STABLE_API_VERSIONS } from '../../../nodes/Shopify/transport/apiVersion';
import { documents } from '../../../nodes/Shopify/transport/documents';
import { SimulatorServer } from '../../../simulators/frame/server';
import { shopifySimulator } from '../../../simulators/shopify';
import { adminSchema } from '../../../simulators/shopify/schema';
import { simulatorAppCredentials, type ShopifyState } from '../../../simulators/shopify/state';

const SHOP = 'shop-sync-a.myshopify.com';
const TOKEN = simulatorAppCredentials('a').staticToken;

describe('Shopify simulator: requests checked against the published Admin schema', () => {
	const server = new SimulatorServer<ShopifyState>(shopifySimulator);

	async function graphql(query: string, variables: unknown = {}, version = LATEST_STABLE_API_VERSION) {
		const response = await fetch(`${server.url}/shops/${SHOP}/admin/api/${version}/graphql.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
			body: JSON.stringify({ query, variables }),
		});
		return { status: response.status, version: response.headers.get('x-shopify-api-version'), body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<Record<string, unknown>> } };
	}

	beforeAll(async () => {
		await Promise.all(STABLE_API_VERSIONS.map(adminSchema));
		await server.start();
	}, 300_000);
	afterAll(async () => await server.stop());
	beforeEach(() => server.reset());

	it("refuses a field the schema does not have, in Shopify's words, with HTTP 200", async () => {
		const reply = await graphql('query DraftNote($id: ID!) { draftOrder(id: $id) { id note } }', { id: 'gid://shopify/DraftOrder/1' });
		expect(reply.status).toBe(200);
		expect(reply.body.data).toBeUndefined();
		expect(reply.body.errors).toEqual([
			{
				message: "Field 'note' doesn't exist on type 'DraftOrder'",
				locations: [{ line: 1, column: 54 }],
				extensions: { code: 'undefinedField', typeName: 'DraftOrder', fieldName: 'note' },
			},
		]);
	});

	it('refuses unknown and missing arguments and mismatched variables with their codes', async () => {
		const unknownArgument = await graphql('{ shop(id: "1") { name } }');
		expect(unknownArgument.body.errors).toEqual([expect.objectContaining({ message: "Field 'shop' doesn't accept argument 'id'", extensions: expect.objectContaining({ code: 'argumentNotAccepted' }) })]);
		const missing = await graphql('{ customer { id } }');
		expect(missing.body.errors).toEqual([expect.objectContaining({ message: "Field 'customer' is missing required arguments: id", extensions: expect.objectContaining({ code: 'missingRequiredArguments' }) })]);
		const mismatch = await graphql('query Get($id: ID) { customer(id: $id) { id } }', { id: 'gid://shopify/Customer/1' });
		expect(mismatch.body.errors).toEqual([expect.objectContaining({ message: 'Nullability mismatch on variable $id and argument id (ID / ID!)', extensions: expect.objectContaining({ code: 'variableMismatch' }) })]);
	});

	it('refuses variables that do not fit their declared types before running anything', async () => {
		const reply = await graphql(documents.customerCreate, { input: { email: 'a@example.com', favouriteColour: 'blue' } });
		expect(reply.status).toBe(200);
		expect(reply.body.errors).toEqual([
			expect.objectContaining({
				message: 'Variable $input of type CustomerInput! was provided invalid value for favouriteColour (Field is not defined on CustomerInput)',
				extensions: expect.objectContaining({ code: 'INVALID_VARIABLE', problems: [expect.objectContaining({ path: ['favouriteColour'] })] }),
			}),
		]);
		expect(server.state.stores[0].customers).toHaveLength(0);
		const missing = await graphql(documents.customerGet, {});
		expect(missing.body.errors).toEqual([expect.objectContaining({ message: 'Variable $id of type ID! was provided invalid value (Expected value to not be null)' })]);
	});

	it('answers a field the schema has but the simulator does not serve with an explicit error, not a null', async () => {
		const reply = await graphql('{ shop { name description } }');
		expect(reply.body.data).toEqual({ shop: { name: 'Shop Sync Store A', description: null } });
		expect(reply.body.errors).toEqual([expect.objectContaining({ path: ['shop', 'description'], extensions: expect.objectContaining({ code: 'NOT_SIMULATED' }) })]);
	});

	it('serves every supported version, falls forward from an expired one and does not know others', async () => {
		for (const version of STABLE_API_VERSIONS) {
			const reply = await graphql(documents.shopName, {}, version);
			expect([reply.status, reply.version, reply.body.data]).toEqual([200, version, { shop: { name: 'Shop Sync Store A', myshopifyDomain: SHOP } }]);
		}
		const expired = await graphql(documents.shopName, {}, expiredApiVersions()[0]);
		expect([expired.status, expired.version]).toEqual([200, STABLE_API_VERSIONS.at(-1)]);
		for (const unknown of ['2026-02', '1999-13', 'latest']) {
			const reply = await graphql(documents.shopName, {}, unknown);
			expect([reply.status, reply.body]).toEqual([404, { errors: 'Not Found' }]);
		}
	});

	it("sends webhooks in the app's configured version, whatever version created the subscription", async () => {
		const received: Array<IncomingMessage['headers']> = [];
		const receiver: Server = createServer((req, res) => {
			received.push(req.headers);
			req.resume();
			res.end('ok');
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			const [appVersion, oldest] = [STABLE_API_VERSIONS[1], STABLE_API_VERSIONS.at(-1)!];
			const created = await graphql(documents.webhookSubscriptionCreate, { topic: 'CUSTOMERS_CREATE', webhookSubscription: { uri, format: 'JSON' } }, oldest);
			expect(created.body.errors).toBeUndefined();
			const setApp = await fetch(`${server.url}/__sim/shops/a/app`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ webhooksApiVersion: appVersion }) });
			expect(setApp.status).toBe(200);
			await fetch(`${server.url}/__sim/shops/a/customers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ana@example.com' }) });
			await fetch(`${server.url}/__sim/webhooks/idle`);
			expect(received.map((headers) => headers['x-shopify-api-version'])).toEqual([appVersion]);
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});
