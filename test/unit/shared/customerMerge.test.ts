import { e164, mergeReason, phonesMatch } from '../../../nodes/shared/customerMerge';
import { consentToSet, fieldsThatWouldChange } from '../../../nodes/Shopify/helpers/customerMerge';

describe('Merge rule: an email match is merged only on a verified email, a link or the same phone', () => {
	const evidence = (emailVerified: boolean, linked: boolean, phone: boolean) => ({ emailVerified, linked, phoneMatches: () => phone });

	it('merges an unverified, unlinked email match only when the phone matches', () => {
		expect(mergeReason('verifiedOrPhone', evidence(false, false, false))).toBeUndefined();
		expect(mergeReason('verifiedOrPhone', evidence(true, false, false))).toBe('emailVerified');
		expect(mergeReason('verifiedOrPhone', evidence(false, true, false))).toBe('linked');
		expect(mergeReason('verifiedOrPhone', evidence(false, false, true))).toBe('phoneMatches');
		expect(mergeReason('emailMatch', evidence(false, false, false))).toBe('emailMatch');
	});

	it('compares phones as E.164, whatever their notation, and never matches what is not a number', () => {
		expect(e164('06 12 34 56 78', 'FR')).toBe('+33612345678');
		expect(phonesMatch(['+33 6 12 34 56 78'], [undefined, '06.12.34.56.78'], 'FR')).toBe(true);
		expect(phonesMatch(['+33612345678'], ['+33612345679'])).toBe(false);
		expect(phonesMatch([undefined, ''], [undefined, ''])).toBe(false);
		expect(phonesMatch(['not a phone'], ['not a phone'])).toBe(false);
		// Hostile length is capped before parsing.
		expect(e164('1'.repeat(1_000_000))).toBeUndefined();
	});
});

describe('Consent across stores: an opt-out travels, an opt-in does not', () => {
	it('sets only an unsubscribe by default, and everything when asked', () => {
		expect(consentToSet('SUBSCRIBED', 'NOT_SUBSCRIBED', 'optOutsOnly')).toBeUndefined();
		expect(consentToSet('PENDING', 'NOT_SUBSCRIBED', 'optOutsOnly')).toBeUndefined();
		expect(consentToSet('NOT_SUBSCRIBED', 'SUBSCRIBED', 'optOutsOnly')).toBeUndefined();
		expect(consentToSet('UNSUBSCRIBED', 'SUBSCRIBED', 'optOutsOnly')).toBe('UNSUBSCRIBED');
		expect(consentToSet('UNSUBSCRIBED', 'UNSUBSCRIBED', 'optOutsOnly')).toBeUndefined();
		expect(consentToSet('SUBSCRIBED', 'NOT_SUBSCRIBED', 'all')).toBe('SUBSCRIBED');
	});
});

describe('What an upsert would change on the customer who has the email', () => {
	const existing = {
		firstName: 'Ada',
		lastName: 'Lovelace',
		email: 'ada@example.com',
		phone: '+33612345678',
		note: null,
		tags: ['vip'],
		addresses: [{ address1: '12 rue de la Paix', city: 'Paris', countryCodeV2: 'FR', zip: '75002' }],
	};

	it('finds nothing when the data is what the customer has (an echo), and names each differing field', () => {
		expect(fieldsThatWouldChange({ firstName: 'Ada', lastName: 'Lovelace', phone: '+33612345678', email: 'ADA@example.com', addresses: [{ address1: '12 rue de la Paix', countryCode: 'FR' }] }, existing)).toEqual([]);
		// A sign-up that gives the email alone is not "the same customer".
		expect(fieldsThatWouldChange({ email: 'ada@example.com' }, existing)).toEqual(['firstName', 'lastName', 'phone', 'addresses']);
		expect(fieldsThatWouldChange({ firstName: 'Eve', lastName: 'Lovelace', phone: '+33699999999', tags: ['vip', 'new'], addresses: [{ city: 'Lyon' }] }, existing)).toEqual(['firstName', 'phone', 'tags', 'addresses']);
	});
});
