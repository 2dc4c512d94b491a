import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { serviceErrorText } from '../../shared/errors';
import { type HttpResponse, type RequestContext, type ServiceDefinition, serviceRequest } from '../../shared/transport/serviceRequest';
import type { XmlObject } from '../helpers/xml';
import { databaseId, missingTokenUrl, usesOAuth, y2Root } from './auth';
import { cegidHint } from './errorHints';
import { isSoapAnswer, parseSoapAnswer, soapAction, soapEnvelope, type SoapAnswer, type SoapOperation } from './soap';

export type ApiFlavour = 'rest' | 'soap';

const CREDENTIAL = { credentialType: 'cegidApi', credentialDisplayName: 'CEGID Retail Y2 API' } as const;

/** CEGID's own error text: a SOAP fault (message + cause), or the REST error's message. */
function describeCegidError(body: unknown): string | undefined {
	if (isSoapAnswer(body)) {
		if (body.notSoap !== undefined) return body.notSoap;
		const fault = body.fault;
		if (!fault) return undefined;
		const cause = fault.cause && fault.cause !== fault.message ? ` (${fault.cause})` : '';
		const members = fault.memberNames ? ` [field: ${fault.memberNames.join(', ')}]` : '';
		return `${fault.message}${cause}${members}`;
	}
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		for (const key of ['message', 'Message', 'detail', 'title', 'error_description', 'error']) {
			if (typeof record[key] === 'string' && record[key] !== '') return record[key] as string;
		}
	}
	if (typeof body === 'string' && body.trim() !== '') return serviceErrorText(body);
	return undefined;
}

/** A web server's own page (IIS, a proxy) instead of an answer from CEGID's customer API. */
function isForeignPage(body: unknown): boolean {
	return isSoapAnswer(body) ? body.notSoap !== undefined : typeof body === 'string' && /^\s*</.test(body);
}

function hint(statusCode: number, body: unknown): string | undefined {
	if (statusCode !== 401 && isForeignPage(body)) {
		return 'The web server answered instead of the CEGID customer API. Check the Y2 URL (or Base URL), Database ID and API Flavour in the "CEGID Retail Y2 API" credential.';
	}
	const message = describeCegidError(body);
	const toDo = isSoapAnswer(body) ? body.fault?.toDo : undefined;
	const known = cegidHint(statusCode, `${message ?? ''} ${toDo ?? ''}`);
	if (toDo && known) return `${toDo} ${known}`;
	return toDo ?? known;
}

function service(flavour: ApiFlavour, credentials: IDataObject): ServiceDefinition {
	return {
		name: 'CEGID',
		...CREDENTIAL,
		secretFields: ['password', 'accessToken'],
		baseUrl: y2Root,
		missingSetting: missingTokenUrl,
		renewsTokenOn401: usesOAuth(credentials),
		errorMessage: describeCegidError,
		hint,
		// A SOAP fault is CEGID's considered answer (a business rule, a missing customer): asking again changes nothing.
		isFinalError: (_status, body) => isSoapAnswer(body) && body.fault !== undefined,
		...(flavour === 'soap'
			? {
					codec: {
						stringify: (body: unknown) => String((body as { envelope: string }).envelope),
						parse: parseSoapAnswer,
					},
					// A 200 whose body is not a SOAP envelope (an HTML login page of a proxy) is no answer.
					errorInBody: (body: unknown) =>
						isSoapAnswer(body) && body.notSoap === undefined
							? body.fault
								? describeCegidError(body)
								: undefined
							: 'the answer is not a SOAP envelope; check the URL and API Flavour in the credential',
				}
			: {}),
	};
}

export async function cegidCredentials(this: RequestContext): Promise<IDataObject> {
	return (await this.getCredentials(CREDENTIAL.credentialType)) as IDataObject;
}

export async function apiFlavour(this: RequestContext): Promise<ApiFlavour> {
	const credentials = await cegidCredentials.call(this);
	return credentials.apiFlavour === 'soap' ? 'soap' : 'rest';
}

export interface CallOptions {
	itemIndex?: number;
	/** Whether repeating the call is harmless (reads, an update to the same values). */
	idempotent?: boolean;
}

/** Calls one CustomerWcfService operation and returns its answer. */
export async function cegidSoapRequest(
	this: RequestContext,
	operation: SoapOperation,
	parameters: XmlObject,
	options: CallOptions = {},
): Promise<SoapAnswer> {
	const credentials = await cegidCredentials.call(this);
	const response = (await serviceRequest.call(this, service('soap', credentials), {
		method: 'POST',
		url: 'CustomerWcfService.svc',
		body: { envelope: soapEnvelope(operation, parameters, databaseId(credentials)) },
		headers: {
			Accept: 'text/xml',
			'Content-Type': 'text/xml; charset=utf-8',
			SOAPAction: `"${soapAction(operation)}"`,
		},
		itemIndex: options.itemIndex,
		idempotent: options.idempotent ?? false,
	})) as HttpResponse<SoapAnswer>;
	return response.body;
}

/** Calls the REST customer API below /{DatabaseId}/api/customers/v2. */
export async function cegidRestRequest<T = unknown>(
	this: RequestContext,
	method: IHttpRequestMethods,
	path: string,
	options: CallOptions & { qs?: IDataObject; body?: IDataObject } = {},
): Promise<T> {
	const credentials = await cegidCredentials.call(this);
	const response = (await serviceRequest.call(this, service('rest', credentials), {
		method,
		url: `${encodeURIComponent(databaseId(credentials))}/api/customers/v2${path}`,
		qs: options.qs,
		body: options.body,
		itemIndex: options.itemIndex,
		idempotent: options.idempotent,
	})) as HttpResponse<T>;
	return response.body;
}
