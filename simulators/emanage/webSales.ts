/** The browser-facing Web Sales API below /sales/api (KNOWN paths and fields, research §1.4). */
import { randomBytes } from 'node:crypto';

import type { Route, SimRequest, SimResponse } from '../frame/types';
import { type EManageState, seedOrder, stamp } from './state';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON input

const cidOf = (req: SimRequest) => String(req.headers.x_cid ?? '');

function campaignFor(req: SimRequest, state: EManageState, webKey: string) {
	return state.campaigns.find((campaign) => campaign.webKey.toLowerCase() === webKey.toLowerCase() && campaign.cid === cidOf(req));
}

const noCampaign: SimResponse = { status: 404, body: { message: 'Campaign not found.' } };

export const webSalesRoutes: Array<Route<EManageState>> = [
	{
		method: 'GET',
		path: '/sales/api/campaigns/:webKey/products/prices',
		handler: (req, ctx) => {
			const campaign = campaignFor(req, ctx.state, req.params.webKey);
			return campaign ? { status: 200, body: { prices: campaign.prices } } : noCampaign;
		},
	},
	{
		method: 'POST',
		path: '/sales/api/customers/:webKey',
		handler: (req, ctx) => {
			const campaign = campaignFor(req, ctx.state, req.params.webKey);
			if (!campaign) return noCampaign;
			const body = (req.body ?? {}) as Body;
			const email = String(body.email ?? '').trim().toLowerCase();
			if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { status: 400, body: { message: 'The request is invalid.', errors: { email: ['A valid e-mail is required.'] } } };
			const existing = ctx.state.leads.find((lead) => lead.email === email && lead.webKey === campaign.webKey);
			if (existing) return { status: 200, body: existing };
			const lead = { customerId: 5000 + ctx.state.leads.length + 1, email, webKey: campaign.webKey, firstName: body.firstName ?? null, lastName: body.lastName ?? null, phoneNumber: body.phoneNumber ?? null, customerIdentificationTypeId: body.customerIdentificationTypeId ?? null, customerIdentificationValue: body.customerIdentificationValue ?? null, success: true };
			ctx.state.leads.push(lead);
			ctx.changed();
			return { status: 200, body: lead };
		},
	},
	{
		method: 'POST',
		path: '/sales/api/orders/:orderNumber/:productId',
		handler: (req, ctx) => {
			const main = ctx.state.orders.find((order) => order.orderNumber === req.params.orderNumber);
			if (!main) return { status: 404, body: { message: 'Order not found' } };
			const productId = Number(req.params.productId);
			const campaign = ctx.state.campaigns.find((entry) => entry.cid === cidOf(req) && entry.prices.some((price) => price.productId === productId));
			if (!campaign) return { status: 400, body: { success: false, message: `Product ${req.params.productId} is not offered by any campaign of this client.` } };
			const body = (req.body ?? {}) as Body;
			const payment = (body.payment ?? {}) as Body;
			if (payment.cardId !== undefined ? payment.cardId !== main.cardId : payment.paymentProcessorId === undefined) {
				return { status: 400, body: { success: false, message: 'The card does not belong to the main order.' } };
			}
			const price = campaign.prices.find((entry) => entry.productId === productId) as { productPrices: { DiscountedPrice: { Value: number } } };
			const now = stamp();
			const orderId = ctx.state.nextOrderId++;
			const order = seedOrder({ orderId, orderDate: now, productId, productPrice: price.productPrices.DiscountedPrice.Value, email: main.email, webKey: campaign.webKey, cardId: main.cardId, relatedOrderNumber: main.orderNumber });
			ctx.state.orders.push(order);
			ctx.changed();
			return { status: 200, body: { success: true, orderNumber: order.orderNumber, cardId: order.cardId, paymentProcessorId: 1, upsells: [], callBackUrl: `https://example.invalid/thank-you${String(body.callBackParam ?? '')}`, transactionId: `TX${randomBytes(4).toString('hex')}` } };
		},
	},
];
