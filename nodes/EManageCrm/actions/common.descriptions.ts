import type { INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

const GUID = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

/** A campaign, by list or by web key; empty uses the credential's default web key. */
export const campaignLocator = (show: Show, required = false): INodeProperties => ({
	displayName: 'Campaign',
	name: 'campaign',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required,
	description: 'The campaign (its web key). Leave empty to use "Default Campaign Web Key" from the credential.',
	displayOptions: { show },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
		},
		{
			displayName: 'By Web Key',
			name: 'webKey',
			type: 'string',
			placeholder: '9C4ABE3D-0000-0000-0000-000000000000',
			validation: [{ type: 'regex', properties: { regex: GUID, errorMessage: 'A web key is a GUID such as 9C4ABE3D-1234-5678-9ABC-DEF012345678' } }],
		},
	],
});

/** A funnel known to the Sync App. */
export const funnelLocator = (show: Show): INodeProperties => ({
	displayName: 'Funnel',
	name: 'funnel',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The CTRwow funnel whose Sync App settings to read or change',
	displayOptions: { show },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchFunnels', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'fnl_123' },
	],
});

export const orderNumber = (show: Show, description: string): INodeProperties => ({
	displayName: 'Order Number',
	name: 'orderNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: '100234',
	description,
	displayOptions: { show },
});

/** The shop owner's e-mail: the Sync App account the shop is signed up under. */
export const ownerEmail = (show: Show, description = 'The shop owner, whose e-mail the Sync App account is made for'): INodeProperties => ({
	displayName: 'Owner Email',
	name: 'ownerEmail',
	type: 'string',
	placeholder: 'name@email.com',
	required: true,
	default: '',
	description,
	displayOptions: { show },
});

export const shopDomain = (show: Show): INodeProperties => ({
	displayName: 'Shop Domain',
	name: 'shopDomain',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'my-store.myshopify.com',
	description: 'The Shopify shop the Sync App serves',
	displayOptions: { show },
});
