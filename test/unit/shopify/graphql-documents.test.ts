import { parse, validate } from 'graphql';

import { parseGid } from '../../../nodes/Shopify/helpers/gid';
import { searchValue } from '../../../nodes/Shopify/helpers/searchQuery';
import { documents } from '../../../nodes/Shopify/transport/documents';
import { queryCost } from '../../../simulators/shopify/cost';
import { shopifySchema } from '../../../simulators/shopify/graphql';
import { matches, parseSearch } from '../../../simulators/shopify/search';

describe('the GraphQL documents the Shopify nodes send', () => {
	it.each(Object.entries(documents))('%s is valid against the simulated Admin API schema and within the cost ceiling', (_name, document) => {
		const parsed = parse(document);
		expect(validate(shopifySchema, parsed).map((error) => error.message)).toEqual([]);
		// Paged queries are sent with the page size the node uses; the largest is 100.
		expect(queryCost(shopifySchema, parsed, { first: /products|Product/.test(document) ? 20 : /orders\(/.test(document) ? 10 : 100 })).toBeLessThanOrEqual(1000);
	});
});

describe('Shopify cost model (simulator)', () => {
	it('charges objects 1, connections 2 + first × node, mutations 10', () => {
		expect(queryCost(shopifySchema, parse('{ shop { name } }'), {})).toBe(1);
		expect(queryCost(shopifySchema, parse('query($n: Int) { customers(first: $n) { nodes { id defaultAddress { city } } } }'), { n: 10 })).toBe(2 + 10 * 2);
		expect(queryCost(shopifySchema, parse('mutation { customerDelete(input: { id: "gid://shopify/Customer/1" }) { deletedCustomerId } }'), {})).toBe(10);
	});
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
