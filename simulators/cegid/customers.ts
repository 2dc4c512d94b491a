/**
 * Y2's customer rules, shared by both flavours: creation with an existing ID (idempotent only when
 * identical), partial updates that re-check the whole record, the site's duplicate check and privacy
 * granularity, address limits, closing and anonymization.
 */
import type { CegidState, Optin, SimCustomer, SimEmail, SimPhone } from './state';
import { seedCustomer } from './state';

/** A refusal with Y2's words; rendered as a REST 400 or a SOAP BusinessFaultDetail. */
export class CegidBusinessError extends Error {
	constructor(
		message: string,
		readonly memberNames: string[] = [],
		readonly toDo = '',
		readonly status = 400,
	) {
		super(message);
	}
}

export class CegidNotFound extends CegidBusinessError {
	constructor(message: string) {
		super(message, [], '', 404);
	}
}

/** A change in the REST plugin's vocabulary: only the given properties are written. */
export interface CustomerPatch {
	externalReference?: string;
	closed?: boolean;
	usualStoreId?: string;
	languageId?: string;
	titleId?: string;
	firstName?: string;
	lastName?: string;
	birthDate?: { day: number; month: number; year: number } | null;
	emailing?: boolean;
	emails?: Array<Partial<SimEmail> & { id: number }>;
	phones?: Array<Partial<SimPhone> & { type: string }>;
	address?: { lines?: Array<{ id: string; value: string }>; zipCode?: string; city?: string; countryId?: string; optinPostal?: Optin };
}

