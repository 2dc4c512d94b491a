/** Subscriber API reads: getInfo, findByName, getInfoByUserRef, findByCustomField, findBySystemField. */
import type { Route } from '../frame/types';
import { fieldById } from './fieldValues';
import { operation } from './operation';
import { subscriberOf } from './records';
import { errorWithCode, invalid, success, unknown } from './responses';
import type { ManyChatState, ManyChatSubscriber } from './state';
import { Input } from './validation';

/** findByName and findByCustomField: "List is limited by 100". */
const MAX_FOUND = 100;

const normalName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
/** Digits only: an unencoded "+" in a query string arrives as a space. */
const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

function lastFieldUpdate(state: ManyChatState, subscriber: ManyChatSubscriber, fieldId: number): string {
	return state.fieldUpdatedAt[subscriber.id]?.[fieldId] ?? '';
}

export const subscriberReadRoutes: Array<Route<ManyChatState>> = [
	operation('GET', 'subscriber.getInfo', (req, { state }) => success(subscriberOf(state, Input.query(req)))),

	operation('GET', 'subscriber.findByName', (req, { state }) => {
		const wanted = normalName(Input.query(req).string('name'));
		const found = Object.values(state.subscribers).filter((subscriber) => normalName(subscriber.name) === wanted);
		return success(found.slice(0, MAX_FOUND));
	}),

	operation('GET', 'subscriber.getInfoByUserRef', (req, { state }) => {
		const userRef = Input.query(req).id('user_ref', { signed: true });
		const subscriber = Object.values(state.subscribers).find((candidate) =>
			candidate.user_refs.some((ref) => ref.user_ref === userRef),
		);
		// Code 2012 ("not linked with subscriber_id") needs refs registered without a subscriber,
		// which the simulator does not keep; every unknown ref gets 2011.
		return subscriber ? success(subscriber) : errorWithCode("User_ref isn't registered", 2011);
	}),

	operation('GET', 'subscriber.findByCustomField', (req, { state }) => {
		const input = Input.query(req);
		const field = fieldById(state.customFields, input.int('field_id'), 'custom field');
		const wanted = input.string('field_value');
		if (field.type !== 'text' && field.type !== 'number') {
			throw invalid(`field_id: findByCustomField only works with text and number fields; "${field.name}" is a ${field.type} field`);
		}
		if (field.type === 'number' && Number.isNaN(Number(wanted))) {
			throw invalid(`field_value: "${field.name}" is a number field, so the value must be a number`);
		}
		const matches = (value: unknown) => (field.type === 'number' ? value === Number(wanted) : value === wanted);
		const found = Object.values(state.subscribers)
			.filter((subscriber) => subscriber.custom_fields.some((entry) => entry.id === field.id && matches(entry.value)))
			// "Results are sorted by last Custom User Field value update": newest first.
			.sort((a, b) => lastFieldUpdate(state, b, field.id).localeCompare(lastFieldUpdate(state, a, field.id)));
		return success(found.slice(0, MAX_FOUND));
	}),

	operation('GET', 'subscriber.findBySystemField', (req, { state }) => {
		const input = Input.query(req);
		const email = input.optionalString('email');
		const phone = input.optionalString('phone');
		if (email !== undefined && phone !== undefined) throw invalid('Set one parameter: email OR phone, not both');
		if (email === undefined && phone === undefined) throw invalid('email or phone is required (set one of them)');
		const subscriber = Object.values(state.subscribers).find((candidate) =>
			email !== undefined
				? candidate.email?.toLowerCase() === email.trim().toLowerCase()
				: candidate.phone !== null && phoneDigits(candidate.phone) === phoneDigits(phone ?? ''),
		);
		if (!subscriber) {
			throw email !== undefined ? unknown('email', `no subscriber with email ${email}`) : unknown('phone', `no subscriber with phone ${phone}`);
		}
		return success(subscriber);
	}),
];
