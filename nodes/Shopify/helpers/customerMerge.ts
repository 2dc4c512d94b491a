/**
 * The Shopify side of the merge rule (nodes/shared/customerMerge.ts): what an upsert by email would
 * change on the customer that already has the email, and which marketing consent it may set.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ConsentRule } from '../../shared/customerMerge';
import type { AddressInput, CustomerFields } from './customerInput';

const norm = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

const ADDRESS_KEYS: Array<[keyof AddressInput, string]> = [
	['address1', 'address1'],
	['address2', 'address2'],
	['city', 'city'],
	['company', 'company'],
	['countryCode', 'countryCodeV2'],
	['firstName', 'firstName'],
	['lastName', 'lastName'],
	['phone', 'phone'],
	['provinceCode', 'provinceCode'],
	['zip', 'zip'],
];

function sameAddresses(wanted: AddressInput[], existing: IDataObject[]): boolean {
	if (wanted.length !== existing.length) return false;
	return wanted.every((address, index) =>
		ADDRESS_KEYS.every(([input, read]) => address[input] === undefined || norm(address[input]).toLowerCase() === norm(existing[index][read]).toLowerCase()),
	);
}

/**
 * The fields of `customer` (a customerSet input) that differ on `existing` (a customer read through
 * GraphQL). A name, phone or address the existing customer has and the input lacks counts as
 * different too: only a full copy of that customer (e.g. the sync's own earlier copy) is "the same",
 * never a sign-up that gives the email alone.
 */
export function fieldsThatWouldChange(customer: CustomerFields, existing: IDataObject): string[] {
	const changed: string[] = [];
	for (const field of ['firstName', 'lastName', 'phone', 'note'] as const) {
		const missing = customer[field] === undefined && field !== 'note' && norm(existing[field]) !== '';
		if (missing || (customer[field] !== undefined && norm(customer[field]) !== norm(existing[field]))) changed.push(field);
	}
	if (customer.email !== undefined && norm(customer.email).toLowerCase() !== norm(existing.email).toLowerCase()) changed.push('email');
	if (customer.tags !== undefined) {
		const have = new Set(((existing.tags as string[] | undefined) ?? []).map((tag) => tag.trim()));
		if (customer.tags.length !== have.size || customer.tags.some((tag) => !have.has(tag))) changed.push('tags');
	}
	const addresses = (existing.addresses as IDataObject[] | undefined) ?? [];
	if (customer.addresses === undefined ? addresses.length > 0 : !sameAddresses(customer.addresses, addresses)) changed.push('addresses');
	return changed;
}

/**
 * The email marketing state to set, if any. With "opt-outs only" an unsubscribe is carried over and
 * nothing else: "not subscribed" is no refusal, and a subscription given to another store is not
 * consent given to this one.
 */
export function consentToSet(wanted: string | undefined, current: string | undefined, rule: ConsentRule): string | undefined {
	if (!wanted || wanted === current) return undefined;
	if (rule === 'all') return wanted;
	return wanted === 'UNSUBSCRIBED' ? wanted : undefined;
}
