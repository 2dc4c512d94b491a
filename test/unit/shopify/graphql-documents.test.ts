import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { getOperationAST, parse, validate, type GraphQLSchema } from 'graphql';

import { ShopifyAdminApi } from '../../../credentials/ShopifyAdminApi.credentials';
import { customerFromWebhookPayload, toCustomerInput } from '../../../nodes/Shopify/helpers/customerInput';
import { parseGid } from '../../../nodes/Shopify/helpers/gid';
import { searchValue } from '../../../nodes/Shopify/helpers/searchQuery';
import { topicEnum } from '../../../nodes/Shopify/helpers/topics';
import { productQuery } from '../../../nodes/Shopify/actions/product/getMany.operation';
import { STABLE_API_VERSIONS } from '../../../nodes/Shopify/transport/apiVersion';
import { documents } from '../../../nodes/Shopify/transport/documents';
import { queryCost } from '../../../simulators/shopify/cost';
import { variableErrors } from '../../../simulators/shopify/graphqlErrors';
import { adminSchema } from '../../../simulators/shopify/schema';
import { matches, parseSearch } from '../../../simulators/shopify/search';

const CUSTOMER = 'gid://shopify/Customer/7012345678901';
const PRODUCT = 'gid://shopify/Product/8012345678901';
const VARIANT = 'gid://shopify/ProductVariant/44112233445566';
const DRAFT = 'gid://shopify/DraftOrder/1122334455';

// As the node builds it from a customers/create webhook (the cross-store copy).
const copiedCustomer = toCustomerInput(
	customerFromWebhookPayload({
		first_name: 'Ana',
		last_name: 'Lima',
		email: 'ana@example.com',
		phone: '+33612345678',
		note: 'VIP',
		tags: 'vip, newsletter',
		addresses: [{ address1: '1 rue X', city: 'Lyon', country_code: 'fr', zip: '69001', province_code: null }],
		email_marketing_consent: { state: 'subscribed' },
	}),
);

/** Representative variables for each document, shaped as the operations build them. */
const variablesFor: Record<keyof typeof documents, Record<string, unknown>> = {
	shopName: {},
	customerGet: { id: CUSTOMER },
	customerByEmail: { query: `email:${searchValue('ana@example.com')}` },
	customerSearch: { first: 100, after: null, query: `email:${searchValue('ana@example.com')}` },
	customerCreate: { input: copiedCustomer },
	customerUpdate: { input: { id: CUSTOMER, ...copiedCustomer } },
	customerSet: { identifier: { customId: { namespace: 'custom', key: 'erp_id', value: 'C-1' } }, input: copiedCustomer },
	customerDelete: { input: { id: CUSTOMER } },
	customerEmailMarketingConsentUpdate: { input: { customerId: CUSTOMER, emailMarketingConsent: { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' } } },
	pickCustomers: { first: 50, after: null, query: searchValue('ana') },
	pickProducts: { first: 50, after: 'Y3Vyc29yOjUw', query: 'title:ser*' },
	productGet: { id: PRODUCT },
	productSearch: { first: 20, after: null, query: productQuery({ title: 'Serum', sku: 'SER-30', status: 'active', updatedSince: '2026-01-01T00:00:00Z' }) },
	productSet: {
		identifier: { handle: 'blue-serum-30ml' },
		input: {
			title: 'Blue serum',
			handle: 'blue-serum-30ml',
			status: 'ACTIVE',
			vendor: 'Shop Sync',
			productType: 'Serum',
			tags: ['skin'],
			descriptionHtml: '<p>Blue</p>',
			productOptions: [{ name: 'Size', values: [{ name: '30 ml' }] }],
			variants: [{ optionValues: [{ optionName: 'Size', name: '30 ml' }], price: '49.00', compareAtPrice: '59.00', barcode: '123', inventoryItem: { sku: 'SER-30' } }],
		},
	},
	productVariantsBulkUpdate: { productId: PRODUCT, variants: [{ id: VARIANT, price: '45.00', compareAtPrice: '59.00', barcode: '123', inventoryItem: { sku: 'SER-30' } }] },
	draftOrderCatalog: { first: 100, query: `id:44112233445566 OR sku:${searchValue('SER-30')}` },
	shopCurrency: {},
	draftOrderCreate: {
		input: {
			lineItems: [
				{ variantId: VARIANT, quantity: 2, appliedDiscount: { valueType: 'FIXED_AMOUNT', value: 4.5, title: 'Price set by Ana', description: 'Loyal customer' } },
				{ title: 'Custom engraving', originalUnitPrice: '12.50', quantity: 1, sku: 'ENG' },
			],
			shippingLine: { title: 'Standard', priceWithCurrency: { amount: '5.90', currencyCode: 'EUR' } },
			purchasingEntity: { customerId: parseGid('Customer', '7012345678901') },
			email: 'ana@example.com',
			shippingAddress: { address1: '1 rue X', city: 'Lyon', countryCode: 'FR', zip: '69001' },
			note: 'From the order form',
			tags: ['order-form'],
		},
	},
	draftOrderGet: { id: DRAFT },
	draftOrderInvoiceSend: { id: DRAFT, email: { subject: 'Your order', customMessage: 'Thank you' } },
	orderGet: { id: 'gid://shopify/Order/5512345678901' },
	orderSearch: { first: 10, after: null, query: `updated_at:>${searchValue('2026-12-01T00:00:00.000Z')}` },
	webhookSubscriptions: { first: 100, after: null },
	webhookSubscriptionCreate: { topic: topicEnum('orders/create'), webhookSubscription: { uri: 'https://n8n.example.com/webhook/abc/webhook', format: 'JSON' } },
	webhookSubscriptionDelete: { id: 'gid://shopify/WebhookSubscription/123' },
};

const credentialTest = String((new ShopifyAdminApi().test.request.body as { query: string }).query);

/** Raw GraphQL typed into the shipped workflows' Shopify Admin nodes (GraphQL › Query). */
const WORKFLOWS = join(__dirname, '../../../workflows');
const shippedQueries = readdirSync(WORKFLOWS)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }> }).nodes
			.filter((node) => node.type === 'n8n-nodes-shop-sync.shopify' && node.parameters.resource === 'graphql')
			.map((node) => [`${file} › ${node.name}`, String(node.parameters.query)] as const),
	);

