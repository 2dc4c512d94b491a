/**
 * CustomerWcfService over SOAP 1.1: POST /Y2/CustomerWcfService.svc, Content-Type text/xml,
 * SOAPAction "http://www.cegid.fr/Retail/1.0/ICustomerWcfService/{Operation}" (HelloWorld:
 * ".../ICbrBasicWebServiceInterface/HelloWorld"), clientContext/DatabaseId in the body. Refusals are
 * SOAP faults with a BusinessFaultDetail (namespace http://www.cegid.fr/fault), HTTP 500.
 */
import type { Route, SimRequest, SimResponse } from '../frame/types';
import { userOf } from './auth';
import {
	CegidBusinessError,
	createCustomer,
	type CustomerPatch,
	findByExternalReference,
	getCustomer,
	searchCustomers,
	updateCustomer,
} from './customers';
import type { CegidState, Optin, SimCustomer } from './state';
import { childOf, escapeXml, readXml, type SimXml, textOf, writeXml } from './xml';

export const RETAIL_NS = 'http://www.cegid.fr/Retail/1.0';
export const SOAP_OPERATIONS = ['HelloWorld', 'GetCustomerIdByReference', 'GetCustomerDetail', 'SearchCustomerIds', 'AddNewCustomer', 'UpdateCustomer'];

export const soapActionFor = (operation: string) =>
	`${RETAIL_NS}/${operation === 'HelloWorld' ? 'ICbrBasicWebServiceInterface' : 'ICustomerWcfService'}/${operation}`;

const envelope = (body: string) =>
	`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;

const xmlResponse = (status: number, body: string): SimResponse => ({ status, raw: envelope(body), headers: { 'content-type': 'text/xml; charset=utf-8' } });

export function soapFault(code: string, message: string, detail?: { cause?: string; toDo?: string; memberNames?: string[] }): SimResponse {
	const members = (detail?.memberNames ?? []).map((name) => `<a:string>${escapeXml(name)}</a:string>`).join('');
	const faultDetail = detail
		? `<detail><BusinessFaultDetail xmlns="http://www.cegid.fr/fault" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Cause>${escapeXml(detail.cause ?? '')}</Cause><Description/><Id>0</Id><Message>${escapeXml(message)}</Message><SourceLocation/><ToDo>${escapeXml(detail.toDo ?? '')}</ToDo><MemberNames xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">${members}</MemberNames></BusinessFaultDetail></detail>`
		: '';
	return xmlResponse(500, `<s:Fault><faultcode>s:${code}</faultcode><faultstring xml:lang="en-US">${escapeXml(message)}</faultstring>${faultDetail}</s:Fault>`);
}

const answer = (operation: string, result: string) =>
	xmlResponse(200, `<${operation}Response xmlns="${RETAIL_NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">${result}</${operation}Response>`);

/** CustomerQueryData, members in WCF order (base type first, alphabetical within a type). */
export function customerQueryData(customer: SimCustomer): Record<string, unknown> {
	const line = (id: string) => customer.address.lines.find((entry) => entry.id === id)?.value ?? '';
	const phone = (type: string) => customer.phones.find((entry) => entry.type === type);
	const email = customer.emails.find((entry) => entry.id === 1);
	return {
		AddressData: {
			AddressLine1: line('1'),
			AddressLine2: line('2'),
			AddressLine3: line('3'),
			City: customer.address.city,
			CountryId: customer.address.countryId,
			CountryIdType: 'Internal',
			ZipCode: customer.address.zipCode,
		},
		EmailData: { Email: email?.value ?? '', EmailingAccepted: customer.emailing },
		FirstName: customer.firstName,
		IsCompany: false,
		LastName: customer.lastName,
		PhoneData: { CellularPhoneNumber: phone('Mobile')?.value ?? '', HomePhoneNumber: phone('Home')?.value ?? '' },
		TitleId: customer.titleId,
		UsualStoreId: customer.usualStoreId,
		BirthDateData: customer.birthDate
			? { BirthDateDay: customer.birthDate.day, BirthDateMonth: customer.birthDate.month, BirthDateYear: customer.birthDate.year }
			: { BirthDateDay: 1, BirthDateMonth: 1, BirthDateYear: 1900 },
		LanguageId: customer.languageId,
		OptinEmail: email?.optin ?? 'AskCustomer',
		OptinMobile: phone('Mobile')?.optin ?? 'AskCustomer',
		OptinPostal: customer.address.optinPostal,
		Closed: customer.closed,
		CustomerId: customer.id,
		CustomerReference: customer.externalReference,
		LastDateUpdate: customer.lastModificationDate,
	};
}

