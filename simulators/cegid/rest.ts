/**
 * The Y2 customer plugin over REST, below /Y2/{DatabaseId}/api/customers/v2. Bodies follow the
 * PATCH body seen in public code ({id, properties:{…, individual:{…, communication}, address}});
 * what the research could not see (create, list and anonymize shapes) is marked in
 * contracts/cegid/README.md.
 */
import type { Route, SimRequest, SimResponse } from '../frame/types';
import { userOf } from './auth';
import {
	anonymizeCustomer,
	CegidBusinessError,
	createCustomer,
	type CustomerPatch,
	findByExternalReference,
	getCustomer,
	CegidNotFound,
	searchCustomers,
	updateCustomer,
} from './customers';
import type { CegidState, SimCustomer } from './state';

const BASE = '/Y2/:database/api/customers/v2';

export function restCustomer(customer: SimCustomer): Record<string, unknown> {
	return {
		id: customer.id,
		externalReference: customer.externalReference,
		closed: customer.closed,
		closingDate: customer.closingDate,
		creationDate: customer.creationDate,
		lastModificationDate: customer.lastModificationDate,
		usualStoreIdentifier: { id: customer.usualStoreId },
		languageId: customer.languageId,
		individual: {
			titleId: customer.titleId,
			firstName: customer.firstName,
			lastName: customer.lastName,
			birthDate: customer.birthDate ?? { day: 1, month: 1, year: 1900 },
			communication: { emailing: customer.emailing, emails: customer.emails, phones: customer.phones },
		},
		address: customer.address,
	};
}

/** `properties` of a REST create or update → the shared patch. */
export function patchFromRest(properties: unknown): CustomerPatch {
	const p = (properties ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped JSON from the wire
	const patch: CustomerPatch = {};
	if (p.externalReference !== undefined) patch.externalReference = String(p.externalReference);
	if (p.closed !== undefined) patch.closed = p.closed === true;
	if (p.usualStoreIdentifier?.id !== undefined) patch.usualStoreId = String(p.usualStoreIdentifier.id);
	if (p.languageId !== undefined) patch.languageId = String(p.languageId);
	if (p.company !== undefined) throw new CegidBusinessError('Company customers are not supported by this simulator.', ['Company']);
	const individual = p.individual ?? {};
	for (const key of ['titleId', 'firstName', 'lastName'] as const) if (individual[key] !== undefined) patch[key] = String(individual[key]);
	if (individual.birthDate !== undefined) {
		const { day, month, year } = individual.birthDate ?? {};
		patch.birthDate = Number(year) > 1900 ? { day: Number(day), month: Number(month), year: Number(year) } : null;
	}
	const communication = individual.communication ?? {};
	if (communication.emailing !== undefined) patch.emailing = communication.emailing === true;
	if (Array.isArray(communication.emails)) patch.emails = communication.emails.map((email: Record<string, unknown>) => ({ ...email, id: Number(email.id) }));
	if (Array.isArray(communication.phones)) patch.phones = communication.phones;
	if (p.address !== undefined) patch.address = p.address;
	return patch;
}

const json = (status: number, body: unknown): SimResponse => ({ status, body });

function guarded(handler: (req: SimRequest, state: CegidState) => SimResponse): Route<CegidState>['handler'] {
	return (req, ctx) => {
		const user = userOf(req, ctx.state)!;
		const database = req.params.database;
		if (!ctx.state.databases.some((entry) => entry.toLowerCase() === database.toLowerCase())) {
			return json(404, { message: `The database ${database} does not exist.` });
		}
		if (database.toLowerCase() !== user.database.toLowerCase()) return json(401, { message: 'Authorization has been denied for this request.' });
		try {
			const response = handler(req, ctx.state);
			if (req.method !== 'GET') ctx.changed();
			return response;
		} catch (error) {
			if (error instanceof CegidBusinessError) return json(error.status, { message: error.message, memberNames: error.memberNames, toDo: error.toDo });
			throw error;
		}
	};
}

/** `{id}` or `EXT-{external reference}`. */
function customerFor(state: CegidState, id: string): SimCustomer {
	if (id.startsWith('EXT-')) {
		const found = findByExternalReference(state, id.slice(4));
		if (!found) throw new CegidNotFound(`No customer has the external reference ${id.slice(4)}.`);
		return found;
	}
	return getCustomer(state, id);
}

export const restRoutes: Array<Route<CegidState>> = [
	{
		method: 'GET',
		path: BASE,
		handler: guarded((req, state) => {
			const q = req.query;
			const max = Number(q['paging.pageSize'] ?? 100) || 100;
			return json(200, searchCustomers(state, { email: q.email, phone: q.phoneNumber, lastName: q.lastName, firstName: q.firstName }, max).map(restCustomer));
		}),
	},
	{
		method: 'GET',
		path: `${BASE}/:id`,
		handler: guarded((req, state) => json(200, restCustomer(customerFor(state, req.params.id)))),
	},
	{
		method: 'POST',
		path: BASE,
		handler: guarded((req, state) => {
			const body = (req.body ?? {}) as { id?: unknown; properties?: unknown };
			if (typeof req.body !== 'object' || req.body === null) throw new CegidBusinessError('The request body must be a JSON object.');
			const { customer, created } = createCustomer(state, body.id === undefined ? undefined : String(body.id), patchFromRest(body.properties));
			return json(created ? 201 : 200, { id: customer.id, customerCreated: created });
		}),
	},
	{
		method: 'PATCH',
		path: `${BASE}/:id`,
		handler: guarded((req, state) => {
			const body = (req.body ?? {}) as { id?: unknown; properties?: unknown };
			const customer = customerFor(state, req.params.id);
			if (body.id !== undefined && String(body.id) !== customer.id && String(body.id) !== req.params.id) {
				throw new CegidBusinessError('Input data not valid. -The Id in the body does not match the Id in the path.', ['Id']);
			}
			updateCustomer(state, customer.id, patchFromRest(body.properties));
			return { status: 204 };
		}),
	},
	{
		method: 'POST',
		path: `${BASE}/:id/anonymize`,
		handler: guarded((req, state) => {
			const customer = customerFor(state, req.params.id);
			anonymizeCustomer(state, customer.id, userOf(req, state)!.canAnonymize);
			return { status: 204 };
		}),
	},
];
