import { FormOrderProblem, formOrderToNormalized, ORDER_FORM_FIELDS, parseItemLines } from '../../../nodes/shared/formOrder';

const submission = {
	[ORDER_FORM_FIELDS.customer]: 'Ana Lima',
	[ORDER_FORM_FIELDS.phone]: '+351 912 345 678',
	[ORDER_FORM_FIELDS.email]: 'Ana.Lima@Example.pt',
	[ORDER_FORM_FIELDS.address]: 'Rua Augusta 1, 1100-048 Lisboa',
	[ORDER_FORM_FIELDS.items]: 'CHA-01; 3 x Chá verde @ 4,30\n1 × Caneca @ 9.90',
	[ORDER_FORM_FIELDS.deliveryMethod]: 'CTT Expresso',
	[ORDER_FORM_FIELDS.paymentMethod]: 'MB Way',
	[ORDER_FORM_FIELDS.shipping]: '3.50',
	submittedAt: '2026-11-22T09:00:00.000+00:00',
	formMode: 'production',
};

describe('order form submission → the shared order shape', () => {
	it('maps customer, delivery, payment, items and totals, with money as decimal strings', () => {
		const order = formOrderToNormalized(submission, 'Manager order form', '2026-11-22T10:00:00.000Z');
		expect(order).toMatchObject({
			source: 'form',
			service: 'manager order form',
			customer: { name: 'Ana Lima', phone: '+351 912 345 678', email: 'ana.lima@example.pt' },
			delivery: { address: 'Rua Augusta 1, 1100-048 Lisboa', method: 'CTT Expresso' },
			paymentMethod: 'MB Way',
			items: [
				{ sku: 'CHA-01', title: 'Chá verde', quantity: 3, unitPrice: '4.30', total: '12.90' },
				{ sku: null, title: 'Caneca', quantity: 1, unitPrice: '9.90', total: '9.90' },
			],
			totals: { subtotal: '22.80', shipping: '3.50', total: '26.30' },
			currency: 'EUR',
			status: 'new',
			createdAt: '2026-11-22T09:00:00.000Z',
			ingestedAt: '2026-11-22T10:00:00.000Z',
		});
		expect(order.orderKey).toBe(`form:manager order form:${order.sourceOrderId}`);
	});

	it('gives a replayed submission the same key and a different order another one', () => {
		const first = formOrderToNormalized(submission, 'Form');
		expect(formOrderToNormalized({ ...submission }, 'Form').orderKey).toBe(first.orderKey);
		expect(formOrderToNormalized({ ...submission, submittedAt: '2026-11-22T09:05:00.000+00:00' }, 'Form').orderKey).not.toBe(first.orderKey);
	});

	it.each([
		['no customer and no phone', { [ORDER_FORM_FIELDS.items]: '1 x A @ 1' }, /neither "Customer Name" nor "Phone"/],
		['no items', { [ORDER_FORM_FIELDS.customer]: 'X' }, /Items is empty/],
		['an item without a price', { [ORDER_FORM_FIELDS.customer]: 'X', [ORDER_FORM_FIELDS.items]: '2 x Serum' }, /Items line 1 "2 x Serum" does not read as/],
		['a bad price', { [ORDER_FORM_FIELDS.customer]: 'X', [ORDER_FORM_FIELDS.items]: '2 x Serum @ 1.2.3' }, /the price "1.2.3" is not an amount/],
		['a zero quantity', { [ORDER_FORM_FIELDS.customer]: 'X', [ORDER_FORM_FIELDS.items]: '0 x Serum @ 2' }, /at least 1/],
	])('names the field when there is %s', (_case, fields, message) => {
		expect(() => formOrderToNormalized(fields, 'Form')).toThrow(FormOrderProblem);
		expect(() => formOrderToNormalized(fields, 'Form')).toThrow(message);
	});

	it('reads quantities, SKUs and prices with a comma', () => {
		expect(parseItemLines('Tea @ 2,5')).toEqual([{ sku: null, title: 'Tea', quantity: 1, unitPrice: '2.50', total: '2.50' }]);
	});
});
