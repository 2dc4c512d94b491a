import { createHmac } from 'node:crypto';

import { DELIVERY_MEMORY_MS, forgetInProcessDeliveries, isRepeatedDelivery, MAX_REMEMBERED_DELIVERIES } from '../../../nodes/Shopify/helpers/deliveryLog';
import { topicEnum, topicFromEnum, WEBHOOK_TOPICS } from '../../../nodes/Shopify/helpers/topics';
import { signShopifyBody, verifyShopifySignature } from '../../../nodes/Shopify/helpers/webhookSignature';

describe('Shopify webhook signature', () => {
	const body = Buffer.from('{"id":706405506930370084,"email":"bob@biller.com"}');
	const secret = 'sim-client-secret-a-0000000000000000';

	it('accepts the HMAC-SHA256 of the raw body, and the previous secret during a rotation', () => {
		expect(verifyShopifySignature(body, signShopifyBody(body, secret), [secret])).toBe(true);
		expect(verifyShopifySignature(body, signShopifyBody(body, 'old-secret'), [secret, 'old-secret'])).toBe(true);
	});

	it.each([
		['a missing header', undefined],
		['an empty header', ''],
		['a signature made with another secret', signShopifyBody(body, 'another-secret')],
		['a hex digest instead of base64', createHmac('sha256', secret).update(body).digest('hex')],
		['a truncated signature', signShopifyBody(body, secret).slice(0, 20)],
		['garbage', '%%%not base64%%%'],
	])('rejects %s', (_case, header) => {
		expect(verifyShopifySignature(body, header, [secret])).toBe(false);
	});

	it('rejects a tampered body carrying the original signature, and a re-serialised body', () => {
		const signature = signShopifyBody(body, secret);
		expect(verifyShopifySignature(Buffer.from(body.toString().replace('bob', 'eve')), signature, [secret])).toBe(false);
		// Parsing and re-stringifying loses the big integer: the check must use the raw bytes.
		expect(verifyShopifySignature(Buffer.from(JSON.stringify(JSON.parse(body.toString()))), signature, [secret])).toBe(false);
	});

	it('never passes with no secret configured', () => {
		expect(verifyShopifySignature(body, signShopifyBody(body, ''), [])).toBe(false);
		expect(verifyShopifySignature(body, signShopifyBody(body, ''), [''])).toBe(false);
	});
});

describe('Shopify delivery log (duplicate filter)', () => {
	beforeEach(() => forgetInProcessDeliveries());

	it('drops a second delivery of the same webhook ID, also after a restart (static data kept, memory gone)', () => {
		const staticData = {};
		expect(isRepeatedDelivery('wf:Trigger', staticData, 'shop-a:w-1', 1_000)).toBe(false);
		expect(isRepeatedDelivery('wf:Trigger', staticData, 'shop-a:w-1', 2_000)).toBe(true);
		forgetInProcessDeliveries();
		const reloaded = JSON.parse(JSON.stringify(staticData));
		expect(isRepeatedDelivery('wf:Trigger', reloaded, 'shop-a:w-1', 3_000)).toBe(true);
		expect(isRepeatedDelivery('wf:Trigger', reloaded, 'shop-a:w-2', 3_000)).toBe(false);
	});

	it('keeps triggers apart and forgets after a day', () => {
		const staticData = {};
		expect(isRepeatedDelivery('wf:A', staticData, 'k', 0)).toBe(false);
		expect(isRepeatedDelivery('wf:B', {}, 'k', 0)).toBe(false);
		forgetInProcessDeliveries();
		expect(isRepeatedDelivery('wf:A', staticData, 'k', DELIVERY_MEMORY_MS + 1)).toBe(false);
	});

	it('bounds what it stores, dropping the oldest first', () => {
		const staticData: { deliveries?: Record<string, number> } = {};
		for (let index = 0; index < MAX_REMEMBERED_DELIVERIES + 10; index++) isRepeatedDelivery('wf', staticData, `k${index}`, index);
		const kept = Object.keys(staticData.deliveries ?? {});
		expect(kept).toHaveLength(MAX_REMEMBERED_DELIVERIES);
		expect(kept).not.toContain('k0');
		expect(kept).toContain(`k${MAX_REMEMBERED_DELIVERIES + 9}`);
	});
});

describe('Shopify webhook topics', () => {
	it('maps every offered topic to its GraphQL enum and back', () => {
		expect(topicEnum('draft_orders/update')).toBe('DRAFT_ORDERS_UPDATE');
		for (const topic of WEBHOOK_TOPICS) expect(topicFromEnum(topicEnum(topic))).toBe(topic);
	});
});
