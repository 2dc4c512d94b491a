/**
 * When a customer found by e-mail alone may take another record's data, and which consent travels
 * with it. Anyone can type someone else's address at sign-up, so an e-mail match proves nothing
 * until the address is verified; the same phone number, or a link the sync made itself, does.
 * Shared by the CEGID and Shopify upserts so both stores and the hub apply one rule.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type MergeRule = 'verifiedOrPhone' | 'emailMatch';
/** Why an e-mail match was merged; undefined: it was not. */
export type MergeReason = 'emailVerified' | 'phoneMatches' | 'linked' | 'emailMatch';
export type ConsentRule = 'optOutsOnly' | 'all';

export const MERGE_RULE_OPTIONS = [
	{
		name: 'Only When Email Verified or Phone Matches',
		value: 'verifiedOrPhone',
		description:
			'A customer found by email alone is updated only when the email is verified, the phone number is the same, or it is the linked customer; otherwise nothing is written and the item says notMerged',
	},
	{
		name: 'Whenever the Email Matches',
		value: 'emailMatch',
		description: 'Trust the email alone. Only for a source that verifies addresses itself.',
	},
];

export const CONSENT_RULE_OPTIONS = [
	{
		name: 'Apply Opt-Outs Only',
		value: 'optOutsOnly',
		description: 'An opt-out is copied; an opt-in given elsewhere is not (consent given to one store does not extend to another)',
	},
	{ name: 'Apply Opt-Ins and Opt-Outs', value: 'all', description: 'Copy the consent as it is' },
];

/** Untrusted text is capped before parsing: no phone number is longer. */
const MAX_PHONE_TEXT = 64;

/** E.164 for a phone number; `region` (ISO alpha-2) reads numbers written without a country code. */
export function e164(raw: unknown, region?: string): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	const text = String(raw).trim().slice(0, MAX_PHONE_TEXT);
	if (text === '') return undefined;
	const country = region && /^[A-Z]{2}$/i.test(region) ? (region.toUpperCase() as CountryCode) : undefined;
	const parsed = parsePhoneNumberFromString(text, country);
	return parsed && parsed.isValid() ? parsed.number : undefined;
}

/** Whether any incoming phone number is one of the existing customer's, compared as E.164. */
export function phonesMatch(incoming: unknown[], existing: unknown[], region?: string): boolean {
	const known = new Set(existing.map((phone) => e164(phone, region)).filter((phone): phone is string => phone !== undefined));
	return incoming.some((phone) => {
		const number = e164(phone, region);
		return number !== undefined && known.has(number);
	});
}

/**
 * Whether an e-mail match may be merged, and why. Verified e-mail first, then a link the caller
 * made, then the phone: the reason reported is the strongest one that holds.
 */
export function mergeReason(rule: MergeRule, evidence: { emailVerified: boolean; linked: boolean; phoneMatches: () => boolean }): MergeReason | undefined {
	if (rule === 'emailMatch') return 'emailMatch';
	if (evidence.emailVerified) return 'emailVerified';
	if (evidence.linked) return 'linked';
	if (evidence.phoneMatches()) return 'phoneMatches';
	return undefined;
}

/** The wording shared by both upserts for an item that was not merged. */
export function notMergedReason(existing: string): string {
	return `The email belongs to ${existing}, but it is not verified, the phone number does not match and the record is not linked to it: nothing was written over that customer. It is merged once the customer verifies the email (activates the account), or by hand after review.`;
}
