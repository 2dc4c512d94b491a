import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Show = NonNullable<IDisplayOptions['show']>;

/** A record picker: search by name or email, or paste an ID or admin URL. */
export function recordLocator(name: string, displayName: string, searchMethod: string, urlPattern: string, show: Show): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: searchMethod, searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'gid://shopify/… or 7012345678901',
				validation: [{ type: 'regex', properties: { regex: '^(gid://shopify/[A-Za-z]+/)?\\d+$', errorMessage: 'Enter a numeric ID or a gid://shopify/… ID' } }],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `https://admin.shopify.com/store/my-store/${urlPattern}/7012345678901`,
				extractValue: { type: 'regex', regex: `/${urlPattern}/(\\d+)` },
				validation: [{ type: 'regex', properties: { regex: `.*/${urlPattern}/\\d+.*`, errorMessage: `Enter the URL of the record's page in the Shopify admin (…/${urlPattern}/<ID>)` } }],
			},
		],
	};
}

export function pagingFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			displayOptions: { show },
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { ...show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

const ADDRESS_FIELDS: INodeProperties[] = [
	{ displayName: 'Address Line 1', name: 'address1', type: 'string', default: '' },
	{ displayName: 'Address Line 2', name: 'address2', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', placeholder: 'FR', description: 'Two-letter ISO code' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Province Code', name: 'provinceCode', type: 'string', default: '', placeholder: 'ON' },
	{ displayName: 'ZIP / Postal Code', name: 'zip', type: 'string', default: '' },
];

export function addressCollection(name: string, displayName: string, show: Show, multiple: boolean, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: multiple },
		default: {},
		placeholder: 'Add Address',
		displayOptions: { show },
		description,
		options: [{ displayName: 'Address', name: 'address', values: ADDRESS_FIELDS }],
	};
}

/** Where a written customer comes from: the node's own fields, or a payload from a Shopify webhook. */
export function customerSourceFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Customer Data',
			name: 'customerSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Enter Fields', value: 'fields', description: 'Fill in the fields below' },
				{
					name: 'From Shopify Webhook Payload',
					value: 'webhookPayload',
					description: 'Copy a customer as another store\'s customers/create or customers/update webhook sent it',
				},
			],
			default: 'fields',
			displayOptions: { show },
		},
		{
			displayName: 'Customer Payload',
			name: 'customerPayload',
			type: 'json',
			default: '={{ $json.payload }}',
			displayOptions: { show: { ...show, customerSource: ['webhookPayload'] } },
			description: 'The customer object from the Shopify Admin Trigger (REST field names: first_name, email, addresses…)',
		},
		{
			displayName: 'Fields Not to Copy',
			name: 'skipPayloadFields',
			type: 'multiOptions',
			options: [
				{ name: 'Addresses', value: 'addresses' },
				{ name: 'Email Marketing', value: 'emailMarketingState' },
				{ name: 'Note', value: 'note' },
				{ name: 'Phone', value: 'phone' },
				{ name: 'Tags', value: 'tags' },
			],
			default: [],
			displayOptions: { show: { ...show, customerSource: ['webhookPayload'] } },
			description: 'Fields of the payload to leave as they are in this store, e.g. notes and tags kept per store',
		},
		{
			displayName: 'Customer Fields',
			name: 'customerFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: { ...show, customerSource: ['fields'] } },
			options: [
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
				{
					displayName: 'Email Marketing',
					name: 'emailMarketingState',
					type: 'options',
					options: [
						{ name: 'Not Subscribed', value: 'NOT_SUBSCRIBED' },
						{ name: 'Pending Confirmation', value: 'PENDING' },
						{ name: 'Subscribed', value: 'SUBSCRIBED' },
						{ name: 'Unsubscribed', value: 'UNSUBSCRIBED' },
					],
					default: 'NOT_SUBSCRIBED',
					description: 'Marketing consent for email; only set it with the customer\'s actual consent',
				},
				{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
				{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
				{ displayName: 'Note', name: 'note', type: 'string', typeOptions: { rows: 3 }, default: '' },
				{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+33612345678', description: 'In E.164 format' },
				{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Comma-separated. Replaces the customer\'s tags.' },
			],
		},
		addressCollection('addresses', 'Addresses', { ...show, customerSource: ['fields'] }, true, 'Replaces the customer\'s addresses. The first one becomes the default.'),
	];
}
