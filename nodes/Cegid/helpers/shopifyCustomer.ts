/**
 * Shopify customer → CEGID customer, in one place. Input: the customer object of Shopify's REST
 * Admin API, as customer webhooks (customers/create, customers/update) deliver it. Pure: no I/O,
 * so workflows get the same result through the node's "Map From Shopify Customer" option as the
 * unit tests do.
 */
import { e164 } from '../../shared/customerMerge';

import { cegidCountryCode } from './countries';
import type { CegidCustomer, CustomerField, Optin } from './customer';

export type PrivacyGranularity = 'global' | 'channel' | 'item';

export interface ShopifyMappingOptions {
	/** Max characters per address line on the site (70 on Y2 V26; older builds are shorter). */
	addressLineMaxLength?: number;
	/** Address lines the flavour has: 3 for SOAP, 4 for REST (the model carries 3). */
	addressLines?: number;
	/** ISO alpha-2 → CEGID country code overrides. */
	countryOverrides?: Record<string, string>;
	/** Region for phone numbers written without a country code, e.g. "FR". Default: the address country. */
	defaultPhoneCountry?: string;
	/** The site's privacy setting: one opt-in for everything, one per channel, or one per item. */
	privacyGranularity?: PrivacyGranularity;
	/** Used when the Shopify customer has no last name (CEGID requires one). */
	lastNameWhenMissing?: string;
}

export interface ShopifyMappingResult {
	customer: CegidCustomer;
	/** Data that could not be carried over unchanged, in words for the workflow author. */
	warnings: string[];
	/** The last name is the Last Name When Missing placeholder: never write it over a real one. */
	lastNameIsPlaceholder: boolean;
	/**
	 * Opt-in fields (and emailingAccepted) that hold an explicit refusal: the customer unsubscribed.
	 * "Not subscribed" also maps to Do Not Use, but only a refusal may be carried to another record.
	 */
	explicitOptOuts: CustomerField[];
}

type ShopifyAddress = Record<string, unknown>;
type ShopifyCustomer = Record<string, unknown>;

const str = (value: unknown): string | undefined => {
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
};

/** Shopify's global ID for the customer: admin_graphql_api_id, else built from a safe numeric id. */
export function shopifyCustomerGid(payload: ShopifyCustomer): string | undefined {
	const gid = str(payload.admin_graphql_api_id);
	if (gid) return gid;
	const id = payload.id;
	if (typeof id === 'string' && /^\d+$/.test(id)) return `gid://shopify/Customer/${id}`;
	if (typeof id === 'number' && Number.isSafeInteger(id)) return `gid://shopify/Customer/${id}`;
	return undefined;
}

/** Shopify consent state → CEGID opt-in: subscribed → BrandOnly, refused → DoNotUse, pending → AskCustomer. */
export function consentToOptin(consent: unknown, legacyAccepts?: unknown): Optin | undefined {
	const state = str((consent as { state?: unknown } | undefined)?.state)?.toLowerCase();
	if (state === 'subscribed') return 'BrandOnly';
	if (state === 'unsubscribed' || state === 'not_subscribed' || state === 'redacted' || state === 'invalid') return 'DoNotUse';
	if (state === 'pending') return 'AskCustomer';
	if (legacyAccepts === true) return 'BrandOnly';
	if (legacyAccepts === false) return 'DoNotUse';
	return undefined;
}

const RESTRICTIVENESS: Optin[] = ['DoNotUse', 'AskCustomer', 'BrandOnly', 'ForPartners'];

/** The customer withdrew consent (as opposed to never giving it). */
function isRefusal(consent: unknown): boolean {
	return str((consent as { state?: unknown } | undefined)?.state)?.toLowerCase() === 'unsubscribed';
}

/** The most restrictive of the known opt-ins: a site with one global opt-in gets no consent Shopify lacks. */
function mostRestrictive(values: Array<Optin | undefined>): Optin | undefined {
	const known = values.filter((value): value is Optin => value !== undefined);
	if (known.length === 0) return undefined;
	return known.sort((a, b) => RESTRICTIVENESS.indexOf(a) - RESTRICTIVENESS.indexOf(b))[0];
}

/**
 * Splits address text into lines of at most `max` characters, at spaces where possible. Returns
 * the lines and whether anything had to be cut because it did not fit into `lineCount` lines.
 */
export function fitAddressLines(parts: string[], max: number, lineCount: number): { lines: string[]; truncated: boolean } {
	const lines: string[] = [];
	let truncated = false;
	for (const part of parts) {
		let rest = part.replace(/\s+/g, ' ').trim();
		while (rest !== '') {
			if (lines.length === lineCount) {
				truncated = true;
				break;
			}
			if (rest.length <= max) {
				lines.push(rest);
				break;
			}
			const cut = rest.lastIndexOf(' ', max);
			const at = cut > 0 ? cut : max;
			lines.push(rest.slice(0, at).trim());
			rest = rest.slice(at).trim();
		}
	}
	return { lines, truncated };
}

