/** Subscriber API writes on tags and custom fields, and verifyBySignedRequest. */
import type { Route } from '../frame/types';
import { fieldBatch, fieldById, fieldByName, fieldValue } from './fieldValues';
import { operation } from './operation';
import { addTagTo, removeTagFrom, setSubscriberField, subscriberOf, tagById, tagByName } from './records';
import { invalid, success } from './responses';
import type { ManyChatState } from './state';
import { Input } from './validation';

/** Messenger webview signed request: `<signature>.<payload>`, both base64url. */
const SIGNED_REQUEST = /^[\w-]+\.[\w-]+$/;

export const subscriberWriteRoutes: Array<Route<ManyChatState>> = [
	operation('POST', 'subscriber.addTag', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		addTagTo(subscriber, tagById(state, input.int('tag_id')));
		changed();
		return success();
	}),

	operation('POST', 'subscriber.addTagByName', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		addTagTo(subscriber, tagByName(state, input.string('tag_name')));
		changed();
		return success();
	}),

	operation('POST', 'subscriber.removeTag', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		removeTagFrom(subscriber, tagById(state, input.int('tag_id')));
		changed();
		return success();
	}),

	operation('POST', 'subscriber.removeTagByName', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		removeTagFrom(subscriber, tagByName(state, input.string('tag_name')));
		changed();
		return success();
	}),

	operation('POST', 'subscriber.setCustomField', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		const field = fieldById(state.customFields, input.int('field_id'), 'custom field');
		setSubscriberField(state, subscriber, field, fieldValue(field, input.raw('field_value'), 'field_value'));
		changed();
		return success();
	}),

	operation('POST', 'subscriber.setCustomFieldByName', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		const field = fieldByName(state.customFields, input.string('field_name'), 'custom field');
		setSubscriberField(state, subscriber, field, fieldValue(field, input.raw('field_value'), 'field_value'));
		changed();
		return success();
	}),

	operation('POST', 'subscriber.setCustomFields', (req, { state, changed }) => {
		const input = Input.body(req);
		const subscriber = subscriberOf(state, input);
		for (const { field, value } of fieldBatch(input, state.customFields, 'custom field')) {
			setSubscriberField(state, subscriber, field, value);
		}
		changed();
		return success();
	}),

	// The signature cannot be checked without the app secret; the shape is.
	operation('POST', 'subscriber.verifyBySignedRequest', (req, { state }) => {
		const input = Input.body(req);
		subscriberOf(state, input);
		if (!SIGNED_REQUEST.test(input.string('signed_request'))) {
			throw invalid('signed_request must be a Messenger webview signed request: <signature>.<payload>');
		}
		return success();
	}),
];
