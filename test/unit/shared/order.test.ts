import { addressText, orderKey } from '../../../nodes/shared/order';
import { shopifyOrderToNormalized, shopifyStatus } from '../../../nodes/shared/shopifyOrder';

describe('orderKey', () => {
	it('is source:service:source order ID, source and service lower-cased, parts trimmed', () => {
		expect(orderKey('Shopify', ' My-Shop.myshopify.com ', ' 5678901234567 ')).toBe('shopify:my-shop.myshopify.com:5678901234567');
		expect(orderKey('email', 'swiftparcel', 'SP-100234')).toBe('email:swiftparcel:SP-100234');
	});
	it('refuses empty parts', () => {
		expect(() => orderKey('email', ' ', '')).toThrow('an order key needs a service, source order ID');
	});
});

describe('addressText', () => {
	it('joins the parts that are there', () => {
		expect(addressText({ name: 'Bob', line1: '1 rue X', line2: null, city: 'Paris', region: null, postalCode: '75001', countryCode: 'FR' })).toBe('1 rue X, 75001 Paris, FR');
		expect(addressText(null)).toBeNull();
	});
});

// research/shopify.md §1.5, the condensed orders/create example.
const PAYLOAD = {
	id: 5678901234567,
	admin_graphql_api_id: 'gid://shopify/Order/5678901234567',
	name: '#1001',
	order_number: 1001,
	email: 'bob@biller.com',
	phone: null,
	created_at: '2026-03-02T10:15:00+01:00',
	updated_at: '2026-03-02T10:15:02+01:00',
	currency: 'EUR',
	financial_status: 'paid',
	fulfillment_status: null,
	subtotal_price: '49.00',
	total_discounts: '0.00',
	total_tax: '8.17',
	total_price: '54.90',
	shipping_lines: [{ title: 'Standard', price: '5.90', code: 'STD' }],
	customer: { id: '706405506930370084', email: 'bob@biller.com', first_name: 'Bob', last_name: 'Biller' },
	billing_address: { first_name: 'Bob', last_name: 'Biller', address1: '1 rue X', city: 'Paris', zip: '75001', country_code: 'FR', phone: null },
	shipping_address: { first_name: 'Bob', last_name: 'Biller', address1: '1 rue X', address2: 'Bât. B', city: 'Paris', province: null, zip: '75001', country_code: 'fr', phone: '+33 6 12 34 56 78' },
	line_items: [
		{ id: 13688971493691, sku: 'SKU-1', title: 'Serum', variant_title: '30ml', name: 'Serum - 30ml', quantity: 1, price: '49.00' },
		{ id: 13688971493692, sku: '', title: 'Sample', name: 'Sample', quantity: 3, price: '0.10' },
	],
	payment_gateway_names: ['shopify_payments', 'gift_card'],
};

describe('shopifyOrderToNormalized', () => {
	it('maps the orders/create payload to the shared order shape', () => {
		expect(shopifyOrderToNormalized(PAYLOAD, 'My-Shop.myshopify.com', '2026-03-02T09:15:03.000Z')).toEqual({
			source: 'shopify',
			service: 'my-shop.myshopify.com',
			serviceName: 'my-shop.myshopify.com',
			sourceOrderId: '5678901234567',
			orderNumber: '#1001',
			orderKey: 'shopify:my-shop.myshopify.com:5678901234567',
			customer: { name: 'Bob Biller', phone: '+33 6 12 34 56 78', email: 'bob@biller.com' },
			delivery: {
				address: '1 rue X, Bât. B, 75001 Paris, FR',
				addressParts: { name: 'Bob Biller', line1: '1 rue X', line2: 'Bât. B', city: 'Paris', region: null, postalCode: '75001', countryCode: 'FR' },
				method: 'Standard',
			},
			paymentMethod: 'shopify_payments, gift_card',
			items: [
				{ sku: 'SKU-1', title: 'Serum - 30ml', quantity: 1, unitPrice: '49.00', total: '49.00' },
				{ sku: null, title: 'Sample', quantity: 3, unitPrice: '0.10', total: '0.30' },
			],
			totals: { subtotal: '49.00', shipping: '5.90', total: '54.90' },
			currency: 'EUR',
			status: 'paid',
			createdAt: '2026-03-02T09:15:00.000Z',
			ingestedAt: '2026-03-02T09:15:03.000Z',
			email: null,
			raw: PAYLOAD,
		});
	});

	it('keeps an order ID beyond 2^53 exact through admin_graphql_api_id', () => {
		// As JSON.parse reads the webhook body: the numeric id has already lost its last digit.
		const parsed = JSON.parse('{"id": 9007199254740993, "admin_graphql_api_id": "gid://shopify/Order/9007199254740993"}') as object;
		const order = shopifyOrderToNormalized({ ...PAYLOAD, ...parsed }, 'a.myshopify.com');
		expect(order.sourceOrderId).toBe('9007199254740993');
	});

	it('prefers total_shipping_price_set over the shipping lines', () => {
		const order = shopifyOrderToNormalized({ ...PAYLOAD, total_shipping_price_set: { shop_money: { amount: '4.50', currency_code: 'EUR' } } }, 'a.myshopify.com');
		expect(order.totals.shipping).toBe('4.50');
	});

	it('derives the status: cancelled > fulfilled > financial status > new', () => {
		expect(shopifyStatus({ cancelled_at: '2026-03-03T00:00:00Z', fulfillment_status: 'fulfilled' })).toBe('cancelled');
		expect(shopifyStatus({ fulfillment_status: 'partial', financial_status: 'paid' })).toBe('partially_fulfilled');
		expect(shopifyStatus({ financial_status: 'PENDING' })).toBe('pending');
		expect(shopifyStatus({})).toBe('new');
	});

	it('refuses what is not an orders/create payload', () => {
		expect(() => shopifyOrderToNormalized({ id: 1 }, 'a.myshopify.com')).toThrow('no total_price or currency');
		expect(() => shopifyOrderToNormalized(PAYLOAD, '')).toThrow('shop domain is missing');
		expect(() => shopifyOrderToNormalized([], 'a.myshopify.com')).toThrow('not an object');
	});
});
