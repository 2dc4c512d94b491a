import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	CONSENT_RULE_OPTIONS,
	type ConsentRule,
	MERGE_RULE_OPTIONS,
	mergeReason,
	notMergedReason,
	phonesMatch,
} from '../../../shared/customerMerge';
import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { customerFromSource, type CustomerFields, toCustomerInput } from '../../helpers/customerInput';
import { consentToSet, fieldsThatWouldChange } from '../../helpers/customerMerge';
import { parseGid } from '../../helpers/gid';
import { searchValue } from '../../helpers/searchQuery';
import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';
import { customerSourceFields } from '../common.descriptions';
import { updateEmailConsent } from './consent';

const show = { resource: ['customer'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Custom ID',
				value: 'customId',
				description: 'A unique metafield (type "ID") holding your own key, e.g. the ERP customer code',
			},
			{ name: 'Email', value: 'email', description: 'The customer\'s email address' },
		],
		default: 'email',
		displayOptions: { show },
	},
	{
		displayName: 'Custom ID Namespace',
		name: 'customIdNamespace',
		type: 'string',
		default: 'custom',
		displayOptions: { show: { ...show, matchBy: ['customId'] } },
		description: 'Namespace of the metafield definition (type "ID", unique values) that holds the key',
	},
	{
		displayName: 'Custom ID Key',
		name: 'customIdKey',
		type: 'string',
		default: 'erp_id',
		displayOptions: { show: { ...show, matchBy: ['customId'] } },
	},
	{
		displayName: 'Custom ID Value',
		name: 'customIdValue',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...show, matchBy: ['customId'] } },
		description: 'The key of this customer in your other system',
	},
	{
		displayName: 'Merge Into Existing Customer',
		name: 'mergeExisting',
		type: 'options',
		options: MERGE_RULE_OPTIONS,
		default: 'verifiedOrPhone',
		description: 'When a customer who already has this email in this store may be updated with this data. Anyone can sign up with somebody else\'s address.',
		displayOptions: { show: { ...show, matchBy: ['email'] } },
	},
	{
		displayName: 'Email Verified',
		name: 'emailVerified',
		type: 'boolean',
		default: false,
		description: 'Whether the email address is confirmed as this customer\'s (e.g. a confirmed account). From a webhook payload, its verified_email decides.',
		displayOptions: { show: { ...show, matchBy: ['email'], mergeExisting: ['verifiedOrPhone'], customerSource: ['fields'] } },
	},
	{
		displayName: 'Linked Customer ID',
		name: 'linkedCustomerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. gid://shopify/Customer/7012345678901',
		description: 'This person\'s customer in this store, if your workflow already linked them (e.g. from a link table). Found by email, it is updated even when the email is not verified.',
		displayOptions: { show: { ...show, matchBy: ['email'], mergeExisting: ['verifiedOrPhone'] } },
	},
	{
		displayName: 'Marketing Consent',
		name: 'marketingConsent',
		type: 'options',
		options: CONSENT_RULE_OPTIONS,
		default: 'optOutsOnly',
		description: 'Which email marketing state the upsert sets. A customer who subscribed in another store has not subscribed in this one.',
		displayOptions: { show },
	},
	...customerSourceFields(show),
];

/** The customer who has exactly this email in this store (search matches loosely, so the result is checked). */
async function customerWithEmail(this: IExecuteFunctions, email: string, itemIndex: number): Promise<IDataObject | undefined> {
	const data = await shopifyGraphql.call(this, documents.customerByEmail, { query: `email:${searchValue(email)}` }, { itemIndex });
	const nodes = ((data.customers as IDataObject | undefined)?.nodes ?? []) as IDataObject[];
	return nodes.find((customer) => String(customer.email ?? '').toLowerCase() === email.toLowerCase());
}