/** E.164 for a phone number, using `country` for numbers written without a country code. */
export function normalizePhone(raw: string, country?: string): string | undefined {
	// The merge rule compares phones the same way, so both use one reading (capped untrusted text).
	return e164(raw, country);
}

export function mapShopifyCustomer(payload: unknown, options: ShopifyMappingOptions = {}): ShopifyMappingResult {
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
		throw new TypeError('the Shopify customer must be an object (the body of a customers/create or customers/update webhook)');
	}
	const shopify = payload as ShopifyCustomer;
	const warnings: string[] = [];
	const address = ((shopify.default_address ??
		(Array.isArray(shopify.addresses) ? shopify.addresses[0] : undefined)) ?? {}) as ShopifyAddress;
	const customer: CegidCustomer = {};
	let lastNameIsPlaceholder = false;

	const gid = shopifyCustomerGid(shopify);
	if (gid) customer.externalReference = gid;
	else if (shopify.id !== undefined) {
		warnings.push(
			'The Shopify customer ID is a number too large to be exact in n8n, and the payload has no admin_graphql_api_id; no external reference was set.',
		);
	}

	customer.firstName = str(shopify.first_name) ?? str(address.first_name);
	customer.lastName = str(shopify.last_name) ?? str(address.last_name);
	if (!customer.lastName) {
		const fallback = str(options.lastNameWhenMissing);
		if (fallback) {
			customer.lastName = fallback;
			lastNameIsPlaceholder = true;
			warnings.push(`The Shopify customer has no last name; "${fallback}" was used (option Last Name When Missing).`);
		}
	}
	const email = str(shopify.email);
	if (email) customer.email = email.toLowerCase();

	// Capped first: an ISO code is two letters, and the value is untrusted webhook text.
	const countryIso2 = str(address.country_code)?.slice(0, 16).toUpperCase();
	if (countryIso2) {
		const code = cegidCountryCode(countryIso2, options.countryOverrides);
		if (code) customer.countryId = code;
		else warnings.push(`Country code "${countryIso2}" has no CEGID code; add it to Country Code Overrides (e.g. ${countryIso2}=XXX).`);
	}

	const phoneCountry = options.defaultPhoneCountry || countryIso2;
	const rawPhone = str(shopify.phone) ?? str(address.phone);
	if (rawPhone) {
		const phone = normalizePhone(rawPhone, phoneCountry);
		if (phone) customer.mobilePhone = phone;
		else warnings.push(`Phone "${rawPhone}" is not a valid number${phoneCountry ? ` for ${phoneCountry}` : ''}; it was not sent.`);
	}

	const max = options.addressLineMaxLength ?? 70;
	const lineCount = Math.min(options.addressLines ?? 3, 3);
	const parts = [str(address.address1), str(address.address2)].filter((part): part is string => part !== undefined);
	if (parts.length) {
		const { lines, truncated } = fitAddressLines(parts, max, lineCount);
		[customer.addressLine1, customer.addressLine2, customer.addressLine3] = [lines[0], lines[1], lines[2]];
		if (truncated) warnings.push(`The address does not fit into ${lineCount} lines of ${max} characters; the end was cut.`);
	}
	const city = str(address.city);
	if (city) {
		customer.city = city.length > max ? city.slice(0, max) : city;
		if (city.length > max) warnings.push(`City "${city}" is longer than ${max} characters; it was cut.`);
	}
	customer.zipCode = str(address.zip);

	const emailOptin = consentToOptin(shopify.email_marketing_consent, shopify.accepts_marketing);
	const smsOptin = consentToOptin(shopify.sms_marketing_consent);
	const emailRefused = emailOptin === 'DoNotUse' && isRefusal(shopify.email_marketing_consent);
	const smsRefused = smsOptin === 'DoNotUse' && isRefusal(shopify.sms_marketing_consent);
	const explicitOptOuts: CustomerField[] = [];
	switch (options.privacyGranularity ?? 'item') {
		case 'global': {
			const all = mostRestrictive([emailOptin, smsOptin]);
			if (all) {
				customer.optinEmail = all;
				customer.optinMobile = all;
				customer.optinPostal = all;
				if (emailRefused || smsRefused) explicitOptOuts.push('optinEmail', 'optinMobile', 'optinPostal', 'emailingAccepted');
			}
			break;
		}
		default:
			customer.optinEmail = emailOptin;
			customer.optinMobile = smsOptin;
			if (emailRefused) explicitOptOuts.push('optinEmail', 'emailingAccepted');
			if (smsRefused) explicitOptOuts.push('optinMobile');
	}
	if (customer.optinEmail !== undefined) customer.emailingAccepted = customer.optinEmail === 'BrandOnly' || customer.optinEmail === 'ForPartners';

	for (const key of Object.keys(customer) as Array<keyof CegidCustomer>) {
		if (customer[key] === undefined) delete customer[key];
	}
	return { customer, warnings, lastNameIsPlaceholder, explicitOptOuts };
}
