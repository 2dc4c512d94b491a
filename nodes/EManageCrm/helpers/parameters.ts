import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { eManageCredentials } from '../transport';

/** The value of a resource locator parameter (or a plain string), trimmed. */
export function locatorValue(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as INodeParameterResourceLocator | string;
	return String(typeof raw === 'object' && raw !== null ? (raw.value ?? '') : raw).trim();
}

/** The campaign web key of the item, else the credential's default. */
export async function campaignWebKey(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const chosen = locatorValue.call(this, 'campaign', itemIndex);
	if (chosen !== '') return chosen;
	const fallback = String((await eManageCredentials.call(this)).defaultWebKey ?? '').trim();
	if (fallback !== '') return fallback;
	throw parameterError(
		this.getNode(),
		'Campaign',
		'is empty and the credential has no default web key',
		'Pick a campaign from the list, enter its web key (a GUID from the campaign or a CTRwow page\'s "webKey"), or set "Default Campaign Web Key" in the credential.',
		itemIndex,
	);
}

export function requiredString(this: IExecuteFunctions, name: string, label: string, fix: string, itemIndex: number): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') throw parameterError(this.getNode(), label, 'is empty', fix, itemIndex);
	return value;
}

/** Parses a JSON parameter that may already be an object (n8n gives either). */
export function jsonParameter(this: IExecuteFunctions, name: string, label: string, itemIndex: number): IDataObject | IDataObject[] | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === '' || raw === undefined || raw === null) return undefined;
	if (typeof raw === 'object') return raw as IDataObject;
	try {
		const parsed = JSON.parse(String(raw)) as unknown;
		if (parsed === null || typeof parsed !== 'object') throw new Error('not an object');
		return parsed as IDataObject;
	} catch {
		throw parameterError(this.getNode(), label, 'is not a JSON object or array', 'Enter JSON such as {"key": "value"}, or leave it empty.', itemIndex);
	}
}

export function dateParameter(this: IExecuteFunctions, name: string, label: string, itemIndex: number, fallback?: Date): Date {
	const raw = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (raw === '') {
		if (fallback) return fallback;
		throw parameterError(this.getNode(), label, 'is empty', 'Enter a date, e.g. 2026-01-31, or an expression such as {{ $now.minus(1, "day") }}.', itemIndex);
	}
	const parsed = new Date(raw);
	if (Number.isNaN(parsed.getTime())) {
		throw parameterError(this.getNode(), label, `"${raw}" is not a date`, 'Enter a date such as 2026-01-31 or 2026-01-31T08:00:00Z.', itemIndex);
	}
	return parsed;
}