/** Why an upsert by email may not touch the customer who has the email, or undefined when it may. */
function refusal(this: IExecuteFunctions, customer: CustomerFields, existing: IDataObject, itemIndex: number): IDataObject | undefined {
	const linked = parseGid('Customer', this.getNodeParameter('linkedCustomerId', itemIndex, ''));
	const source = this.getNodeParameter('customerSource', itemIndex, 'fields');
	const emailVerified = source === 'webhookPayload' ? customer.verifiedEmail === true : (this.getNodeParameter('emailVerified', itemIndex, false) as boolean);
	const existingAddress = (existing.defaultAddress ?? {}) as IDataObject;
	const reason = mergeReason('verifiedOrPhone', {
		emailVerified,
		linked: linked !== undefined && linked === existing.id,
		phoneMatches: () =>
			phonesMatch(
				[customer.phone, ...(customer.addresses ?? []).map((address) => address.phone)],
				[existing.phone, existingAddress.phone],
				customer.addresses?.[0]?.countryCode ?? (existingAddress.countryCodeV2 as string | undefined),
			),
	});
	if (reason) return undefined;
	const changing = fieldsThatWouldChange(customer, existing);
	const consentNow = (existing.emailMarketingConsent as IDataObject | null)?.marketingState as string | undefined;
	if (consentToSet(customer.emailMarketingState, consentNow, this.getNodeParameter('marketingConsent', itemIndex, 'optOutsOnly') as ConsentRule)) changing.push('emailMarketingState');
	// A full copy of what the customer already has changes nothing, e.g. the sync's own copy
	// replayed before its link was saved.
	if (changing.length === 0) return undefined;
	return {
		notMerged: true,
		existingCustomerId: existing.id,
		email: customer.email,
		// Names only: the other person's data stays out of this item.
		notMergedFields: changing,
		reason: notMergedReason(`customer ${String(existing.id)} in this store`),
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const customer = customerFromSource.call(this, itemIndex);
		const matchBy = this.getNodeParameter('matchBy', itemIndex) as string;
		let identifier: IDataObject;
		if (matchBy === 'customId') {
			const value = String(this.getNodeParameter('customIdValue', itemIndex, '')).trim();
			if (value === '') throw parameterError(this.getNode(), 'Custom ID Value', 'is empty', 'Map the customer\'s key in your other system, e.g. the ERP code.', itemIndex);
			identifier = {
				customId: {
					namespace: String(this.getNodeParameter('customIdNamespace', itemIndex, 'custom')).trim(),
					key: String(this.getNodeParameter('customIdKey', itemIndex, 'erp_id')).trim(),
					value,
				},
			};
		} else {
			if (!customer.email) throw parameterError(this.getNode(), 'Email', 'is empty', 'Upsert by email needs the customer\'s email. Add it, or match by Custom ID.', itemIndex);
			identifier = { email: customer.email };
			if (this.getNodeParameter('mergeExisting', itemIndex, 'verifiedOrPhone') === 'verifiedOrPhone') {
				const existing = await customerWithEmail.call(this, customer.email, itemIndex);
				const refused = existing ? refusal.call(this, customer, existing, itemIndex) : undefined;
				if (refused) return refused;
			}
		}
		// An upsert by a unique identifier gives the same customer however often it is sent, so an
		// unanswered or failed attempt can be repeated (customerCreate cannot).
		const data = await shopifyGraphql.call(this, documents.customerSet, { identifier, input: toCustomerInput(customer) }, { itemIndex, idempotent: true });
		const payload = data.customerSet as { customer: IDataObject | null; userErrors: UserError[] };
		throwOnUserErrors(this, 'customerSet', payload.userErrors, itemIndex, (error) =>
			error.code === 'METAFIELD_DEFINITION_NOT_FOUND' || /definition/i.test(error.message)
				? 'Create a metafield definition of type "id" with unique values for customers (Settings → Custom data → Customers) with this namespace and key.'
				: undefined,
		);
		const saved = payload.customer as IDataObject;
		const consentNow = (saved.emailMarketingConsent as IDataObject | null)?.marketingState as string | undefined;
		const consent = consentToSet(customer.emailMarketingState, consentNow, this.getNodeParameter('marketingConsent', itemIndex, 'optOutsOnly') as ConsentRule);
		if (consent) {
			await updateEmailConsent.call(this, String(saved.id), consent, itemIndex);
			saved.emailMarketingConsent = { ...(saved.emailMarketingConsent as IDataObject), marketingState: consent };
		}
		return saved;
	});
}
