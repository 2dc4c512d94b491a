import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { fetchCustomFields } from './lookups';

/** A tag or custom field chosen in a resource locator: by ID (list or ID mode) or by name. */
export type ByIdOrName = { id: number; name?: undefined } | { id?: undefined; name: string };

export function idOrName(
	this: IExecuteFunctions,
	locator: INodeParameterResourceLocator,
	field: string,
	itemIndex: number,
): ByIdOrName {
	const value = String(locator.value ?? '').trim();
	if (value === '') {
		throw parameterError(this.getNode(), field, 'is empty', `Pick a ${field.toLowerCase()} from the list, or enter its ID or name.`, itemIndex);
	}
	if (locator.mode === 'name') return { name: value };
	if (!/^\d+$/.test(value)) {
		throw parameterError(
			this.getNode(),
			field,
			`"${value}" is not an ID`,
			`Switch the ${field.toLowerCase()} to "By Name" to use a name, or pick it from the list.`,
			itemIndex,
		);
	}
	return { id: Number(value) };
}

/** One execution's page fields, fetched once however many items resolve a field by name. */
const fieldsByExecution = new WeakMap<IExecuteFunctions, ReturnType<typeof fetchCustomFields>>();

async function customFieldsOnce(this: IExecuteFunctions) {
	let fields = fieldsByExecution.get(this);
	if (!fields) {
		fields = fetchCustomFields.call(this);
		fieldsByExecution.set(this, fields);
	}
	return await fields;
}

/** Custom field ID for endpoints that accept only IDs (findByCustomField); resolves a name. */
export async function customFieldId(
	this: IExecuteFunctions,
	locator: INodeParameterResourceLocator,
	itemIndex: number,
): Promise<number> {
	const chosen = idOrName.call(this, locator, 'Custom Field', itemIndex);
	if (chosen.id !== undefined) return chosen.id;
	const fields = await customFieldsOnce.call(this);
	const match = fields.find((field) => field.name.toLowerCase() === chosen.name.toLowerCase());
	if (!match) {
		throw parameterError(
			this.getNode(),
			'Custom Field',
			`no custom field is named "${chosen.name}"`,
			`Pick the field from the list. Existing fields: ${fields.map((field) => field.name).join(', ') || 'none'}.`,
			itemIndex,
		);
	}
	return match.id;
}
