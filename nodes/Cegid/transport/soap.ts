/**
 * CustomerWcfService envelopes and answers. Envelope shape, namespace and SOAPAction values are the
 * ones in Cegid's guide "Consuming Y2 Web Services" and in public clients (contracts/cegid/README.md).
 */
import { summarizeBody } from '../../shared/errors';
import { child, escapeXml, parseXml, path, toXml, type XmlElement, type XmlObject } from '../helpers/xml';

export const RETAIL_NS = 'http://www.cegid.fr/Retail/1.0';

export type SoapOperation =
	| 'HelloWorld'
	| 'GetCustomerIdByReference'
	| 'GetCustomerDetail'
	| 'SearchCustomerIds'
	| 'AddNewCustomer'
	| 'UpdateCustomer';

/** HelloWorld belongs to the basic interface every Y2 service implements; the rest to the customer contract. */
export function soapAction(operation: SoapOperation): string {
	const contract = operation === 'HelloWorld' ? 'ICbrBasicWebServiceInterface' : 'ICustomerWcfService';
	return `${RETAIL_NS}/${contract}/${operation}`;
}

/** A SOAP 1.1 envelope; the database ID travels in the body's clientContext, as every operation requires. */
export function soapEnvelope(operation: SoapOperation, parameters: XmlObject, databaseId: string): string {
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns="${RETAIL_NS}">` +
		'<soapenv:Header/><soapenv:Body>' +
		`<ns:${operation}>${toXml(parameters, 'ns')}` +
		`<ns:clientContext><ns:DatabaseId>${escapeXml(databaseId)}</ns:DatabaseId></ns:clientContext>` +
		`</ns:${operation}></soapenv:Body></soapenv:Envelope>`
	);
}

export interface SoapFault {
	code: string;
	message: string;
	/** BusinessFaultDetail / CbpFaultDetail fields, when the fault carries them. */
	detailType?: string;
	cause?: string;
	toDo?: string;
	memberNames?: string[];
}

export interface SoapAnswer {
	soap: true;
	/** Set when the body was not a SOAP envelope (an IIS or proxy page): a short text summary of it. */
	notSoap?: string;
	fault?: SoapFault;
	/** The `{Operation}Response` element. */
	response?: XmlElement;
}

const textOf = (element: XmlElement | undefined) => (element?.text ?? '').trim() || undefined;

/**
 * Reads a SOAP answer. A body that is not a SOAP envelope (an IIS error page) is kept only as a
 * short text summary, so no raw markup reaches an error.
 */
export function parseSoapAnswer(text: string): SoapAnswer {
	let envelope: XmlElement | undefined;
	try {
		envelope = parseXml(text);
	} catch {
		envelope = undefined;
	}
	const body = child(envelope, 'Body');
	if (!envelope || envelope.name !== 'Envelope' || !body) return { soap: true, notSoap: summarizeBody(text) || '(empty answer)' };
	const fault = child(body, 'Fault');
	if (!fault) return { soap: true, response: body.children[0] };
	const detail = child(fault, 'detail')?.children[0];
	const members = child(detail, 'MemberNames')?.children.map((entry) => entry.text.trim()).filter(Boolean);
	return {
		soap: true,
		fault: {
			code: textOf(child(fault, 'faultcode')) ?? '',
			message: textOf(child(fault, 'faultstring')) ?? textOf(child(detail, 'Message')) ?? 'SOAP fault without a message',
			detailType: detail?.name,
			cause: textOf(child(detail, 'Cause')),
			toDo: textOf(child(detail, 'ToDo')),
			memberNames: members?.length ? members : undefined,
		},
	};
}

export function isSoapAnswer(body: unknown): body is SoapAnswer {
	return body !== null && typeof body === 'object' && (body as SoapAnswer).soap === true;
}

/** The `{Operation}Result` element of an answer. */
export function soapResult(answer: SoapAnswer, operation: SoapOperation): XmlElement | undefined {
	return path(answer.response, `${operation}Result`);
}
