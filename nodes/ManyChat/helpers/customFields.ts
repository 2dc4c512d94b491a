import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LargeInteger } from '../../shared/losslessJson';
import { manyChatApiRequest } from '../transport';
import type { ByIdOrName } from './locators';
import { coerceFieldValue } from './parameters';

export interface FieldAssignment {
	field: ByIdOrName;
	value: unknown;
}

/** ManyChat takes at most 20 fields per setCustomFields call. */
const MAX_FIELDS_PER_CALL = 20;

/**
 * Sets custom fields on one subscriber with the fewest calls: one field through setCustomField(ByName),
 * several through setCustomFields in batches of 20. Setting a value is idempotent, so it may be retried.
 */
export async function setSubscriberFields(
	this: IExecuteFunctions,
	subscriberId: LargeInteger,
	assignments: FieldAssignment[],
	itemIndex: number,
): Promise<void> {
	const request = async (path: string, body: IDataObject) =>
		await manyChatApiRequest.call(this, 'POST', path, { body, itemIndex, limitGroup: 'subscriberWrite', idempotent: true });

	if (assignments.length === 1) {
		const [{ field, value }] = assignments;
		if (field.id !== undefined) {
			await request('/fb/subscriber/setCustomField', { subscriber_id: subscriberId, field_id: field.id, field_value: coerceFieldValue(value) as IDataObject[string] });
		} else {
			await request('/fb/subscriber/setCustomFieldByName', { subscriber_id: subscriberId, field_name: field.name, field_value: coerceFieldValue(value) as IDataObject[string] });
		}
		return;
	}
	for (let start = 0; start < assignments.length; start += MAX_FIELDS_PER_CALL) {
		const fields = assignments.slice(start, start + MAX_FIELDS_PER_CALL).map(({ field, value }) => ({
			...(field.id !== undefined ? { field_id: field.id } : { field_name: field.name }),
			field_value: coerceFieldValue(value) as IDataObject[string],
		}));
		await request('/fb/subscriber/setCustomFields', { subscriber_id: subscriberId, fields });
	}
}
