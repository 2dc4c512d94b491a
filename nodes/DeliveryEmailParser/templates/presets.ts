import type { EmailTemplate } from './types';

/** Presets modelled on real delivery-service order emails (see SPEC.md beside the node). */
export const PRESET_TEMPLATES: EmailTemplate[] = [
	{
		id: 'swiftparcel',
		name: 'SwiftParcel',
		senderDomain: 'swiftparcel.example',
		match: { fromDomains: ['swiftparcel.example'], subjectContains: ['SwiftParcel order'] },
		currency: 'USD',
		defaultCountry: 'US',
		fields: {
			orderNumber: { regex: 'New order\\s*(#\\s*[A-Za-z0-9-]+)', flags: 'i', group: 1 },
			customerName: { label: 'Customer' },
			phone: { label: 'Phone' },
			email: { label: 'Email' },
			address: { label: 'Delivery address' },
			deliveryMethod: { label: 'Delivery method' },
			paymentMethod: { label: 'Payment method' },
			subtotal: { label: 'Subtotal' },
			shipping: { label: 'Delivery' },
			total: { label: 'Total' },
		},
		items: { columns: { sku: 'SKU', title: 'Product', quantity: 'Qty', unitPrice: 'Unit price', total: 'Total' } },
	},
	{
		id: 'bystraya',
		name: 'Bystraya Dostavka',
		senderDomain: 'bystraya-dostavka.example',
		match: { fromDomains: ['bystraya-dostavka.example'], subjectContains: ['Быстрая Доставка'] },
		currency: 'RUB',
		defaultCountry: 'RU',
		fields: {
			orderNumber: { label: 'Номер заказа' },
			customerName: { label: 'ФИО' },
			phone: { label: 'Телефон' },
			email: { label: 'E-mail' },
			address: { label: 'Адрес доставки' },
			deliveryMethod: { label: 'Способ доставки' },
			paymentMethod: { label: 'Способ оплаты' },
			shipping: { label: 'Стоимость доставки' },
			total: { label: 'Итого' },
		},
		items: { columns: { sku: 'Артикул', title: 'Товар', quantity: 'Кол-во', unitPrice: 'Цена', total: 'Сумма' } },
	},
];