const OPTINS = ['AskCustomer', 'BrandOnly', 'ForPartners', 'DoNotUse'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function applyPatch(customer: SimCustomer, patch: CustomerPatch): SimCustomer {
	const next = clone(customer);
	for (const key of ['externalReference', 'usualStoreId', 'languageId', 'titleId', 'firstName', 'lastName'] as const) {
		if (patch[key] !== undefined) next[key] = String(patch[key]);
	}
	if (patch.birthDate !== undefined) next.birthDate = patch.birthDate && patch.birthDate.year > 1900 ? patch.birthDate : null;
	if (patch.emailing !== undefined) next.emailing = patch.emailing;
	if (patch.closed !== undefined && patch.closed !== next.closed) {
		next.closed = patch.closed;
		next.closingDate = patch.closed ? new Date().toISOString().slice(0, 10) : '1900-01-01';
	}
	for (const email of patch.emails ?? []) {
		const existing = next.emails.find((entry) => entry.id === email.id);
		const merged: SimEmail = { id: email.id, value: '', validity: 'Valid', optin: 'AskCustomer' as Optin, ...existing, ...definedOnly(email) };
		next.emails = [...next.emails.filter((entry) => entry.id !== email.id), merged].filter((entry) => entry.value !== '').sort((a, b) => a.id - b.id);
	}
	for (const phone of patch.phones ?? []) {
		const existing = next.phones.find((entry) => entry.type === phone.type);
		const merged: SimPhone = { type: phone.type, value: '', validity: 'Valid', optin: 'AskCustomer' as Optin, ...existing, ...definedOnly(phone) };
		next.phones = [...next.phones.filter((entry) => entry.type !== phone.type), merged].filter((entry) => entry.value !== '');
	}
	if (patch.address) {
		const { lines, ...rest } = patch.address;
		Object.assign(next.address, definedOnly(rest));
		for (const line of lines ?? []) {
			next.address.lines = [...next.address.lines.filter((entry) => entry.id !== line.id), { id: String(line.id), value: String(line.value ?? '') }]
				.filter((entry) => entry.value !== '')
				.sort((a, b) => a.id.localeCompare(b.id));
		}
	}
	return next;
}

function definedOnly<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

const mainEmail = (customer: SimCustomer) => customer.emails.find((entry) => entry.id === 1)?.value.toLowerCase() ?? '';
const mobile = (customer: SimCustomer) => customer.phones.find((entry) => entry.type === 'Mobile')?.value ?? '';

/** Y2 checks the whole record on every create and update (Follow-up Notes V26). */
export function validate(state: CegidState, customer: SimCustomer): void {
	const rules = state.rules;
	if (!customer.lastName.trim()) throw new CegidBusinessError('Input data not valid. -The LastName field is required.', ['LastName']);
	for (const email of customer.emails) {
		if (!EMAIL.test(email.value)) throw new CegidBusinessError(`Input data not valid. -The e-mail "${email.value}" is not a valid e-mail address.`, ['EmailData.Email']);
	}
	for (const optin of [...customer.emails.map((e) => e.optin), ...customer.phones.map((p) => p.optin), customer.address.optinPostal]) {
		if (!OPTINS.includes(optin)) throw new CegidBusinessError(`Input data not valid. -Unknown opt-in value "${optin}".`, ['Optin']);
	}
	const max = rules.addressLineMaxLength;
	for (const line of customer.address.lines) {
		if (line.value.length > max) throw new CegidBusinessError(`Input data not valid. -Address line ${line.id} exceeds ${max} characters.`, [`AddressData.AddressLine${line.id}`]);
	}
	if (customer.address.lines.length > 4) throw new CegidBusinessError('Input data not valid. -At most 4 address lines are allowed.', ['AddressData']);
	if (customer.address.city.length > max) throw new CegidBusinessError(`Input data not valid. -The city exceeds ${max} characters.`, ['AddressData.City']);
	if (customer.address.countryId && !rules.countries.includes(customer.address.countryId)) {
		throw new CegidBusinessError(`Input data not valid. -The country "${customer.address.countryId}" does not exist.`, ['AddressData.CountryId']);
	}
	if (customer.birthDate) {
		const { day, month } = customer.birthDate;
		if (day < 1 || day > 31 || month < 1 || month > 12) throw new CegidBusinessError('Input data not valid. -The birth date is not valid.', ['BirthDateData']);
	}
	const phoneOptins = new Set(customer.phones.map((phone) => phone.optin));
	const emailOptins = new Set(customer.emails.map((email) => email.optin));
	if (rules.privacy === 'global') {
		const all = new Set([...phoneOptins, ...emailOptins, ...(customer.address.lines.length ? [customer.address.optinPostal] : [])]);
		if (all.size > 1) throw new CegidBusinessError('Input data not valid. -The privacy setting is global: all opt-ins must be equal.', ['Optin']);
	}
	if (rules.privacy === 'channel' && (phoneOptins.size > 1 || emailOptins.size > 1)) {
		throw new CegidBusinessError('Input data not valid. -The privacy setting is per channel: all phone opt-ins and all e-mail opt-ins must be equal.', ['Optin']);
	}
	for (const other of Object.values(state.customers)) {
		if (other.id === customer.id || other.anonymized) continue;
		for (const rule of rules.uniqueness) {
			const clash =
				(rule === 'email' && mainEmail(customer) !== '' && mainEmail(customer) === mainEmail(other)) ||
				(rule === 'mobilePhone' && mobile(customer) !== '' && mobile(customer) === mobile(other)) ||
				(rule === 'lastNameFirstName' &&
					customer.lastName.toLowerCase() === other.lastName.toLowerCase() &&
					customer.firstName.toLowerCase() === other.firstName.toLowerCase());
			if (clash) {
				throw new CegidBusinessError(
					`The customer already exists: duplicate check on ${rule} matches customer ${other.id}.`,
					[rule === 'email' ? 'EmailData.Email' : rule === 'mobilePhone' ? 'PhoneData.CellularPhoneNumber' : 'LastName'],
					'Search the existing customer and update it instead of creating a new one.',
				);
			}
		}
	}
}

/** What Create compares when the given ID exists: equal → idempotent, else an exception. */
function identity(customer: SimCustomer) {
	return JSON.stringify([
		customer.lastName,
		customer.firstName,
		customer.usualStoreId,
		customer.address.zipCode,
		customer.address.city,
		customer.emails.map((email) => email.value.toLowerCase()),
		customer.phones.map((phone) => phone.value),
		customer.externalReference,
	]);
}

export function createCustomer(state: CegidState, id: string | undefined, patch: CustomerPatch): { customer: SimCustomer; created: boolean } {
	const requested = id?.trim();
	if (requested && requested.length > 17) throw new CegidBusinessError('Input data not valid. -The customer Id exceeds 17 characters.', ['CustomerId']);
	if (!requested && !state.rules.autoNumbering) {
		throw new CegidBusinessError('The store does not manage the automatic assignment of the customer code.', ['CustomerId'], 'Give the customer an Id.');
	}
	const customerId = requested || `${state.rules.idPrefix}${String(state.nextNumber).padStart(6, '0')}`;
	const candidate = applyPatch(seedCustomer({ id: customerId, lastName: '' }), patch);
	const existing = state.customers[customerId];
	if (existing) {
		if (identity(existing) === identity(candidate)) return { customer: existing, created: false };
		throw new CegidBusinessError(`The customer ${customerId} already exists with different data.`, ['CustomerId']);
	}
	validate(state, candidate);
	if (!requested) state.nextNumber++;
	state.customers[customerId] = candidate;
	return { customer: candidate, created: true };
}

export function getCustomer(state: CegidState, id: string): SimCustomer {
	const customer = state.customers[id];
	if (!customer) throw new CegidNotFound(`The customer ${id} does not exist.`);
	return customer;
}

export function findByExternalReference(state: CegidState, reference: string): SimCustomer | undefined {
	if (!reference) return undefined;
	return Object.values(state.customers).find((customer) => customer.externalReference === reference);
}

export function updateCustomer(state: CegidState, id: string, patch: CustomerPatch): SimCustomer {
	const current = getCustomer(state, id);
	const next = applyPatch(current, patch);
	validate(state, next);
	if (JSON.stringify(next) === JSON.stringify(current)) return current;
	next.version = current.version + 1;
	next.lastModificationDate = new Date().toISOString().slice(0, 10);
	state.customers[id] = next;
	return next;
}

export function anonymizeCustomer(state: CegidState, id: string, canAnonymize: boolean): SimCustomer {
	const current = getCustomer(state, id);
	if (!canAnonymize) throw new CegidBusinessError('Anonymization is not allowed for this user (right "Anonymization", menu 26).', [], '', 403);
	const next: SimCustomer = {
		...clone(current),
		anonymized: true,
		closed: true,
		closingDate: current.closed ? current.closingDate : new Date().toISOString().slice(0, 10),
		externalReference: '',
		titleId: '',
		firstName: '',
		lastName: 'ANONYMIZED',
		birthDate: null,
		emailing: false,
		emails: [],
		phones: [],
		address: { lines: [], zipCode: '', city: '', countryId: current.address.countryId, optinPostal: 'DoNotUse' },
		version: current.version + 1,
	};
	state.customers[id] = next;
	return next;
}

export interface SearchCriteria {
	email?: string;
	phone?: string;
	lastName?: string;
	firstName?: string;
	closed?: boolean;
}

export function searchCustomers(state: CegidState, criteria: SearchCriteria, max: number): SimCustomer[] {
	const lower = (value?: string) => value?.trim().toLowerCase() ?? '';
	return Object.values(state.customers)
		.filter((customer) => !criteria.email || customer.emails.some((email) => email.value.toLowerCase() === lower(criteria.email)))
		.filter((customer) => !criteria.phone || customer.phones.some((phone) => phone.value === criteria.phone?.trim()))
		.filter((customer) => !criteria.lastName || customer.lastName.toLowerCase().startsWith(lower(criteria.lastName)))
		.filter((customer) => !criteria.firstName || customer.firstName.toLowerCase().startsWith(lower(criteria.firstName)))
		.filter((customer) => criteria.closed === undefined || customer.closed === criteria.closed)
		.sort((a, b) => a.id.localeCompare(b.id))
		.slice(0, max);
}
