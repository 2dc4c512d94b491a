import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { campaignWebKey, requiredString } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { campaignLocator, orderNumber } from '../common.descriptions';

const show = { resource: ['upsell'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ ...campaignLocator(show), displayName: 'Upsell Campaign', description: 'The upsell page\'s campaign (its own web key). Leave empty to use the credential\'s default.' },
	orderNumber(show, 'The main order the upsell joins (its number, from the order answer or the order list)'),
	{
		displayName: 'Upsell Product ID',
		name: 'productId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The campaign product to add (see Campaign → Get Product Prices)',
		displayOptions: { show },
	},
	{
		displayName: 'Payment',
		name: 'payment',
		type: 'options',
		options: [
			{ name: 'Payment Processor', value: 'processor', description: 'E.g. 5 for the PayPal-style path.' },
			{ name: 'Stored Card', value: 'card', description: 'Charge the card of the main order (its card ID)' },
		],
		default: 'card',
		displayOptions: { show },
	},
	{
		displayName: 'Card ID',
		name: 'cardId',
		type: 'string',
		required: true,
		default: '',
		description: 'The "cardId" the main order answer returned',
		displayOptions: { show: { ...show, payment: ['card'] } },
	},
	{
		displayName: 'Payment Processor ID',
		name: 'paymentProcessorId',
		type: 'number',
		default: 5,
		displayOptions: { show: { ...show, payment: ['processor'] } },
	},
	{
		displayName: 'Customer Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Anti-Fraud Session ID', name: 'antiFraudSessionId', type: 'string', default: '' },
			{ displayName: 'Callback Parameters', name: 'callBackParam', type: 'string', default: '', placeholder: '?ref=upsell1' },
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '' },
			{ displayName: 'Funnel Box ID', name: 'funnelBoxId', type: 'number', default: 0 },
			{ displayName: 'Shipping Address ID', name: 'shippingAddressId', type: 'number', default: 0, description: 'The main order\'s customerResult.shippingAddressId' },
			{ displayName: 'Shipping Method ID', name: 'shippingMethodId', type: 'number', default: 0, description: 'From the campaign\'s shippings; 0 leaves it out' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const webKey = await campaignWebKey.call(this, itemIndex);
		const order = requiredString.call(this, 'orderNumber', 'Order Number', 'Enter the main order\'s number (orderNumber).', itemIndex);
		const productId = Number(this.getNodeParameter('productId', itemIndex, 0));
		if (!Number.isInteger(productId) || productId <= 0) {
			throw parameterError(this.getNode(), 'Upsell Product ID', 'must be a positive whole number', 'Enter the campaign product ID from Campaign → Get Product Prices.', itemIndex);
		}
		const email = requiredString.call(this, 'email', 'Customer Email', 'Enter the e-mail of the main order\'s customer.', itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const payment: IDataObject =
			this.getNodeParameter('payment', itemIndex) === 'card'
				? { cardId: requiredString.call(this, 'cardId', 'Card ID', 'Enter the cardId returned with the main order.', itemIndex) }
				: { paymentProcessorId: Number(this.getNodeParameter('paymentProcessorId', itemIndex, 5)) };
		const body: IDataObject = {
			productId,
			comment: extra.comment ?? '',
			useShippingAddressForBilling: true,
			customer: { email },
			payment,
			callBackParam: extra.callBackParam ?? '',
			funnelBoxId: extra.funnelBoxId ?? 0,
			billingAddress: null,
			campaignUpsell: { webKey, relatedOrderNumber: order },
			...(extra.shippingMethodId ? { shippingMethodId: extra.shippingMethodId } : {}),
			...(extra.shippingAddressId ? { shippingAddress: { id: extra.shippingAddressId } } : {}),
			...(extra.antiFraudSessionId ? { antiFraud: { sessionId: extra.antiFraudSessionId } } : {}),
		};
		// A charge: never repeated automatically.
		const answer = await eManageRequest.call(this, 'upsellCreate', { orderNumber: order, productId }, { body, itemIndex, idempotent: false });
		return { relatedOrderNumber: order, ...((answer ?? {}) as IDataObject) };
	});
}
