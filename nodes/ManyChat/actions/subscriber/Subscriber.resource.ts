import type { INodeProperties } from 'n8n-workflow';

import * as addTag from './addTag.operation';
import * as create from './create.operation';
import * as findByCustomField from './findByCustomField.operation';
import * as findByName from './findByName.operation';
import * as findBySystemField from './findBySystemField.operation';
import * as get from './get.operation';
import * as removeTag from './removeTag.operation';
import * as setCustomFields from './setCustomFields.operation';
import * as update from './update.operation';

export { addTag, create, findByCustomField, findByName, findBySystemField, get, removeTag, setCustomFields, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscriber'] } },
		options: [
			{ name: 'Add Tag', value: 'addTag', description: 'Tag a subscriber, by tag ID or name', action: 'Add a tag to a subscriber' },
			{ name: 'Create', value: 'create', description: 'Create a contact from an email or phone number', action: 'Create a subscriber' },
			{ name: 'Find by Custom Field', value: 'findByCustomField', description: 'Find subscribers whose text or number field has a value', action: 'Find subscribers by custom field' },
			{ name: 'Find by Name', value: 'findByName', description: 'Find subscribers by full name', action: 'Find subscribers by name' },
			{ name: 'Find by System Field', value: 'findBySystemField', description: 'Find the subscriber with an email or phone number', action: 'Find a subscriber by email or phone' },
			{ name: 'Get', value: 'get', description: 'Get a subscriber by ID', action: 'Get a subscriber' },
			{ name: 'Remove Tag', value: 'removeTag', description: 'Remove a tag from a subscriber, by tag ID or name', action: 'Remove a tag from a subscriber' },
			{ name: 'Set Custom Fields', value: 'setCustomFields', description: 'Set one or several custom fields, by ID or name', action: 'Set custom fields of a subscriber' },
			{ name: 'Update', value: 'update', description: "Update a subscriber's contact details", action: 'Update a subscriber' },
		],
		default: 'get',
	},
	...get.description,
	...findByName.description,
	...findByCustomField.description,
	...findBySystemField.description,
	...create.description,
	...update.description,
	...addTag.description,
	...removeTag.description,
	...setCustomFields.description,
];
