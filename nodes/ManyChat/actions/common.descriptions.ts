import type { INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

export const subscriberIdField = (show: Show, name = 'subscriberId'): INodeProperties => ({
	displayName: 'Subscriber ID',
	name,
	type: 'string',
	required: true,
	default: '',
	placeholder: '1234567890',
	description: 'ManyChat subscriber (contact) ID. Kept as text: some IDs are too large for a JavaScript number.',
	displayOptions: { show },
});

const locator = (
	show: Show,
	options: {
		name: string;
		displayName: string;
		searchMethod: string;
		idLabel: string;
		idPattern: string;
		idPlaceholder: string;
		idError: string;
		/** Whether the endpoint also accepts the record's name. */
		byName: boolean;
	},
): INodeProperties => ({
	displayName: options.displayName,
	name: options.name,
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	displayOptions: { show },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: options.searchMethod, searchable: true },
		},
		{
			displayName: options.idLabel,
			name: 'id',
			type: 'string',
			placeholder: options.idPlaceholder,
			validation: [{ type: 'regex', properties: { regex: options.idPattern, errorMessage: options.idError } }],
		},
		...(options.byName ? [{ displayName: 'By Name', name: 'name', type: 'string' as const, placeholder: 'e.g. vip' }] : []),
	],
});

export const tagLocator = (show: Show): INodeProperties =>
	locator(show, { name: 'tag', displayName: 'Tag', searchMethod: 'searchTags', idLabel: 'ID', idPattern: '^\\d+$', idPlaceholder: '101', idError: 'Not a valid ID', byName: true });

export const customFieldLocator = (show: Show, name = 'customField'): INodeProperties =>
	locator(show, {
		name,
		displayName: 'Custom Field',
		searchMethod: 'searchCustomFields',
		idLabel: 'ID',
		idPattern: '^\\d+$',
		idPlaceholder: '201',
		idError: 'Not a valid ID',
		byName: true,
	});

/** Flows are addressed by their namespace ("ns"); there is no by-name endpoint. */
export const flowLocator = (show: Show): INodeProperties =>
	locator(show, {
		name: 'flow',
		displayName: 'Flow',
		searchMethod: 'searchFlows',
		idLabel: 'Flow NS',
		idPattern: '^[A-Za-z0-9_]+$',
		idPlaceholder: 'content20260101000000_000001',
		idError: 'A flow NS looks like content20260101000000_000001',
		byName: false,
	});
