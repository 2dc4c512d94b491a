/**
 * createSubscriber and updateSubscriber, with the spec's conditional rules: at least one of phone,
 * whatsapp_phone and email (create only); has_opt_in_sms when a phone is given; has_opt_in_email
 * when an email is given; consent_phrase when has_opt_in_sms is true.
 */
import type { Route } from '../frame/types';
import { operation } from './operation';
import { subscriberOf } from './records';
import { invalid, success } from './responses';
import { type ManyChatState, type ManyChatSubscriber, SIMULATOR_PAGE_ID, w3cTime } from './state';
import { Input } from './validation';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164, as the spec's example "+15400000000". */
const PHONE = /^\+[1-9]\d{6,14}$/;

interface Profile {
	first_name?: string;
	last_name?: string;
	phone?: string;
	whatsapp_phone?: string;
	email?: string;
	gender?: string;
	has_opt_in_sms?: boolean;
	has_opt_in_email?: boolean;
}

function readProfile(input: Input, state: ManyChatState, self?: ManyChatSubscriber): Profile {
	const profile: Profile = {
		first_name: input.optionalString('first_name'),
		last_name: input.optionalString('last_name'),
		phone: input.optionalString('phone'),
		whatsapp_phone: input.optionalString('whatsapp_phone'),
		email: input.optionalString('email'),
		gender: input.optionalString('gender'),
		has_opt_in_sms: input.optionalBoolean('has_opt_in_sms'),
		has_opt_in_email: input.optionalBoolean('has_opt_in_email'),
	};
	for (const name of ['phone', 'whatsapp_phone'] as const) {
		const phone = profile[name];
		if (phone !== undefined && !PHONE.test(phone)) throw invalid(`${name} must be in international format, e.g. +15400000000`);
	}
	if (profile.email !== undefined && !EMAIL.test(profile.email)) throw invalid('email is not a valid email address');
	if (profile.phone !== undefined && profile.has_opt_in_sms === undefined) {
		throw invalid('has_opt_in_sms is required when phone is set');
	}
	if (profile.email !== undefined && profile.has_opt_in_email === undefined) {
		throw invalid('has_opt_in_email is required when email is set');
	}
	if (profile.has_opt_in_sms === true && input.optionalString('consent_phrase') === undefined) {
		throw invalid('consent_phrase is required when has_opt_in_sms is true');
	}
	// Assumption: ManyChat keeps one contact per email / phone, so a second one is refused.
	for (const other of Object.values(state.subscribers)) {
		if (other === self) continue;
		if (profile.email !== undefined && other.email?.toLowerCase() === profile.email.toLowerCase()) {
			throw invalid(`email: a subscriber with email ${profile.email} already exists`);
		}
		if (profile.phone !== undefined && other.phone === profile.phone) throw invalid(`phone: a subscriber with phone ${profile.phone} already exists`);
		if (profile.whatsapp_phone !== undefined && other.whatsapp_phone === profile.whatsapp_phone) {
			throw invalid(`whatsapp_phone: a subscriber with WhatsApp phone ${profile.whatsapp_phone} already exists`);
		}
	}
	return profile;
}

/** One more than the highest ID, in exact integer arithmetic (IDs pass 2^53). */
function nextSubscriberId(state: ManyChatState): string {
	const highest = Object.keys(state.subscribers).reduce((max, id) => (BigInt(id) > max ? BigInt(id) : max), 0n);
	return String(highest + 1n);
}

function applyProfile(subscriber: ManyChatSubscriber, profile: Profile): void {
	if (profile.first_name !== undefined) subscriber.first_name = profile.first_name;
	if (profile.last_name !== undefined) subscriber.last_name = profile.last_name;
	subscriber.name = `${subscriber.first_name} ${subscriber.last_name}`.trim();
	if (profile.gender !== undefined) subscriber.gender = profile.gender;
	if (profile.phone !== undefined) subscriber.phone = profile.phone;
	if (profile.email !== undefined) subscriber.email = profile.email;
	if (profile.has_opt_in_sms !== undefined) subscriber.optin_phone = profile.has_opt_in_sms;
	if (profile.has_opt_in_email !== undefined) subscriber.optin_email = profile.has_opt_in_email;
	if (profile.whatsapp_phone !== undefined) {
		subscriber.whatsapp_phone = profile.whatsapp_phone;
		subscriber.optin_whatsapp = true;
	}
}

export const subscriberProfileRoutes: Array<Route<ManyChatState>> = [
	operation('POST', 'subscriber.createSubscriber', (req, { state, changed }) => {
		const profile = readProfile(Input.body(req), state);
		if (profile.phone === undefined && profile.whatsapp_phone === undefined && profile.email === undefined) {
			throw invalid('One of phone, whatsapp_phone or email is required');
		}
		const id = nextSubscriberId(state);
		// A contact created by API has not written yet: no last interaction, so no 24-hour window.
		const subscriber: ManyChatSubscriber = {
			id,
			page_id: String(SIMULATOR_PAGE_ID),
			user_refs: [],
			first_name: '',
			last_name: '',
			name: '',
			gender: null,
			profile_pic: null,
			locale: null,
			language: null,
			timezone: null,
			live_chat_url: `https://app.manychat.com/fb${SIMULATOR_PAGE_ID}/chat/${id}`,
			last_input_text: null,
			optin_phone: false,
			phone: null,
			optin_email: false,
			email: null,
			subscribed: w3cTime(Date.now()),
			last_interaction: null,
			last_seen: null,
			is_followup_enabled: true,
			ig_username: null,
			ig_id: null,
			whatsapp_phone: null,
			whatsapp_bsuid: null,
			whatsapp_username: null,
			optin_whatsapp: false,
			custom_fields: state.customFields.map((field) => ({ ...field, value: null })),
			tags: [],
		};
		applyProfile(subscriber, profile);
		state.subscribers[id] = subscriber;
		changed();
		return success(subscriber);
	}),

	operation('POST', 'subscriber.updateSubscriber', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		if (input.has('whatsapp_phone')) throw invalid('whatsapp_phone cannot be changed with updateSubscriber');
		applyProfile(subscriber, readProfile(input, state, subscriber));
		changed();
		return success(subscriber);
	}),
];
