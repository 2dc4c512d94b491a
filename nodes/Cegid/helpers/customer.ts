/**
 * One customer model for both API flavours. The node's fields, the Shopify mapping and the upsert
 * comparison all work on CegidCustomer; only the transport turns it into a SOAP CustomerInsertData /
 * CustomerInputData or a REST `properties` object and back.
 */
import type { IDataObject } from 'n8n-workflow';

import type { XmlObject } from './xml';

/** CEGID's CustomerInformationType: how a customer may be contacted on a channel. */
export const OPTIN_VALUES = ['AskCustomer', 'BrandOnly', 'ForPartners', 'DoNotUse'] as const;
export type Optin = (typeof OPTIN_VALUES)[number];

export interface CegidCustomer {
	customerId?: string;
	externalReference?: string;
	titleId?: string;
	firstName?: string;
	lastName?: string;
	/** YYYY-MM-DD. */
	birthDate?: string;
	email?: string;
	emailingAccepted?: boolean;
	mobilePhone?: string;
	homePhone?: string;
	addressLine1?: string;
	addressLine2?: string;
	addressLine3?: string;
	zipCode?: string;
	city?: string;
	/** CEGID's 3-letter country code. */
	countryId?: string;
	optinEmail?: Optin;
	optinMobile?: Optin;
	optinPostal?: Optin;
	usualStoreId?: string;
	languageId?: string;
	closed?: boolean;
}

export type CustomerField = keyof CegidCustomer;

/** Fields a create, update or upsert may write (the CEGID ID only on create). */
export const WRITABLE_FIELDS: CustomerField[] = [
	'externalReference',
	'titleId',
	'firstName',
	'lastName',
	'birthDate',
	'email',
	'emailingAccepted',
	'mobilePhone',
	'homePhone',
	'addressLine1',
	'addressLine2',
	'addressLine3',
	'zipCode',
	'city',
	'countryId',
	'optinEmail',
	'optinMobile',
	'optinPostal',
	'usualStoreId',
	'languageId',
	'closed',
];

const ADDRESS_FIELDS: CustomerField[] = ['addressLine1', 'addressLine2', 'addressLine3', 'zipCode', 'city', 'countryId'];

/** Empty text and absent values mean the same to CEGID ("reset to blank"). */
function same(a: unknown, b: unknown): boolean {
	const norm = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'string' ? value.trim() : value);
	return norm(a) === norm(b);
}

/** The fields of `desired` that differ from `current` (fields `desired` leaves undefined are kept). */
export function changedFields(desired: CegidCustomer, current: CegidCustomer): CegidCustomer {
	const changes: Record<string, unknown> = {};
	for (const field of WRITABLE_FIELDS) {
		const value = desired[field];
		if (value === undefined) continue;
		if (field === 'email' && typeof value === 'string' && same(value.toLowerCase(), String(current.email ?? '').toLowerCase())) {
			continue;
		}
		if (!same(value, current[field])) changes[field] = value;
	}
	return changes as CegidCustomer;
}

const text = (value: unknown): string | undefined =>
	value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value)) ? undefined : String(value);

const bool = (value: unknown): boolean | undefined =>
	value === undefined || value === null || value === '' ? undefined : value === true || value === 'true';

/** Drops undefined and empty values, so outputs only show what CEGID holds. */
export function compactCustomer(customer: CegidCustomer): IDataObject {
	return Object.fromEntries(
		Object.entries(customer).filter(([, value]) => value !== undefined && value !== null && value !== ''),
	) as IDataObject;
}

function birthDateParts(date: string | undefined) {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
	return match ? { day: Number(match[3]), month: Number(match[2]), year: Number(match[1]) } : undefined;
}

