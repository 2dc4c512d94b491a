import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	CONSENT_RULE_OPTIONS,
	type ConsentRule,
	MERGE_RULE_OPTIONS,
	type MergeReason,
	type MergeRule,
	mergeReason,
	notMergedReason,
	phonesMatch,
} from '../../../shared/customerMerge';
import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { type CegidCustomer, type CustomerField, changedFields, compactCustomer } from '../../helpers/customer';
import { readCustomerInput } from '../../helpers/input';
import { customerClient, type CustomerClient } from '../../transport/customers';
import { customerInput } from '../common.descriptions';

const show = { resource: ['customer'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Finds the customer by External Reference first (the Shopify customer GID when mapping from Shopify), then by e-mail; updates only what differs, or creates the customer. Running it again with the same data changes nothing. A customer found by e-mail alone is updated only as Merge Into Existing Customer allows; otherwise the item comes out with action "notMerged" and nothing is written.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Match by Email',
		name: 'matchByEmail',
		type: 'boolean',
		default: true,
		description: 'Whether to look for the customer by e-mail when no customer has the external reference, so one person bought in several stores stays one CEGID customer',
		displayOptions: { show },
	},
	{
		displayName: 'Merge Into Existing Customer',
		name: 'mergeExisting',
		type: 'options',
		options: MERGE_RULE_OPTIONS,
		default: 'verifiedOrPhone',
		description: 'When a CEGID customer found by e-mail (not by External Reference) may be updated with this data. Anyone can sign up with somebody else\'s address.',
		displayOptions: { show: { ...show, matchByEmail: [true] } },
	},
	{
		displayName: 'Email Verified',
		name: 'emailVerified',
		type: 'boolean',
		default: false,
		description: 'Whether the e-mail address is confirmed as this customer\'s (e.g. a confirmed account). With Map From Shopify Customer, Shopify\'s verified_email decides.',
		displayOptions: { show: { ...show, matchByEmail: [true], mergeExisting: ['verifiedOrPhone'], source: ['fields'] } },
	},
	{
		displayName: 'Linked CEGID Customer ID',
		name: 'linkedCustomerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. C000123',
		description: 'The CEGID customer your workflow already linked this record to (e.g. from a link table). Found by e-mail, it is the same person and is updated even when the e-mail is not verified.',
		displayOptions: { show: { ...show, matchByEmail: [true], mergeExisting: ['verifiedOrPhone'] } },
	},
	{
		displayName: 'Marketing Consent When Merging',
		name: 'mergeConsent',
		type: 'options',
		options: CONSENT_RULE_OPTIONS,
		default: 'optOutsOnly',
		description: 'Which opt-ins a customer found by e-mail (the same person from another store) takes. A new customer, or one found by its External Reference, takes its own consent as it is.',
		displayOptions: { show: { ...show, matchByEmail: [true] } },
	},
	...customerInput(show, 'Customer Fields'),
];

const OPTIN_FIELDS: CustomerField[] = ['optinEmail', 'optinMobile', 'optinPostal', 'emailingAccepted'];

/** Keeps only the explicit refusals among the opt-in fields: an opt-out travels, an opt-in does not. */
function keepOptOutsOnly(desired: CegidCustomer, explicitOptOuts: Set<CustomerField>): void {
	for (const field of OPTIN_FIELDS) {
		if (desired[field] !== undefined && !explicitOptOuts.has(field)) delete desired[field];
	}
}

type MatchedBy = 'externalReference' | 'email';

