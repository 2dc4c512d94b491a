/** Page API (`/fb/page/*`): tags, custom fields, bot fields, flows, growth tools, OTN topics. */
import type { Route } from '../frame/types';
import { pageOf } from './auth';
import { fieldBatch, fieldById, fieldByName, fieldType, fieldValue } from './fieldValues';
import { operation } from './operation';
import { nextId, removeTagFrom, tagById, tagByName } from './records';
import { invalid, success } from './responses';
import type { ManyChatBotField, ManyChatCustomField, ManyChatState, ManyChatTag } from './state';
import { Input } from './validation';

function removeTagFromPage(state: ManyChatState, tag: ManyChatTag): void {
	// "Removes specified tag from the page and the page's subscribers. This action can not be undone."
	state.tags = state.tags.filter((candidate) => candidate.id !== tag.id);
	for (const subscriber of Object.values(state.subscribers)) removeTagFrom(subscriber, tag);
}

function assertNewFieldName(fields: ManyChatCustomField[], name: string, label: string): void {
	if (fields.some((field) => field.name.toLowerCase() === name.trim().toLowerCase())) {
		throw invalid(`${label}: a field named "${name}" already exists`);
	}
}

export const pageRoutes: Array<Route<ManyChatState>> = [
	operation('GET', 'page.getInfo', (req, { state }) => success(pageOf(req, state))),

	operation('GET', 'page.getTags', (_req, { state }) => success(state.tags)),

	operation('POST', 'page.createTag', (req, { state, changed }) => {
		const name = Input.body(req).string('name');
		if (state.tags.some((tag) => tag.name === name)) throw invalid(`name: a tag named "${name}" already exists`);
		const tag = { id: nextId(state.tags), name };
		state.tags.push(tag);
		changed();
		return success({ tag });
	}),

	operation('POST', 'page.removeTag', (req, { state, changed }) => {
		removeTagFromPage(state, tagById(state, Input.body(req).int('tag_id')));
		changed();
		return success();
	}),

	operation('POST', 'page.removeTagByName', (req, { state, changed }) => {
		removeTagFromPage(state, tagByName(state, Input.body(req).string('tag_name')));
		changed();
		return success();
	}),

	// Deprecated ("Use getGrowthTools instead") but still served, with the same answer.
	operation('GET', 'page.getWidgets', (_req, { state }) => success(state.growthTools)),

	operation('GET', 'page.getGrowthTools', (_req, { state }) => success(state.growthTools)),

	operation('GET', 'page.getFlows', (_req, { state }) => success({ flows: state.flows, folders: state.folders })),

	operation('GET', 'page.getCustomFields', (_req, { state }) => success(state.customFields)),

	operation('POST', 'page.createCustomField', (req, { state, changed }) => {
		const input = Input.body(req);
		if (!input.has('caption') && input.has('name')) {
			throw invalid('caption is required (createCustomField takes "caption", not "name")');
		}
		const caption = input.string('caption');
		const type = fieldType(input);
		const description = input.optionalString('description') ?? '';
		assertNewFieldName(state.customFields, caption, 'caption');
		const field: ManyChatCustomField = { id: nextId([...state.customFields, ...state.botFields]), name: caption, type, description };
		state.customFields.push(field);
		for (const subscriber of Object.values(state.subscribers)) subscriber.custom_fields.push({ ...field, value: null });
		changed();
		return success({ field });
	}),

	operation('GET', 'page.getOtnTopics', (_req, { state }) => success(state.otnTopics)),

	operation('GET', 'page.getBotFields', (_req, { state }) => success(state.botFields)),

	operation('POST', 'page.createBotField', (req, { state, changed }) => {
		const input = Input.body(req);
		if (!input.has('name') && input.has('caption')) {
			throw invalid('name is required (createBotField takes "name", not "caption")');
		}
		const name = input.string('name');
		const type = fieldType(input);
		const description = input.optionalString('description') ?? '';
		assertNewFieldName(state.botFields, name, 'name');
		const field: ManyChatBotField = { id: nextId([...state.customFields, ...state.botFields]), name, type, description, value: null };
		if (input.has('value')) field.value = fieldValue(field, input.raw('value'), 'value');
		state.botFields.push(field);
		changed();
		return success({ field });
	}),

	operation('POST', 'page.setBotField', (req, { state, changed }) => {
		const input = Input.body(req);
		const field = fieldById(state.botFields, input.int('field_id'), 'bot field');
		field.value = fieldValue(field, input.raw('field_value'), 'field_value');
		changed();
		return success();
	}),

	operation('POST', 'page.setBotFieldByName', (req, { state, changed }) => {
		const input = Input.body(req);
		const field = fieldByName(state.botFields, input.string('field_name'), 'bot field');
		field.value = fieldValue(field, input.raw('field_value'), 'field_value');
		changed();
		return success();
	}),

	operation('POST', 'page.setBotFields', (req, { state, changed }) => {
		for (const { field, value } of fieldBatch(Input.body(req), state.botFields, 'bot field')) field.value = value;
		changed();
		return success();
	}),
];
