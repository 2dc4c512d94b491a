import type { INodeProperties } from 'n8n-workflow';

import { OPTIN_VALUES } from '../helpers/customer';

type Show = Record<string, string[]>;

/** A customer picked from a search, by CEGID ID, or by external reference (e.g. a Shopify customer GID). */
export const customerLocator = (show: Show): INodeProperties => ({
	displayName: 'Customer',
	name: 'customer',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	displayOptions: { show },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomers', searchable: true, searchFilterRequired: true },
		},
		{
			displayName: 'By CEGID ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. C000123',
			validation: [{ type: 'regex', properties: { regex: '^\\S{1,17}$', errorMessage: 'A CEGID customer ID has 1 to 17 characters and no spaces' } }],
		},
		{
			displayName: 'By External Reference',
			name: 'externalReference',
			type: 'string',
			placeholder: 'e.g. gid://shopify/Customer/7064055069303700842',
		},
	],
});

const OPTIN_OPTIONS = OPTIN_VALUES.map((value) => ({
	name: { AskCustomer: 'Ask Customer', BrandOnly: 'Brand Only', ForPartners: 'For Partners', DoNotUse: 'Do Not Use' }[value],
	value,
}));

/** The customer fields a user can set or override, sorted by name. */
export const customerFieldOptions: INodeProperties[] = [
	{ displayName: 'Address Line 1', name: 'addressLine1', type: 'string', default: '' },
	{ displayName: 'Address Line 2', name: 'addressLine2', type: 'string', default: '' },
	{ displayName: 'Address Line 3', name: 'addressLine3', type: 'string', default: '' },
	{ displayName: 'Birth Date', name: 'birthDate', type: 'string', default: '', placeholder: '1990-05-31', description: 'As YYYY-MM-DD' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Closed', name: 'closed', type: 'boolean', default: false, description: 'Whether the customer record is closed in CEGID' },
	{ displayName: 'Country', name: 'countryId', type: 'string', default: '', placeholder: 'FR or FRA', description: "ISO alpha-2 or alpha-3 code; sent as CEGID's 3-letter code" },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'Emailing Accepted', name: 'emailingAccepted', type: 'boolean', default: false, description: 'Whether the customer accepts e-mailings' },
	{ displayName: 'External Reference', name: 'externalReference', type: 'string', default: '', description: "Your key for this customer, e.g. the Shopify customer's GID. The upsert finds customers by it first." },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Home Phone', name: 'homePhone', type: 'string', default: '', description: 'Normalised to international format (+33…)' },
	{ displayName: 'Language ID', name: 'languageId', type: 'string', default: '', placeholder: 'FRA', description: "CEGID's language code" },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: 'Required by CEGID for a new customer' },
	{ displayName: 'Mobile Phone', name: 'mobilePhone', type: 'string', default: '', description: 'Normalised to international format (+33…)' },
	{ displayName: 'Opt-In Email', name: 'optinEmail', type: 'options', options: OPTIN_OPTIONS, default: 'AskCustomer' },
	{ displayName: 'Opt-In Mobile', name: 'optinMobile', type: 'options', options: OPTIN_OPTIONS, default: 'AskCustomer' },
	{ displayName: 'Opt-In Postal', name: 'optinPostal', type: 'options', options: OPTIN_OPTIONS, default: 'AskCustomer' },
	{ displayName: 'Title ID', name: 'titleId', type: 'string', default: '', description: 'A title (civility) code set up on the site, e.g. MR' },
	{ displayName: 'Usual Store ID', name: 'usualStoreId', type: 'string', default: '', placeholder: '302' },
	{ displayName: 'Zip Code', name: 'zipCode', type: 'string', default: '' },
];

/** Source of the customer data: the fields below, or a Shopify customer mapped to CEGID. */
export const customerInput = (show: Show, fieldsLabel: string): INodeProperties[] => [
	{
		displayName: 'Customer Data',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'Enter or map each CEGID field' },
			{
				name: 'Map From Shopify Customer',
				value: 'shopify',
				description: 'Turn a Shopify customer (webhook body) into CEGID fields; the fields below override the result',
			},
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Shopify Customer',
		name: 'shopifyCustomer',
		type: 'json',
		default: '={{ $json }}',
		description: 'The customer object of a Shopify customers/create or customers/update webhook',
		displayOptions: { show: { ...show, source: ['shopify'] } },
	},
	{
		displayName: fieldsLabel,
		name: 'customerFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: customerFieldOptions,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Address Line Max Length', name: 'addressLineMaxLength', type: 'number', typeOptions: { minValue: 10 }, default: 70, description: 'Characters per address line the site accepts (70 on Y2 V26; older builds accept fewer). Longer Shopify addresses are wrapped onto the next line.' },
			{ displayName: 'Country Code Overrides', name: 'countryOverrides', type: 'string', default: '', placeholder: 'GB=UK, XK=KOS', description: "ISO alpha-2 codes whose CEGID code is not the ISO alpha-3 code, as XX=CODE pairs" },
			{ displayName: 'Default Phone Country', name: 'defaultPhoneCountry', type: 'string', default: '', placeholder: 'FR', description: "ISO alpha-2 country for phone numbers written without +country code. Default: the address's country." },
			{ displayName: 'Last Name When Missing', name: 'lastNameWhenMissing', type: 'string', default: '', description: 'CEGID requires a last name; Shopify customers may have none. Used only when the Shopify customer has no last name.' },
			{
				displayName: 'Privacy Setting',
				name: 'privacyGranularity',
				type: 'options',
				options: [
					{ name: 'One Opt-In for Everything', value: 'global', description: 'All opt-ins get the most restrictive Shopify consent' },
					{ name: 'One Opt-In per Channel', value: 'channel' },
					{ name: 'One Opt-In per Item', value: 'item' },
				],
				default: 'item',
				description: "The site's privacy granularity (Y2 settings); CEGID rejects opt-ins that do not follow it",
			},
		],
	},
];
