import type { INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

const locator = (name: string, displayName: string, method: string, placeholder: string, description: string, show: Show, required = true): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required,
	description,
	displayOptions: { show },
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: method, searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder },
	],
});

export const funnelLocator = (show: Show) => locator('funnel', 'Funnel', 'searchFunnels', 'fnl_123', 'The CTRwow funnel', show);
export const templateLocator = (show: Show) => locator('template', 'Template', 'searchTemplates', 'tpl_123', 'The page template the funnel is built from', show);
export const hostLocator = (show: Show) => locator('hostOption', 'Host', 'searchHostOptions', 'host_123', 'Where the funnel is published (a domain or subdomain)', show);