function birthDateText(day: unknown, month: unknown, year: unknown): string | undefined {
	const [d, m, y] = [Number(day), Number(month), Number(year)];
	if (!d || !m || !y || y <= 1900) return undefined;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const has = (customer: CegidCustomer, fields: CustomerField[]) => fields.some((field) => customer[field] !== undefined);

/* ----------------------------------------------------------------- SOAP (CustomerWcfService) */

/**
 * CustomerInsertData / CustomerInputData. WCF's DataContractSerializer reads members in order
 * (base type first, alphabetical within a type) and silently ignores one out of order, so the
 * order below is deliberate. Sub-blocks are written whole: `full` must hold every field of a block
 * that changes, not only the changed one.
 */
export function toSoapCustomerData(customer: CegidCustomer, options: { insert: boolean }): XmlObject {
	const c = customer;
	const birth = birthDateParts(c.birthDate);
	const data: XmlObject = {
		// CustomerDataBase
		AddressData: has(c, ADDRESS_FIELDS)
			? {
					AddressLine1: c.addressLine1 ?? '',
					AddressLine2: c.addressLine2 ?? '',
					AddressLine3: c.addressLine3 ?? '',
					City: c.city ?? '',
					CountryId: c.countryId ?? '',
					CountryIdType: c.countryId ? 'Internal' : undefined,
					ZipCode: c.zipCode ?? '',
				}
			: undefined,
		EmailData: has(c, ['email', 'emailingAccepted'])
			? { Email: c.email ?? '', EmailingAccepted: c.emailingAccepted ?? undefined }
			: undefined,
		FirstName: c.firstName,
		IsCompany: options.insert ? false : undefined,
		LastName: c.lastName,
		PhoneData: has(c, ['mobilePhone', 'homePhone'])
			? { CellularPhoneNumber: c.mobilePhone ?? '', HomePhoneNumber: c.homePhone ?? '' }
			: undefined,
		TitleId: c.titleId,
		UsualStoreId: c.usualStoreId,
		// CustomerData
		BirthDateData:
			c.birthDate !== undefined
				? birth
					? { BirthDateDay: birth.day, BirthDateMonth: birth.month, BirthDateYear: birth.year }
					: { BirthDateDay: 0, BirthDateMonth: 0, BirthDateYear: 0 }
				: undefined,
		LanguageId: c.languageId,
		OptinEmail: c.optinEmail,
		OptinMobile: c.optinMobile,
		OptinPostal: c.optinPostal,
		// CustomerInputData
		Closed: c.closed,
		CustomerReference: c.externalReference,
		// CustomerInsertData
		CustomerId: options.insert ? c.customerId : undefined,
	};
	return data;
}

/** A CustomerQueryData element (as an object from xml.toObject) in the node's model. */
export function fromSoapCustomer(data: Record<string, unknown>): CegidCustomer {
	const address = (data.AddressData ?? {}) as Record<string, unknown>;
	const email = (data.EmailData ?? {}) as Record<string, unknown>;
	const phone = (data.PhoneData ?? {}) as Record<string, unknown>;
	const birth = (data.BirthDateData ?? {}) as Record<string, unknown>;
	return {
		customerId: text(data.CustomerId),
		externalReference: text(data.CustomerReference),
		titleId: text(data.TitleId),
		firstName: text(data.FirstName),
		lastName: text(data.LastName),
		birthDate: birthDateText(birth.BirthDateDay, birth.BirthDateMonth, birth.BirthDateYear),
		email: text(email.Email),
		emailingAccepted: bool(email.EmailingAccepted),
		mobilePhone: text(phone.CellularPhoneNumber),
		homePhone: text(phone.HomePhoneNumber),
		addressLine1: text(address.AddressLine1),
		addressLine2: text(address.AddressLine2),
		addressLine3: text(address.AddressLine3),
		zipCode: text(address.ZipCode),
		city: text(address.City),
		countryId: text(address.CountryId),
		optinEmail: text(data.OptinEmail) as Optin | undefined,
		optinMobile: text(data.OptinMobile) as Optin | undefined,
		optinPostal: text(data.OptinPostal) as Optin | undefined,
		usualStoreId: text(data.UsualStoreId),
		languageId: text(data.LanguageId),
		closed: bool(data.Closed),
	};
}

/* ------------------------------------------------------------ REST (api/customers/v2) */

export const REST_PHONE_TYPES = { mobilePhone: 'Mobile', homePhone: 'Home' } as const;

/**
 * The `properties` object of a REST Create or Update. Only the given fields are written (REST
 * Update is partial: "a property not transmitted is not modified"); an empty value resets one.
 */
export function toRestProperties(customer: CegidCustomer): IDataObject {
	const c = customer;
	const properties: IDataObject = {};
	if (c.externalReference !== undefined) properties.externalReference = c.externalReference;
	if (c.closed !== undefined) properties.closed = c.closed;
	if (c.usualStoreId !== undefined) properties.usualStoreIdentifier = { id: c.usualStoreId };
	if (c.languageId !== undefined) properties.languageId = c.languageId;

	const individual: IDataObject = {};
	if (c.titleId !== undefined) individual.titleId = c.titleId;
	if (c.firstName !== undefined) individual.firstName = c.firstName;
	if (c.lastName !== undefined) individual.lastName = c.lastName;
	if (c.birthDate !== undefined) {
		individual.birthDate = birthDateParts(c.birthDate) ?? { day: 0, month: 0, year: 0 };
	}
	const communication: IDataObject = {};
	if (c.emailingAccepted !== undefined) communication.emailing = c.emailingAccepted;
	if (c.email !== undefined || c.optinEmail !== undefined) {
		communication.emails = [
			{
				id: 1,
				...(c.email !== undefined ? { value: c.email } : {}),
				validity: 'Valid',
				...(c.optinEmail !== undefined ? { optin: c.optinEmail } : {}),
			},
		];
	}
	const phones: IDataObject[] = [];
	for (const field of ['mobilePhone', 'homePhone'] as const) {
		const optin = field === 'mobilePhone' ? c.optinMobile : undefined;
		if (c[field] === undefined && optin === undefined) continue;
		phones.push({
			type: REST_PHONE_TYPES[field],
			...(c[field] !== undefined ? { value: c[field] } : {}),
			validity: 'Valid',
			...(optin !== undefined ? { optin } : {}),
		});
	}
	if (phones.length) communication.phones = phones;
	if (Object.keys(communication).length) individual.communication = communication;
	if (Object.keys(individual).length) properties.individual = individual;

	const address: IDataObject = {};
	const lines = (['addressLine1', 'addressLine2', 'addressLine3'] as const)
		.map((field, index) => ({ field, id: String(index + 1) }))
		.filter(({ field }) => c[field] !== undefined)
		.map(({ field, id }) => ({ id, value: c[field] }));
	if (lines.length) address.lines = lines;
	if (c.zipCode !== undefined) address.zipCode = c.zipCode;
	if (c.city !== undefined) address.city = c.city;
	if (c.countryId !== undefined) address.countryId = c.countryId;
	if (c.optinPostal !== undefined) address.optinPostal = c.optinPostal;
	if (Object.keys(address).length) properties.address = address;
	return properties;
}

/** A REST customer (GetDetail / GetListDetail entry) in the node's model. */
export function fromRestCustomer(record: IDataObject): CegidCustomer {
	const individual = (record.individual ?? {}) as IDataObject;
	const communication = (individual.communication ?? {}) as IDataObject;
	const emails = (Array.isArray(communication.emails) ? communication.emails : []) as IDataObject[];
	const phones = (Array.isArray(communication.phones) ? communication.phones : []) as IDataObject[];
	const address = (record.address ?? {}) as IDataObject;
	const lines = (Array.isArray(address.lines) ? address.lines : []) as IDataObject[];
	const line = (id: string) => text(lines.find((entry) => String(entry.id) === id)?.value);
	const mainEmail = emails.find((entry) => Number(entry.id) === 1) ?? emails[0];
	const phone = (type: string) => phones.find((entry) => entry.type === type);
	const birth = (individual.birthDate ?? {}) as IDataObject;
	return {
		customerId: text(record.id),
		externalReference: text(record.externalReference),
		titleId: text(individual.titleId),
		firstName: text(individual.firstName),
		lastName: text(individual.lastName),
		birthDate: birthDateText(birth.day, birth.month, birth.year),
		email: text(mainEmail?.value),
		emailingAccepted: bool(communication.emailing),
		mobilePhone: text(phone(REST_PHONE_TYPES.mobilePhone)?.value),
		homePhone: text(phone(REST_PHONE_TYPES.homePhone)?.value),
		addressLine1: line('1'),
		addressLine2: line('2'),
		addressLine3: line('3'),
		zipCode: text(address.zipCode),
		city: text(address.city),
		countryId: text(address.countryId),
		optinEmail: text(mainEmail?.optin) as Optin | undefined,
		optinMobile: text(phone(REST_PHONE_TYPES.mobilePhone)?.optin) as Optin | undefined,
		optinPostal: text(address.optinPostal) as Optin | undefined,
		usualStoreId: text((record.usualStoreIdentifier as IDataObject | undefined)?.id),
		languageId: text(record.languageId),
		closed: bool(record.closed),
	};
}

/** Which whole SOAP sub-blocks a change touches, so they can be completed from the current record. */
export function completeSoapBlocks(changes: CegidCustomer, current: CegidCustomer): CegidCustomer {
	const full: CegidCustomer = { ...changes };
	const blocks: CustomerField[][] = [ADDRESS_FIELDS, ['email', 'emailingAccepted'], ['mobilePhone', 'homePhone']];
	for (const block of blocks) {
		if (!has(changes, block)) continue;
		for (const field of block) {
			if (full[field] === undefined) (full as Record<string, unknown>)[field] = current[field];
		}
	}
	return full;
}