async function findMatch(
	this: IExecuteFunctions,
	client: CustomerClient,
	customer: CegidCustomer,
	matchByEmail: boolean,
	itemIndex: number,
): Promise<{ current?: CegidCustomer; matchedBy?: MatchedBy }> {
	if (customer.externalReference) {
		const current = await client.findByExternalReference(customer.externalReference);
		if (current) return { current, matchedBy: 'externalReference' };
	}
	if (!matchByEmail || !customer.email) return {};
	const found = await client.search({ email: customer.email }, 10);
	let candidates = found.filter((entry) => entry.email?.toLowerCase() === customer.email?.toLowerCase());
	if (candidates.length > 1) candidates = candidates.filter((entry) => !entry.closed);
	if (candidates.length > 1) candidates = candidates.filter((entry) => !entry.externalReference);
	if (candidates.length === 1) return { current: candidates[0], matchedBy: 'email' };
	if (found.length > 1) {
		throw parameterError(
			this.getNode(),
			'Email',
			`${found.length} CEGID customers have the e-mail ${customer.email} (${found.map((entry) => entry.customerId).join(', ')})`,
			'Merge the duplicates in Y2, or give the customer an External Reference that one of them holds.',
			itemIndex,
		);
	}
	return {};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const { customer, warnings, lastNameIsPlaceholder, explicitOptOuts, emailVerified } = readCustomerInput.call(this, itemIndex);
		const matchByEmail = this.getNodeParameter('matchByEmail', itemIndex, true) as boolean;
		const rule = this.getNodeParameter('mergeExisting', itemIndex, 'verifiedOrPhone') as MergeRule;
		const consentRule = this.getNodeParameter('mergeConsent', itemIndex, 'optOutsOnly') as ConsentRule;
		if (!customer.externalReference && !(matchByEmail && customer.email)) {
			throw parameterError(
				this.getNode(),
				'External Reference',
				'is empty and there is no e-mail to match by',
				'Set External Reference (mapping from Shopify sets it to the customer GID) or Email, so the upsert can find an existing customer.',
				itemIndex,
			);
		}
		const client = await customerClient.call(this, itemIndex);
		const { current, matchedBy } = await findMatch.call(this, client, customer, matchByEmail, itemIndex);

		if (!current) {
			if (!customer.lastName) {
				throw parameterError(this.getNode(), 'Last Name', 'is required for a new CEGID customer', 'Add Last Name under Customer Fields, or set Options → Last Name When Missing.', itemIndex);
			}
			const id = await client.create(customer);
			const created = await client.get(id);
			return result('created', undefined, created, Object.keys(customer), warnings);
		}

		const desired: CegidCustomer = { ...customer };
		if (lastNameIsPlaceholder && current.lastName) delete desired.lastName;
		let mergedBecause: MergeReason | undefined;
		if (matchedBy === 'email') {
			if (current.externalReference && desired.externalReference && current.externalReference !== desired.externalReference) {
				// The same person from another store: keep the reference CEGID already has, so that store still finds them.
				warnings.push(`Matched by e-mail; the customer keeps its external reference ${current.externalReference}.`);
				delete desired.externalReference;
			}
			if (consentRule === 'optOutsOnly') keepOptOutsOnly(desired, explicitOptOuts);
			const linkedId = String(this.getNodeParameter('linkedCustomerId', itemIndex, '') ?? '').trim();
			const region = String((this.getNodeParameter('options', itemIndex, {}) as IDataObject).defaultPhoneCountry ?? '').trim() || undefined;
			mergedBecause = mergeReason(rule, {
				emailVerified: emailVerified ?? (this.getNodeParameter('emailVerified', itemIndex, false) as boolean),
				linked: linkedId !== '' && linkedId === current.customerId,
				phoneMatches: () => phonesMatch([customer.mobilePhone, customer.homePhone], [current.mobilePhone, current.homePhone], region),
			});
		}
		const changes = changedFields(desired, current);
		const changed = Object.keys(changes);
		const untrusted = matchedBy === 'email' && !mergedBecause;
		// Data CEGID already holds changes nothing, e.g. the echo of a copy this sync wrote. Unmerged,
		// the item still shows none of the existing customer's data.
		if (changed.length === 0) {
			const shown = untrusted ? { customerId: current.customerId, closed: current.closed } : current;
			return result('unchanged', matchedBy, shown, [], warnings, mergedBecause);
		}
		if (untrusted) {
			return {
				action: 'notMerged',
				matchedBy,
				customerId: '',
				existingCustomerId: current.customerId ?? '',
				// Names only: the other person's data stays out of this item.
				notMergedFields: changed,
				reason: notMergedReason(`CEGID customer ${current.customerId}`),
				...(warnings.length ? { warnings } : {}),
			};
		}
		await client.update(current, changes);
		return result('updated', matchedBy, await client.get(String(current.customerId)), changed, warnings, mergedBecause);
	});
}

function result(action: string, matchedBy: MatchedBy | undefined, customer: CegidCustomer, changed: string[], warnings: string[], mergedBecause?: MergeReason): IDataObject {
	return {
		action,
		...(matchedBy ? { matchedBy } : {}),
		...(mergedBecause ? { mergedBecause } : {}),
		customerId: customer.customerId ?? '',
		changedFields: changed,
		customer: compactCustomer(customer),
		...(warnings.length ? { warnings } : {}),
	};
}
