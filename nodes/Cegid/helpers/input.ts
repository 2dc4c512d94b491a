/** Reads the customer a create, update or upsert writes: Shopify mapping, then the fields set in the node. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { cegidCountryCode, parseCountryOverrides } from './countries';
import type { CegidCustomer, CustomerField } from './customer';
import { mapShopifyCustomer, normalizePhone, type PrivacyGranularity } from './shopifyCustomer';

const FIELD_LABELS: Record<string, string> = {
	addressLine1: 'Address Line 1',
	addressLine2: 'Address Line 2',
	addressLine3: 'Address Line 3',
	birthDate: 'Birth Date',
	city: 'City',
	countryId: 'Country',
	email: 'Email',
	homePhone: 'Home Phone',
	mobilePhone: 'Mobile Phone',
};

export interface CustomerInput {
	customer: CegidCustomer;
	warnings: string[];
	/** Last name from Last Name When Missing: used for a new customer only, never over an existing one. */
	lastNameIsPlaceholder: boolean;
	/** Opt-in fields that hold the customer's explicit refusal (see mapShopifyCustomer), or that the node sets. */
	explicitOptOuts: Set<CustomerField>;
	/** Shopify's verified_email for a mapped Shopify customer; undefined for the fields source. */
	emailVerified?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The longest address there is (RFC 5321); checked first, so EMAIL never backtracks over a long value. */
const MAX_EMAIL_CHARS = 254;

export function readCustomerInput(this: IExecuteFunctions, itemIndex: number): CustomerInput {
	const node = this.getNode();
	const fail = (field: string, problem: string, fix: string) => parameterError(node, field, problem, fix, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const maxLength = Number(options.addressLineMaxLength ?? 70);
	const { overrides, problems } = parseCountryOverrides(String(options.countryOverrides ?? ''));
	if (problems.length) {
		throw fail('Country Code Overrides', problems.join('; '), 'Write pairs of an ISO alpha-2 code and the CEGID code, e.g. GB=UK, XK=KOS.');
	}
	const defaultPhoneCountry = String(options.defaultPhoneCountry ?? '').trim().toUpperCase();

	let customer: CegidCustomer = {};
	const warnings: string[] = [];
	let lastNameIsPlaceholder = false;
	const explicitOptOuts = new Set<CustomerField>();
	let emailVerified: boolean | undefined;
	if (this.getNodeParameter('source', itemIndex, 'fields') === 'shopify') {
		let payload = this.getNodeParameter('shopifyCustomer', itemIndex, {}) as unknown;
		if (typeof payload === 'string') {
			try {
				payload = JSON.parse(payload) as unknown;
			} catch {
				payload = undefined;
			}
		}
		if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
			throw fail('Shopify Customer', 'is not a JSON object', 'Map the body of a Shopify customers/create or customers/update webhook, e.g. {{ $json.body }}.');
		}
		const mapped = mapShopifyCustomer(payload, {
			addressLineMaxLength: maxLength,
			countryOverrides: overrides,
			defaultPhoneCountry: defaultPhoneCountry || undefined,
			privacyGranularity: (options.privacyGranularity as PrivacyGranularity | undefined) ?? 'item',
			lastNameWhenMissing: String(options.lastNameWhenMissing ?? ''),
		});
		customer = mapped.customer;
		warnings.push(...mapped.warnings);
		lastNameIsPlaceholder = mapped.lastNameIsPlaceholder;
		for (const field of mapped.explicitOptOuts) explicitOptOuts.add(field);
		emailVerified = (payload as IDataObject).verified_email === true;
	}

	const fields = this.getNodeParameter('customerFields', itemIndex, {}) as IDataObject;
	for (const [field, raw] of Object.entries(fields)) {
		if (raw === undefined || raw === null) continue;
		const value = typeof raw === 'string' ? raw.trim() : raw;
		const label = FIELD_LABELS[field] ?? field;
		if (typeof value === 'string' && value !== '') {
			if (field === 'email' && (value.length > MAX_EMAIL_CHARS || !EMAIL.test(value))) throw fail(label, `"${value}" is not an e-mail address`, 'Enter an address like name@example.com (CEGID checks xxx@yyy.zzz).');
			if (field === 'birthDate' && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) {
				throw fail(label, `"${value}" is not a date as YYYY-MM-DD`, 'Enter the birth date like 1990-05-31 (CEGID needs a year after 1900).');
			}
			if (field === 'countryId') {
				const code = cegidCountryCode(value, overrides);
				if (!code) throw fail(label, `"${value}" is not a known country code`, 'Enter an ISO code such as FR or FRA, or add the code under Options → Country Code Overrides.');
				(customer as IDataObject)[field] = code;
				continue;
			}
			if (field === 'mobilePhone' || field === 'homePhone') {
				const country = defaultPhoneCountry || (String(fields.countryId ?? '').length === 2 ? String(fields.countryId).toUpperCase() : undefined);
				const phone = normalizePhone(value, country);
				if (!phone) {
					throw fail(label, `"${value}" is not a valid phone number${country ? ` for ${country}` : ''}`, 'Enter the number with its country code (+33 6 12 34 56 78), or set Options → Default Phone Country.');
				}
				(customer as IDataObject)[field] = phone;
				continue;
			}
			if (/^addressLine[123]$|^city$/.test(field) && value.length > maxLength) {
				throw fail(label, `has ${value.length} characters, more than the ${maxLength} CEGID accepts`, 'Shorten it, or move the rest to the next address line (Options → Address Line Max Length sets the limit).');
			}
		}
		(customer as IDataObject)[field] = field === 'email' && typeof value === 'string' ? value.toLowerCase() : value;
		if (field === 'lastName') lastNameIsPlaceholder = false;
		// A value set in the node is the workflow's decision, not a copy of another record's consent.
		if (value === 'DoNotUse' || (field === 'emailingAccepted' && value === false)) explicitOptOuts.add(field as CustomerField);
		else explicitOptOuts.delete(field as CustomerField);
	}
	return { customer, warnings, lastNameIsPlaceholder, explicitOptOuts, emailVerified };
}
