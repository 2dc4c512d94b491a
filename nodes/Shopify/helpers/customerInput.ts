import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';

/** Shopify's MailingAddressInput. */
export interface AddressInput {
	address1?: string;
	address2?: string;
	city?: string;
	company?: string;
	countryCode?: string;
	firstName?: string;
	lastName?: string;
	phone?: string;
	provinceCode?: string;
	zip?: string;
}

export interface CustomerFields {
	firstName?: string;
	lastName?: string;
	email?: string;
	phone?: string;
	note?: string;
	tags?: string[];
	addresses?: AddressInput[];
	/** SUBSCRIBED, UNSUBSCRIBED, NOT_SUBSCRIBED or PENDING. */
	emailMarketingState?: string;
	/** The source store's verified_email; read for the merge rule, never written. */
	verifiedEmail?: boolean;
}

const ADDRESS_KEYS: Array<keyof AddressInput> = ['address1', 'address2', 'city', 'company', 'countryCode', 'firstName', 'lastName', 'phone', 'provinceCode', 'zip'];

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const trimmed = String(value).trim();
	return trimmed === '' ? undefined : trimmed;
}

export function splitTags(value: unknown): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
	return list.map((tag) => tag.trim()).filter((tag) => tag !== '');
}

function compact<T extends object>(object: T): T {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

/** A REST address (webhook payload) as a GraphQL MailingAddressInput. */
function restAddress(address: IDataObject): AddressInput {
	return compact({
		address1: text(address.address1),
		address2: text(address.address2),
		city: text(address.city),
		company: text(address.company),
		countryCode: text(address.country_code)?.toUpperCase(),
		firstName: text(address.first_name),
		lastName: text(address.last_name),
		phone: text(address.phone),
		provinceCode: text(address.province_code),
		zip: text(address.zip),
	});
}

const CONSENT_STATES: Record<string, string> = {
	subscribed: 'SUBSCRIBED',
	unsubscribed: 'UNSUBSCRIBED',
	not_subscribed: 'NOT_SUBSCRIBED',
	pending: 'PENDING',
};

/**
 * A customer as Shopify's customers/create|update webhook sends it (REST field names), as the
 * fields of a GraphQL customer input. Used to copy a customer from one store into another.
 */
export function customerFromWebhookPayload(payload: IDataObject): CustomerFields {
	const addresses = Array.isArray(payload.addresses) ? (payload.addresses as IDataObject[]) : [];
	const consent = payload.email_marketing_consent as IDataObject | null | undefined;
	return compact({
		firstName: text(payload.first_name),
		lastName: text(payload.last_name),
		email: text(payload.email),
		phone: text(payload.phone),
		note: text(payload.note),
		tags: splitTags(payload.tags),
		addresses: addresses.length ? addresses.map(restAddress) : payload.default_address ? [restAddress(payload.default_address as IDataObject)] : undefined,
		emailMarketingState: consent?.state ? CONSENT_STATES[String(consent.state)] : undefined,
		verifiedEmail: payload.verified_email === true ? true : undefined,
	});
}

/** The node's "Customer Fields" and "Addresses" parameters. */
export function customerFromParameters(this: IExecuteFunctions, itemIndex: number): CustomerFields {
	const fields = this.getNodeParameter('customerFields', itemIndex, {}) as IDataObject;
	const addressValues = (this.getNodeParameter('addresses', itemIndex, {}) as IDataObject).address as IDataObject[] | undefined;
	const addresses = (addressValues ?? []).map((address) =>
		compact(Object.fromEntries(ADDRESS_KEYS.map((key) => [key, text(address[key])])) as AddressInput),
	);
	for (const [index, address] of addresses.entries()) {
		if (address.countryCode !== undefined && !/^[A-Za-z]{2}$/.test(address.countryCode)) {
			throw parameterError(this.getNode(), `Addresses › Address ${index + 1} › Country Code`, `"${address.countryCode}" is not a two-letter ISO country code`, 'Use codes such as FR, DE or US.', itemIndex);
		}
		if (address.countryCode) address.countryCode = address.countryCode.toUpperCase();
	}
	return compact({
		firstName: text(fields.firstName),
		lastName: text(fields.lastName),
		email: text(fields.email),
		phone: text(fields.phone),
		note: text(fields.note),
		tags: fields.tags === undefined ? undefined : splitTags(fields.tags),
		addresses: addresses.length ? addresses : undefined,
		emailMarketingState: text(fields.emailMarketingState),
	});
}

/** Reads the customer from the chosen source: the node's fields or a webhook payload. */
export function customerFromSource(this: IExecuteFunctions, itemIndex: number): CustomerFields {
	const source = this.getNodeParameter('customerSource', itemIndex, 'fields') as string;
	if (source !== 'webhookPayload') return customerFromParameters.call(this, itemIndex);
	const payload = this.getNodeParameter('customerPayload', itemIndex, {}) as unknown;
	const object = typeof payload === 'string' ? safeJson(payload) : payload;
	if (object === null || typeof object !== 'object' || Array.isArray(object)) {
		throw parameterError(this.getNode(), 'Customer Payload', 'is not a JSON object', 'Map the whole customer from the Shopify trigger, e.g. {{ $json.payload }}.', itemIndex);
	}
	const customer = customerFromWebhookPayload(object as IDataObject);
	for (const field of this.getNodeParameter('skipPayloadFields', itemIndex, []) as Array<keyof CustomerFields>) delete customer[field];
	if (!customer.email && !customer.phone && !customer.firstName && !customer.lastName) {
		throw parameterError(this.getNode(), 'Customer Payload', 'has no email, phone or name', 'A customers/delete payload carries no customer data: route deletes to the Delete operation instead.', itemIndex);
	}
	return customer;
}

function safeJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/** CustomerInput / CustomerSetInput without the consent (which has its own mutation after creation). */
export function toCustomerInput(customer: CustomerFields): IDataObject {
	const input: IDataObject = { ...customer };
	delete input.emailMarketingState;
	delete input.verifiedEmail;
	return input;
}
