import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { isEmail, isShopDomain, MAX_EMAIL_LENGTH, signInvitation } from '../../helpers/invitation';
import { invitationSecret } from '../../helpers/invitationSecret';
import { requiredString } from '../../helpers/parameters';
import { ownerEmail, shopDomain } from '../common.descriptions';

const show = { resource: ['syncApp'], operation: ['createInvitation'] };

/** A week and a half at most: an invitation is meant to be used soon, not kept. */
const MAX_HOURS = 240;

export const description: INodeProperties[] = [
	shopDomain(show),
	ownerEmail(show, 'The shop owner who may use the invitation. The onboarding signs the shop up under this e-mail; the owner cannot change it.'),
	{
		displayName: 'Onboarding Form URL',
		name: 'formUrl',
		type: 'string',
		placeholder: 'https://n8n.example.com/form/shop-sync-onboarding',
		required: true,
		default: '',
		description: 'The production URL of the owner\'s onboarding form (its Form Trigger → Production URL). The invitation is added to it as ?invitation=….',
		displayOptions: { show },
	},
	{
		displayName: 'Expires After (Hours)',
		name: 'expiresAfterHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_HOURS },
		default: 72,
		description: `How long the link can be used (1 to ${MAX_HOURS} hours). It also stops working once used.`,
		displayOptions: { show },
	},
];

function formLink(this: IExecuteFunctions, raw: string, itemIndex: number): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw parameterError(this.getNode(), 'Onboarding Form URL', `"${raw}" is not a URL`, 'Paste the Production URL of the onboarding Form Trigger, e.g. https://n8n.example.com/form/shop-sync-onboarding.', itemIndex);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw parameterError(this.getNode(), 'Onboarding Form URL', `"${raw}" is not a web address`, 'Use the form\'s http(s) Production URL.', itemIndex);
	}
	return url;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const shop = requiredString.call(this, 'shopDomain', 'Shop Domain', 'Enter the shop\'s myshopify.com domain.', itemIndex).toLowerCase();
		if (!isShopDomain(shop)) {
			throw parameterError(this.getNode(), 'Shop Domain', `"${shop.slice(0, 80)}" is not a myshopify.com domain`, 'Enter the shop\'s domain as Shopify shows it, e.g. my-store.myshopify.com.', itemIndex);
		}
		const email = requiredString.call(this, 'ownerEmail', 'Owner Email', 'Enter the shop owner\'s e-mail.', itemIndex);
		if (!isEmail(email)) {
			throw parameterError(this.getNode(), 'Owner Email', `"${email.slice(0, 80)}" is not an e-mail address`, `Enter one address such as owner@my-store.com (at most ${MAX_EMAIL_LENGTH} characters).`, itemIndex);
		}
		const url = formLink.call(this, requiredString.call(this, 'formUrl', 'Onboarding Form URL', 'Paste the Production URL of the onboarding Form Trigger.', itemIndex), itemIndex);
		const hours = Number(this.getNodeParameter('expiresAfterHours', itemIndex, 72));
		if (!Number.isFinite(hours) || hours < 1 || hours > MAX_HOURS) {
			throw parameterError(this.getNode(), 'Expires After (Hours)', `${hours} is out of range`, `Enter a number of hours from 1 to ${MAX_HOURS}.`, itemIndex);
		}
		const secret = await invitationSecret.call(this, itemIndex);
		const expiresAt = Math.floor(Date.now() / 1000 + hours * 3600);
		const { token } = signInvitation(secret, { shopDomain: shop, ownerEmail: email, expiresAt, workflowId: String(this.getWorkflow().id ?? '') });
		url.searchParams.set('invitation', token);
		return { shopDomain: shop, ownerEmail: email, expiresAt: new Date(expiresAt * 1000).toISOString(), url: url.toString() };
	});
}