const bool = (value: string | undefined) => (value === undefined ? undefined : value.trim() === 'true');

/** CustomerInsertData / CustomerInputData → the shared patch. Absent elements stay unchanged. */
export function patchFromSoap(data: SimXml | undefined): CustomerPatch {
	const patch: CustomerPatch = {};
	if (!data) return patch;
	const take = (name: string) => textOf(data, name);
	if (take('CustomerReference') !== undefined) patch.externalReference = take('CustomerReference');
	if (take('Closed') !== undefined) patch.closed = bool(take('Closed'));
	if (take('UsualStoreId') !== undefined) patch.usualStoreId = take('UsualStoreId');
	if (take('LanguageId') !== undefined) patch.languageId = take('LanguageId');
	if (take('TitleId') !== undefined) patch.titleId = take('TitleId');
	if (take('FirstName') !== undefined) patch.firstName = take('FirstName');
	if (take('LastName') !== undefined) patch.lastName = take('LastName');
	const birth = childOf(data, 'BirthDateData');
	if (birth) {
		const day = Number(textOf(birth, 'BirthDateDay') ?? 0);
		const month = Number(textOf(birth, 'BirthDateMonth') ?? 0);
		const year = Number(textOf(birth, 'BirthDateYear') ?? 0);
		patch.birthDate = year > 1900 ? { day, month, year } : null;
	}
	const email = childOf(data, 'EmailData');
	const optinEmail = take('OptinEmail') as Optin | undefined;
	if (email || optinEmail) patch.emails = [{ id: 1, value: textOf(email, 'Email'), optin: optinEmail }];
	if (textOf(email, 'EmailingAccepted') !== undefined) patch.emailing = bool(textOf(email, 'EmailingAccepted'));
	const phones = childOf(data, 'PhoneData');
	const optinMobile = take('OptinMobile') as Optin | undefined;
	if (phones || optinMobile) {
		patch.phones = [{ type: 'Mobile', value: textOf(phones, 'CellularPhoneNumber'), optin: optinMobile }];
		if (textOf(phones, 'HomePhoneNumber') !== undefined) patch.phones.push({ type: 'Home', value: textOf(phones, 'HomePhoneNumber') });
	}
	const address = childOf(data, 'AddressData');
	const optinPostal = take('OptinPostal') as Optin | undefined;
	if (address || optinPostal) {
		patch.address = { optinPostal };
		if (address) {
			patch.address.lines = ['1', '2', '3']
				.filter((id) => textOf(address, `AddressLine${id}`) !== undefined)
				.map((id) => ({ id, value: textOf(address, `AddressLine${id}`) ?? '' }));
			patch.address.zipCode = textOf(address, 'ZipCode');
			patch.address.city = textOf(address, 'City');
			const countryType = textOf(address, 'CountryIdType') ?? 'Internal';
			const country = textOf(address, 'CountryId');
			if (country !== undefined && country !== '' && countryType !== 'Internal' && countryType !== 'ISO3') {
				throw new CegidBusinessError(`CountryIdType "${countryType}" is not supported by this simulator; send Internal or ISO3.`, ['AddressData.CountryIdType']);
			}
			patch.address.countryId = country;
		}
	}
	return patch;
}