describe.each(STABLE_API_VERSIONS)("Shopify's published Admin API schema %s", (version) => {
	let schema: GraphQLSchema;
	beforeAll(async () => {
		// The first run fetches the schema from the npm registry (scripts/lib/shopifyAdminSchema.ts).
		schema = await adminSchema(version);
	}, 300_000);

	it.each(Object.keys(documents) as Array<keyof typeof documents>)('accepts %s and its variables, within the cost ceiling', (name) => {
		const document = parse(documents[name]);
		expect(validate(schema, document).map((error) => error.message)).toEqual([]);
		const variables = variablesFor[name];
		expect(variableErrors(schema, getOperationAST(document)!, variables).map((error) => error.message)).toEqual([]);
		expect(queryCost(schema, document, variables)).toBeLessThanOrEqual(1000);
	});

	it('finds the shipped workflows\' raw queries', () => {
		expect(shippedQueries.length).toBeGreaterThan(0);
	});

	it('accepts the credential test query', () => {
		expect(validate(schema, parse(credentialTest))).toEqual([]);
	});

	it.each(shippedQueries)('accepts the raw query of %s', (_node, query) => {
		expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
	});

	it('rejects what Shopify rejects (the check is not vacuous)', () => {
		expect(validate(schema, parse('query { draftOrder(id: "gid://shopify/DraftOrder/1") { note } }')).map((error) => error.message)).toEqual([
			expect.stringContaining('Cannot query field "note" on type "DraftOrder"'),
		]);
		const consent = parse(documents.customerEmailMarketingConsentUpdate);
		expect(variableErrors(schema, getOperationAST(consent)!, { input: { customerId: CUSTOMER, emailMarketingConsent: { marketingState: 'YES' } } })).toHaveLength(1);
	});
});

describe('Shopify cost model (simulator)', () => {
	it('charges objects 1, connections 2 + first × node, mutations 10', async () => {
		const schema = await adminSchema(STABLE_API_VERSIONS[0]);
		expect(queryCost(schema, parse('{ shop { name } }'), {})).toBe(1);
		expect(queryCost(schema, parse('query($n: Int) { customers(first: $n) { nodes { id defaultAddress { city } } } }'), { n: 10 })).toBe(2 + 10 * 2);
		expect(queryCost(schema, parse('mutation { customerDelete(input: { id: "gid://shopify/Customer/1" }) { deletedCustomerId } }'), {})).toBe(10);
	}, 300_000);
});

describe('search values', () => {
	it.each([`O'Brien`, 'a" OR email:*', 'back\\slash "quoted"', 'tag:vip AND x', 'ünïcødé 😀'])('quotes %s so the simulator reads it back as one exact value', (value) => {
		const terms = parseSearch(`email:${searchValue(value)}`);
		expect(terms).toEqual([{ field: 'email', op: ':', value, prefix: false }]);
		expect(matches(terms, { email: value }, [])).toBe(true);
		expect(matches(terms, { email: 'someone@else.com' }, [])).toBe(false);
	});

	it('reads an unquoted OR as alternatives, binding looser than AND', () => {
		const terms = parseSearch('sku:"SER-30" OR sku:"crm-50" AND title:cream');
		expect(matches(terms, { sku: 'SER-30', title: 'Serum' }, [])).toBe(true);
		expect(matches(terms, { sku: 'CRM-50', title: 'Night Cream' }, [])).toBe(true);
		expect(matches(terms, { sku: 'CRM-50', title: 'Serum' }, [])).toBe(false);
		expect(matches(parseSearch('sku:"OR"'), { sku: 'OR' }, [])).toBe(true);
	});

	it('compares dates and combines terms with AND', () => {
		const terms = parseSearch('updated_at:>"2026-01-01T00:00:00.000Z" AND financial_status:paid');
		expect(matches(terms, { updated_at: '2026-02-01T00:00:00.000Z', financial_status: 'paid' }, [])).toBe(true);
		expect(matches(terms, { updated_at: '2025-12-31T00:00:00.000Z', financial_status: 'paid' }, [])).toBe(false);
	});
});

describe('record IDs as people paste them', () => {
	it.each([
		['gid://shopify/Customer/7012345678901', 'gid://shopify/Customer/7012345678901'],
		['7012345678901', 'gid://shopify/Customer/7012345678901'],
		[' 7012345678901 ', 'gid://shopify/Customer/7012345678901'],
		['https://admin.shopify.com/store/my-store/customers/7012345678901', 'gid://shopify/Customer/7012345678901'],
		['https://admin.shopify.com/store/my-store/customers/7012345678901?tab=orders', 'gid://shopify/Customer/7012345678901'],
		['gid://shopify/Product/1', undefined],
		['bob@example.com', undefined],
		['', undefined],
	])('%s → %s', (input, expected) => {
		expect(parseGid('Customer', input)).toBe(expected);
	});
});
