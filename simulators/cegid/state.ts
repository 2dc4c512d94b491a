/**
 * What the CEGID simulator holds: one Y2 site with its database (folder), API users, issued
 * OAuth tokens, the site's rules, and every customer record. Records use the REST plugin's
 * vocabulary (contracts/cegid/README.md); the SOAP side renders them as CustomerQueryData.
 */
export const SIM_DATABASE = '90000000_001_PROD';
export const SIM_USER = 'SHOPSYNC';
/** Not a secret: it only opens the local simulator. */
export const SIM_PASSWORD = 'Simulator-Pass-0001';

export type Optin = 'AskCustomer' | 'BrandOnly' | 'ForPartners' | 'DoNotUse';
export type PrivacyGranularity = 'global' | 'channel' | 'item';
export type UniquenessField = 'email' | 'mobilePhone' | 'lastNameFirstName';

export interface SimEmail {
	id: number;
	value: string;
	validity: string;
	optin: Optin;
}

export interface SimPhone {
	type: string;
	value: string;
	validity: string;
	optin: Optin;
}

export interface SimCustomer {
	id: string;
	externalReference: string;
	closed: boolean;
	/** YYYY-MM-DD; 1900-01-01 when open, as Y2 resets it. */
	closingDate: string;
	anonymized: boolean;
	creationDate: string;
	lastModificationDate: string;
	/** Incremented on every stored change, so tests can prove a call changed nothing. */
	version: number;
	usualStoreId: string;
	languageId: string;
	titleId: string;
	firstName: string;
	lastName: string;
	birthDate: { day: number; month: number; year: number } | null;
	emailing: boolean;
	emails: SimEmail[];
	phones: SimPhone[];
	address: { lines: Array<{ id: string; value: string }>; zipCode: string; city: string; countryId: string; optinPostal: Optin };
}

export interface SimUser {
	database: string;
	user: string;
	password: string;
	/** Holds the "Anonymization (menu 26)" right. */
	canAnonymize: boolean;
}

export interface CegidSiteRules {
	/** Y2 "Check for duplicates": customers may not share these values. */
	uniqueness: UniquenessField[];
	privacy: PrivacyGranularity;
	/** Whether the store numbers new customers itself; else Create needs an ID. */
	autoNumbering: boolean;
	idPrefix: string;
	/** Max characters of an address line and of the city. */
	addressLineMaxLength: number;
	/** CEGID country codes the site knows. */
	countries: string[];
}

export interface CegidState {
	databases: string[];
	users: SimUser[];
	/** Issued access tokens → who they belong to, and until when (ms since epoch). */
	tokens: Record<string, { database: string; user: string; expiresAt: number }>;
	/** Lifetime of new tokens, in seconds. */
	tokenLifetimeSeconds: number;
	rules: CegidSiteRules;
	customers: Record<string, SimCustomer>;
	nextNumber: number;
}

export const KNOWN_COUNTRIES = [
	'AUT', 'BEL', 'BGR', 'CAN', 'CHE', 'COL', 'CYP', 'CZE', 'DEU', 'DNK', 'ESP', 'EST', 'FIN', 'FRA', 'GBR', 'GRC', 'HRV',
	'HUN', 'IRL', 'ISL', 'ITA', 'JPN', 'LTU', 'LUX', 'LVA', 'MAR', 'MCO', 'MLT', 'NLD', 'NOR', 'POL', 'PRT', 'ROU', 'SVK',
	'SVN', 'SWE', 'TUN', 'USA',
];

const today = () => new Date().toISOString().slice(0, 10);

export function seedCustomer(partial: Partial<SimCustomer> & { id: string; lastName: string }): SimCustomer {
	return {
		externalReference: '',
		closed: false,
		closingDate: '1900-01-01',
		anonymized: false,
		creationDate: today(),
		lastModificationDate: today(),
		version: 1,
		usualStoreId: '302',
		languageId: 'FRA',
		titleId: '',
		firstName: '',
		birthDate: null,
		emailing: false,
		emails: [],
		phones: [],
		address: { lines: [], zipCode: '', city: '', countryId: '', optinPostal: 'AskCustomer' },
		...partial,
	};
}

export function initialCegidState(): CegidState {
	return {
		databases: [SIM_DATABASE],
		users: [{ database: SIM_DATABASE, user: SIM_USER, password: SIM_PASSWORD, canAnonymize: true }],
		tokens: {},
		tokenLifetimeSeconds: 3600,
		rules: {
			uniqueness: ['email'],
			privacy: 'item',
			autoNumbering: true,
			idPrefix: 'C',
			addressLineMaxLength: 70,
			countries: [...KNOWN_COUNTRIES],
		},
		customers: {
			C000001: seedCustomer({
				id: 'C000001',
				firstName: 'Camille',
				lastName: 'Martin',
				titleId: 'MME',
				emails: [{ id: 1, value: 'camille.martin@example.com', validity: 'Valid', optin: 'BrandOnly' }],
				emailing: true,
				phones: [{ type: 'Mobile', value: '+33612345678', validity: 'Valid', optin: 'BrandOnly' }],
				address: { lines: [{ id: '1', value: '12 rue de la Paix' }], zipCode: '75002', city: 'Paris', countryId: 'FRA', optinPostal: 'AskCustomer' },
			}),
			C000002: seedCustomer({
				id: 'C000002',
				firstName: 'Jonas',
				lastName: 'Weber',
				externalReference: 'gid://shopify/Customer/1001',
				emails: [{ id: 1, value: 'jonas.weber@example.de', validity: 'Valid', optin: 'DoNotUse' }],
				address: { lines: [{ id: '1', value: 'Hauptstraße 5' }], zipCode: '10115', city: 'Berlin', countryId: 'DEU', optinPostal: 'AskCustomer' },
				languageId: 'GER',
			}),
		},
		nextNumber: 3,
	};
}