function handle(operation: string, call: SimXml, req: SimRequest, state: CegidState): SimResponse {
	const user = userOf(req, state)!;
	switch (operation) {
		case 'HelloWorld': {
			const text = textOf(call, 'text') ?? '';
			return answer(operation, `<HelloWorldResult>${escapeXml(`Hello ${text} DataBaseId: (${user.database}) Current Identity: (${user.database}\\${user.user}) CBR Version: (12.1.0.1057)`)}</HelloWorldResult>`);
		}
		case 'GetCustomerIdByReference': {
			const found = findByExternalReference(state, textOf(call, 'customerReference') ?? '');
			return answer(operation, found ? `<GetCustomerIdByReferenceResult>${escapeXml(found.id)}</GetCustomerIdByReferenceResult>` : '<GetCustomerIdByReferenceResult/>');
		}
		case 'GetCustomerDetail': {
			const customer = getCustomer(state, (textOf(call, 'customerId') ?? '').trim());
			return answer(operation, `<GetCustomerDetailResult>${writeXml(customerQueryData(customer))}</GetCustomerDetailResult>`);
		}
		case 'SearchCustomerIds': {
			const search = childOf(call, 'searchData');
			const max = Number(textOf(search, 'MaxNumberOfCustomers') ?? 100) || 100;
			const closed = textOf(search, 'Closed');
			const found = searchCustomers(
				state,
				{
					email: textOf(childOf(search, 'EmailData'), 'Email'),
					phone: textOf(childOf(search, 'PhoneData'), 'CellularPhoneNumber'),
					lastName: textOf(search, 'LastName'),
					firstName: textOf(search, 'FirstName'),
					closed: closed === undefined ? undefined : closed === 'true',
				},
				max,
			);
			const items = found.map((customer) => `<CustomerQueryData>${writeXml(customerQueryData(customer))}</CustomerQueryData>`).join('');
			return answer(operation, `<SearchCustomerIdsResult>${items}</SearchCustomerIdsResult>`);
		}
		case 'AddNewCustomer': {
			const data = childOf(call, 'customerData');
			const { customer } = createCustomer(state, textOf(data, 'CustomerId'), patchFromSoap(data));
			return answer(operation, `<AddNewCustomerResult>${escapeXml(customer.id)}</AddNewCustomerResult>`);
		}
		case 'UpdateCustomer': {
			updateCustomer(state, (textOf(call, 'customerId') ?? '').trim(), patchFromSoap(childOf(call, 'modifiedData')));
			return answer(operation, '');
		}
		default:
			return soapFault('Client', `Operation ${operation} is not implemented by the simulator.`);
	}
}

export const soapRoutes: Array<Route<CegidState>> = [
	{
		method: 'POST',
		path: '/Y2/CustomerWcfService.svc',
		handler: (req, ctx) => {
			const contentType = String(req.headers['content-type'] ?? '');
			if (!contentType.startsWith('text/xml')) {
				return { status: 415, raw: `Cannot process the message because the content type '${contentType}' was not the expected type 'text/xml; charset=utf-8'.`, headers: { 'content-type': 'text/plain' } };
			}
			let body: SimXml;
			try {
				body = readXml(req.rawBody.toString('utf8'));
			} catch (error) {
				return soapFault('Client', `The message is not well-formed XML: ${(error as Error).message}`);
			}
			const call = childOf(body, 'Body')?.children[0];
			if (body.name !== 'Envelope' || !call) return soapFault('Client', 'The message is not a SOAP 1.1 envelope.');
			const operation = call.name;
			const action = String(req.headers.soapaction ?? '').replace(/^"|"$/g, '');
			if (!SOAP_OPERATIONS.includes(operation) || action !== soapActionFor(operation)) {
				return soapFault(
					'ActionNotSupported',
					`The message with Action '${action}' cannot be processed at the receiver, due to a ContractFilter mismatch at the EndpointDispatcher.`,
				);
			}
			const database = textOf(childOf(call, 'clientContext'), 'DatabaseId');
			const user = userOf(req, ctx.state)!;
			if (!database) return soapFault('Client', 'clientContext.DatabaseId is required.', { cause: 'Missing DatabaseId', memberNames: ['clientContext.DatabaseId'] });
			if (database.toLowerCase() !== user.database.toLowerCase()) {
				return soapFault('Client', `The database ${database} is not the database of the connected user.`, { cause: 'Wrong DatabaseId', memberNames: ['clientContext.DatabaseId'] });
			}
			try {
				const response = handle(operation, call, req, ctx.state);
				if (operation === 'AddNewCustomer' || operation === 'UpdateCustomer') ctx.changed();
				return response;
			} catch (error) {
				if (!(error instanceof CegidBusinessError)) throw error;
				return soapFault('Client', error.message, { cause: error.constructor.name === 'CegidNotFound' ? 'NotFound' : 'BusinessError', toDo: error.toDo, memberNames: error.memberNames });
			}
		},
	},
];
