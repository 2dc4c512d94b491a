import { cegidCountryCode, parseCountryOverrides } from '../../../nodes/Cegid/helpers/countries';
import {
	changedFields,
	completeSoapBlocks,
	fromRestCustomer,
	fromSoapCustomer,
	toRestProperties,
	toSoapCustomerData,
	type CegidCustomer,
} from '../../../nodes/Cegid/helpers/customer';
import { consentToOptin, fitAddressLines, mapShopifyCustomer, normalizePhone, shopifyCustomerGid } from '../../../nodes/Cegid/helpers/shopifyCustomer';
import { parseXml, toObject, toXml } from '../../../nodes/Cegid/helpers/xml';

/** A customers/update webhook body as Shopify documents it (REST Admin API customer). */
const webhook = {
	id: 706405506930370000,
	email: 'Bob.Norman@mail.example.com',
	created_at: '2021-12-31T19:00:00-05:00',
	first_name: 'Bob',
	last_name: 'Norman',
	state: 'enabled',
	phone: '+16136120707',
	currency: 'USD',
	admin_graphql_api_id: 'gid://shopify/Customer/706405506930370084',
	email_marketing_consent: { state: 'subscribed', opt_in_level: 'confirmed_opt_in', consent_updated_at: null },
	sms_marketing_consent: { state: 'pending', opt_in_level: 'unknown', consent_updated_at: null, consent_collected_from: 'OTHER' },
	default_address: {
		first_name: 'Bob',
		last_name: 'Norman',
		address1: 'Chestnut Street 92',
		address2: 'Apartment 2',
		city: 'Louisville',
		province: 'Kentucky',
		country: 'United States',
		zip: '40202',
		phone: '555-625-1199',
		province_code: 'KY',
		country_code: 'US',
		default: true,
	},
};

