/**
 * Customer operations over either flavour, in the node's customer model. Operations and the
 * upsert are written once against these functions.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { RequestContext } from '../../shared/transport/serviceRequest';
import {
	type CegidCustomer,
	completeSoapBlocks,
	fromRestCustomer,
	fromSoapCustomer,
	toRestProperties,
	toSoapCustomerData,
} from '../helpers/customer';
import { toObject } from '../helpers/xml';
import { type ApiFlavour, apiFlavour, type CallOptions, cegidRestRequest, cegidSoapRequest } from './index';
import { soapResult } from './soap';

export interface SearchCriteria {
	email?: string;
	phone?: string;
	lastName?: string;
	firstName?: string;
	externalReference?: string;
}

export interface CustomerClient {
	flavour: ApiFlavour;
	get(customerId: string): Promise<CegidCustomer>;
	/** The customer with this external reference, or undefined. */
	findByExternalReference(reference: string): Promise<CegidCustomer | undefined>;
	search(criteria: SearchCriteria, limit: number): Promise<CegidCustomer[]>;
	/** Creates the customer and returns its CEGID ID. */
	create(customer: CegidCustomer): Promise<string>;
	/** Writes `changes` (only those fields) to the customer `current` describes. */
	update(current: CegidCustomer, changes: CegidCustomer): Promise<void>;
	anonymize(customerId: string): Promise<void>;
}

const soapText = (element: { text: string } | undefined) => (element?.text ?? '').trim();

function soapClient(context: RequestContext, itemIndex?: number): CustomerClient {
	const call = async (operation: Parameters<typeof cegidSoapRequest>[0], parameters: Parameters<typeof cegidSoapRequest>[1], options: CallOptions) =>
		await cegidSoapRequest.call(context, operation, parameters, { itemIndex, ...options });
	const client: CustomerClient = {
		flavour: 'soap',
		async get(customerId) {
			const answer = await call('GetCustomerDetail', { customerId }, { idempotent: true });
			const result = soapResult(answer, 'GetCustomerDetail');
			return fromSoapCustomer((result ? toObject(result) : {}) as Record<string, unknown>);
		},
		async findByExternalReference(reference) {
			const answer = await call('GetCustomerIdByReference', { customerReference: reference }, { idempotent: true });
			const customerId = soapText(soapResult(answer, 'GetCustomerIdByReference'));
			return customerId ? await client.get(customerId) : undefined;
		},
		async search(criteria, limit) {
			if (criteria.externalReference) {
				const found = await client.findByExternalReference(criteria.externalReference);
				return found ? [found] : [];
			}
			// CustomerSearchDataType: CustomerDataBase members first, then its own (WCF reads them in order).
			const searchData = {
				EmailData: criteria.email ? { Email: criteria.email } : undefined,
				FirstName: criteria.firstName,
				LastName: criteria.lastName,
				PhoneData: criteria.phone ? { CellularPhoneNumber: criteria.phone } : undefined,
				MaxNumberOfCustomers: limit,
			};
			const answer = await call('SearchCustomerIds', { searchData }, { idempotent: true });
			const ids = (soapResult(answer, 'SearchCustomerIds')?.children ?? [])
				.map((entry) => soapText(entry.children.find((field) => field.name === 'CustomerId')))
				.filter(Boolean)
				.slice(0, limit);
			const customers: CegidCustomer[] = [];
			for (const id of ids) customers.push(await client.get(id));
			return customers;
		},
		async create(customer) {
			const answer = await call('AddNewCustomer', { customerData: toSoapCustomerData(customer, { insert: true }) }, { idempotent: false });
			return soapText(soapResult(answer, 'AddNewCustomer')) || String(customer.customerId ?? '');
		},
		async update(current, changes) {
			// SOAP sub-blocks (address, e-mail, phones) are written whole, so complete them from the record.
			const modifiedData = toSoapCustomerData(completeSoapBlocks(changes, current), { insert: false });
			await call('UpdateCustomer', { customerId: current.customerId, modifiedData }, { idempotent: true });
		},
		async anonymize(customerId) {
			// CustomerWcfService has no Anonymize: blank every personal field and close the record.
			const current = await client.get(customerId);
			const blank: CegidCustomer = {
				firstName: '',
				lastName: 'ANONYMIZED',
				birthDate: '',
				email: '',
				emailingAccepted: false,
				mobilePhone: '',
				homePhone: '',
				addressLine1: '',
				addressLine2: '',
				addressLine3: '',
				zipCode: '',
				city: '',
				optinEmail: 'DoNotUse',
				optinMobile: 'DoNotUse',
				optinPostal: 'DoNotUse',
				externalReference: '',
				closed: true,
			};
			await client.update(current, { ...blank, countryId: current.countryId });
		},
	};
	return client;
}

function restClient(context: RequestContext, itemIndex?: number): CustomerClient {
	const request = async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, options: CallOptions & { qs?: IDataObject; body?: IDataObject } = {}) =>
		(await cegidRestRequest.call(context, method, path, { itemIndex, ...options })) as T;
	const list = async (qs: IDataObject, limit: number) => {
		const records = await request<IDataObject[]>('GET', '', { qs });
		return (Array.isArray(records) ? records : []).slice(0, limit).map(fromRestCustomer);
	};
	return {
		flavour: 'rest',
		async get(customerId) {
			return fromRestCustomer(await request<IDataObject>('GET', `/${encodeURIComponent(customerId)}`));
		},
		async findByExternalReference(reference) {
			// GetDetail addresses a customer by external reference as EXT-{reference}; 404 means none.
			let failure: unknown;
			try {
				return fromRestCustomer(await request<IDataObject>('GET', `/${encodeURIComponent(`EXT-${reference}`)}`));
			} catch (error) {
				failure = error;
			}
			if (isNotFound(failure)) return undefined;
			throw failure;
		},
		async search(criteria, limit) {
			const qs: IDataObject = {};
			if (criteria.email) qs.email = criteria.email;
			if (criteria.phone) qs.phoneNumber = criteria.phone;
			if (criteria.lastName) qs.lastName = criteria.lastName;
			if (criteria.firstName) qs.firstName = criteria.firstName;
			if (criteria.externalReference) {
				const found = await this.findByExternalReference(criteria.externalReference);
				return found ? [found] : [];
			}
			return await list(qs, limit);
		},
		async create(customer) {
			const body: IDataObject = { ...(customer.customerId ? { id: customer.customerId } : {}), properties: toRestProperties(customer) };
			const created = await request<IDataObject>('POST', '', { body, idempotent: false });
			return String(created?.id ?? customer.customerId ?? '');
		},
		async update(current, changes) {
			const id = String(current.customerId);
			await request('PATCH', `/${encodeURIComponent(id)}`, { body: { id, properties: toRestProperties(changes) }, idempotent: true });
		},
		async anonymize(customerId) {
			await request('POST', `/${encodeURIComponent(customerId)}/anonymize`, { idempotent: true });
		},
	};
}

export async function customerClient(this: RequestContext, itemIndex?: number): Promise<CustomerClient> {
	const flavour = await apiFlavour.call(this);
	return flavour === 'soap' ? soapClient(this, itemIndex) : restClient(this, itemIndex);
}

/** Whether an error is CEGID saying the record does not exist (REST 404). */
export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}