describe('Shopify customer → CEGID', () => {
	it('maps a webhook body', () => {
		expect(mapShopifyCustomer(webhook)).toEqual({
			customer: {
				externalReference: 'gid://shopify/Customer/706405506930370084',
				firstName: 'Bob',
				lastName: 'Norman',
				email: 'bob.norman@mail.example.com',
				countryId: 'USA',
				mobilePhone: '+16136120707',
				addressLine1: 'Chestnut Street 92',
				addressLine2: 'Apartment 2',
				city: 'Louisville',
				zipCode: '40202',
				optinEmail: 'BrandOnly',
				optinMobile: 'AskCustomer',
				emailingAccepted: true,
			},
			warnings: [],
			lastNameIsPlaceholder: false,
			explicitOptOuts: [],
		});
	});

	it('marks only an unsubscribe as an explicit opt-out: "not subscribed" is no refusal that may travel', () => {
		const unsubscribed = mapShopifyCustomer({ ...webhook, email_marketing_consent: { state: 'unsubscribed' }, sms_marketing_consent: { state: 'not_subscribed' } });
		expect([unsubscribed.customer.optinEmail, unsubscribed.customer.optinMobile]).toEqual(['DoNotUse', 'DoNotUse']);
		expect(unsubscribed.explicitOptOuts).toEqual(['optinEmail', 'emailingAccepted']);
		const global = mapShopifyCustomer({ ...webhook, sms_marketing_consent: { state: 'unsubscribed' } }, { privacyGranularity: 'global' });
		expect(global.explicitOptOuts).toEqual(['optinEmail', 'optinMobile', 'optinPostal', 'emailingAccepted']);
		expect(mapShopifyCustomer({ ...webhook, sms_marketing_consent: { state: 'not_subscribed' } }, { privacyGranularity: 'global' }).explicitOptOuts).toEqual([]);
	});

	it('uses the GID, never a rounded numeric id', () => {
		expect(shopifyCustomerGid({ id: 706405506930370000 })).toBeUndefined();
		expect(shopifyCustomerGid({ id: '706405506930370084' })).toBe('gid://shopify/Customer/706405506930370084');
		expect(shopifyCustomerGid({ id: 42 })).toBe('gid://shopify/Customer/42');
		expect(mapShopifyCustomer({ id: 706405506930370000, last_name: 'X' }).warnings[0]).toContain('no external reference was set');
	});

	it('maps consents: subscribed → BrandOnly, refused → DoNotUse, pending → AskCustomer, legacy accepts_marketing', () => {
		expect(consentToOptin({ state: 'subscribed' })).toBe('BrandOnly');
		expect(consentToOptin({ state: 'unsubscribed' })).toBe('DoNotUse');
		expect(consentToOptin({ state: 'not_subscribed' })).toBe('DoNotUse');
		expect(consentToOptin({ state: 'pending' })).toBe('AskCustomer');
		expect(consentToOptin(undefined, true)).toBe('BrandOnly');
		expect(consentToOptin(undefined)).toBeUndefined();
	});

	it('follows the site privacy setting: one global opt-in takes the most restrictive consent', () => {
		const { customer } = mapShopifyCustomer(
			{ ...webhook, sms_marketing_consent: { state: 'unsubscribed' } },
			{ privacyGranularity: 'global' },
		);
		expect([customer.optinEmail, customer.optinMobile, customer.optinPostal]).toEqual(['DoNotUse', 'DoNotUse', 'DoNotUse']);
		expect(customer.emailingAccepted).toBe(false);
	});

	it('wraps long address text at spaces into the next lines, and warns when it is cut', () => {
		expect(fitAddressLines(['aaaa bbbb cccc', 'dd'], 9, 3)).toEqual({ lines: ['aaaa bbbb', 'cccc', 'dd'], truncated: false });
		expect(fitAddressLines(['x'.repeat(25)], 10, 2)).toEqual({ lines: ['x'.repeat(10), 'x'.repeat(10)], truncated: true });
		const { customer, warnings } = mapShopifyCustomer(
			{ ...webhook, default_address: { ...webhook.default_address, address1: 'Very long street name '.repeat(4), address2: 'Building C' } },
			{ addressLineMaxLength: 30 },
		);
		expect([customer.addressLine1, customer.addressLine2, customer.addressLine3].every((line) => (line ?? '').length <= 30)).toBe(true);
		expect(warnings).toEqual(['The address does not fit into 3 lines of 30 characters; the end was cut.']);
	});

	it('normalises phones to E.164 with the address country, and leaves out what is not a phone number', () => {
		expect(normalizePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
		expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
		expect(normalizePhone('12345', 'FR')).toBeUndefined();
		const { customer, warnings } = mapShopifyCustomer({ ...webhook, phone: 'call me', default_address: { ...webhook.default_address, phone: null } });
		expect(customer.mobilePhone).toBeUndefined();
		expect(warnings).toEqual(['Phone "call me" is not a valid number for US; it was not sent.']);
	});

	it('turns ISO country codes into CEGID codes, with overrides', () => {
		expect(cegidCountryCode('fr')).toBe('FRA');
		expect(cegidCountryCode('DEU')).toBe('DEU');
		expect(cegidCountryCode('ZZ')).toBeUndefined();
		const { overrides, problems } = parseCountryOverrides('GB=UK, xk=kos; bad');
		expect(overrides).toEqual({ GB: 'UK', XK: 'KOS' });
		expect(problems).toEqual(['"bad" is not of the form XX=CODE']);
		expect(cegidCountryCode('GB', overrides)).toBe('UK');
		expect(mapShopifyCustomer({ last_name: 'X', default_address: { country_code: 'XK' } }, { countryOverrides: overrides }).customer.countryId).toBe('KOS');
	});

	it('uses Last Name When Missing only when Shopify has no last name', () => {
		expect(mapShopifyCustomer({ email: 'a@b.co' }).customer.lastName).toBeUndefined();
		const { customer, warnings, lastNameIsPlaceholder } = mapShopifyCustomer({ email: 'a@b.co' }, { lastNameWhenMissing: 'WEB' });
		expect(customer.lastName).toBe('WEB');
		expect(lastNameIsPlaceholder).toBe(true);
		expect(warnings[0]).toContain('"WEB" was used');
	});

	it('refuses a payload that is not an object', () => {
		expect(() => mapShopifyCustomer([webhook])).toThrow(TypeError);
	});
});

describe('CEGID customer model', () => {
	const customer: CegidCustomer = {
		customerId: 'C1',
		externalReference: 'gid://shopify/Customer/1',
		firstName: 'Ann',
		lastName: `O'Brien`,
		birthDate: '1990-05-31',
		email: 'ann@example.com',
		emailingAccepted: true,
		mobilePhone: '+33612345678',
		addressLine1: '1 rue A',
		zipCode: '75001',
		city: 'Paris',
		countryId: 'FRA',
		optinEmail: 'BrandOnly',
		optinMobile: 'DoNotUse',
		optinPostal: 'AskCustomer',
		usualStoreId: '302',
		languageId: 'FRA',
		closed: false,
	};

	it('round-trips through the SOAP and REST shapes', () => {
		const soap = toObject(parseXml(`<r xmlns:ns="x">${toXml(toSoapCustomerData(customer, { insert: true }), 'ns')}</r>`)) as Record<string, unknown>;
		expect(fromSoapCustomer(soap)).toMatchObject({ ...customer, homePhone: '', addressLine2: '', addressLine3: '' });
		const rest = { id: 'C1', ...toRestProperties(customer) };
		expect(fromRestCustomer(rest as never)).toMatchObject(customer);
	});

	it('writes SOAP members base type first and alphabetically within a type, as WCF reads them', () => {
		const order = Object.keys(toSoapCustomerData(customer, { insert: true }));
		expect(order).toEqual([
			'AddressData', 'EmailData', 'FirstName', 'IsCompany', 'LastName', 'PhoneData', 'TitleId', 'UsualStoreId',
			'BirthDateData', 'LanguageId', 'OptinEmail', 'OptinMobile', 'OptinPostal',
			'Closed', 'CustomerReference',
			'CustomerId',
		]);
	});

	it('finds only real changes: case of e-mail, blank vs absent and untouched fields are no change', () => {
		expect(changedFields({ email: 'ANN@example.com', titleId: '', city: 'Lyon' }, customer)).toEqual({ city: 'Lyon' });
		expect(changedFields({}, customer)).toEqual({});
	});

	it('completes a SOAP sub-block from the current record, since blocks are written whole', () => {
		expect(completeSoapBlocks({ city: 'Lyon' }, customer)).toEqual({
			city: 'Lyon',
			addressLine1: '1 rue A',
			addressLine2: undefined,
			addressLine3: undefined,
			zipCode: '75001',
			countryId: 'FRA',
		});
	});

	it('sends only the given REST properties (partial update)', () => {
		expect(toRestProperties({ city: 'Lyon' })).toEqual({ address: { city: 'Lyon' } });
		expect(toRestProperties({ closed: true })).toEqual({ closed: true });
	});
});
