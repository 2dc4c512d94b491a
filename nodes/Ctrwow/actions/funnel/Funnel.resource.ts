import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { ctrwowRequest } from '../../transport';
import { funnelLocator, hostLocator, templateLocator } from '../common.descriptions';

const create$ = { resource: ['funnel'], operation: ['create'] };
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['funnel'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a draft funnel from campaign info, main product, upsells, template and host', action: 'Create a funnel' },
			{ name: 'Get', value: 'get', description: 'Get a funnel with its pages and status', action: 'Get a funnel' },
			{ name: 'Publish', value: 'publish', description: 'Put the funnel online on its host', action: 'Publish a funnel' },
			{ name: 'Unpublish', value: 'unpublish', description: 'Take the funnel offline', action: 'Unpublish a funnel' },
		],
		default: 'create',
	},
	funnelLocator({ resource: ['funnel'], operation: ['get', 'publish', 'unpublish'] }),
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'Ultra Radiance – Spring', displayOptions: { show: create$ } },
	templateLocator(create$),
	hostLocator(create$),
	{
		displayName: 'Campaign Web Key',
		name: 'campaignWebKey',
		type: 'string',
		required: true,
		default: '',
		placeholder: '9C4ABE3D-0000-0000-0000-000000000000',
		description: 'The eManageCRM campaign the order page sells (its web key)',
		displayOptions: { show: create$ },
	},
	{
		displayName: 'Client ID (CID)',
		name: 'clientId',
		type: 'string',
		required: true,
		default: '',
		description: 'The eManageCRM client ID the pages send as X_CID',
		displayOptions: { show: create$ },
	},
	{
		displayName: 'Main Product ID',
		name: 'mainProductId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The campaign product the order page sells (eManageCRM → Campaign → Get Product Prices)',
		displayOptions: { show: create$ },
	},
	{
		displayName: 'Upsells Input',
		name: 'upsellsInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields Below', value: 'fields', description: 'A fixed list of upsells' },
			{ name: 'JSON', value: 'json', description: 'A list built by earlier nodes (e.g. chosen in a form), of any length' },
		],
		default: 'fields',
		displayOptions: { show: create$ },
	},
	{
		displayName: 'Upsells',
		name: 'upsells',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Upsell',
		default: {},
		description: 'One-click upsell pages after the order, in this order',
		displayOptions: { show: { ...create$, upsellsInput: ['fields'] } },
		options: [
			{
				displayName: 'Upsell',
				name: 'upsell',
				values: [
					{ displayName: 'Product ID', name: 'productId', type: 'number', default: 0 },
					{ displayName: 'Upsell Campaign Web Key', name: 'webKey', type: 'string', default: '', description: 'Each upsell page is its own eManageCRM campaign' },
				],
			},
		],
	},
	{
		displayName: 'Upsells (JSON)',
		name: 'upsellsJson',
		type: 'json',
		default: '[]',
		placeholder: '[{"productId": 401, "webKey": "4B7E1C2D-0000-0000-0000-000000000000"}]',
		description: 'One-click upsell pages after the order, in this order: a list of objects with productId and webKey (the upsell campaign\'s web key)',
		displayOptions: { show: { ...create$, upsellsInput: ['json'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: create$ },
		options: [
			{ displayName: 'Campaign Name', name: 'campaignName', type: 'string', default: '', description: 'The offer name shown on the pages ("offerName")' },
			{ displayName: 'CRM Endpoint', name: 'crmEndpoint', type: 'string', default: 'https://sales-prod.tryemanagecrm.com/api', description: 'The Web Sales API the pages call' },
			{ displayName: 'Offer ID', name: 'offerId', type: 'number', default: 0, description: 'The eManageCRM campaign ID ("offerId")' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '', placeholder: '/spring', description: 'Where below the host the funnel lives' },
		],
	},
];

function locator(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as INodeParameterResourceLocator | string;
	const value = String(typeof raw === 'object' && raw !== null ? (raw.value ?? '') : raw).trim();
	if (value === '') throw parameterError(this.getNode(), label, 'is empty', `Pick the ${label.toLowerCase()} from the list, or enter its ID.`, itemIndex);
	return value;
}

function webKey(this: IExecuteFunctions, value: unknown, label: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	if (!GUID.test(text)) throw parameterError(this.getNode(), label, `"${text}" is not a web key`, 'Enter the eManageCRM campaign web key, a GUID such as 9C4ABE3D-1234-5678-9ABC-DEF012345678.', itemIndex);
	return text;
}

/** The upsell rows from the fields, or from the JSON list (any length, e.g. chosen in a form). */
function upsellRows(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	if (this.getNodeParameter('upsellsInput', itemIndex, 'fields') !== 'json') {
		return ((this.getNodeParameter('upsells', itemIndex, {}) as IDataObject).upsell ?? []) as IDataObject[];
	}
	let value = this.getNodeParameter('upsellsJson', itemIndex, '[]') as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value.trim() === '' ? '[]' : value) as unknown;
		} catch {
			value = undefined;
		}
	}
	if (!Array.isArray(value) || value.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) {
		throw parameterError(this.getNode(), 'Upsells (JSON)', 'is not a list of upsells', 'Enter a JSON array such as [{"productId": 401, "webKey": "4B7E1C2D-…"}], or [] for none.', itemIndex);
	}
	return value as IDataObject[];
}

const positive = (value: unknown) => Number.isInteger(Number(value)) && Number(value) > 0;

export const create = {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => {
			const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
			if (name === '') throw parameterError(this.getNode(), 'Name', 'is empty', 'Enter a name for the funnel.', itemIndex);
			const clientId = String(this.getNodeParameter('clientId', itemIndex, '')).trim();
			if (clientId === '') throw parameterError(this.getNode(), 'Client ID (CID)', 'is empty', 'Enter the eManageCRM client ID (the "cid" the pages send).', itemIndex);
			const mainProductId = this.getNodeParameter('mainProductId', itemIndex, 0);
			if (!positive(mainProductId)) throw parameterError(this.getNode(), 'Main Product ID', 'must be a positive whole number', 'Enter the campaign product ID from eManageCRM → Campaign → Get Product Prices.', itemIndex);
			const rows = upsellRows.call(this, itemIndex);
			const json = this.getNodeParameter('upsellsInput', itemIndex, 'fields') === 'json';
			const where = (index: number, field: string, key: string) => (json ? `Upsells (JSON) → item ${index + 1} → ${key}` : `Upsells → Upsell ${index + 1} → ${field}`);
			const upsells = rows.map((row, index) => {
				if (!positive(row.productId)) throw parameterError(this.getNode(), where(index, 'Product ID', 'productId'), 'must be a positive whole number', 'Enter the upsell campaign\'s product ID.', itemIndex);
				return { position: index + 1, webKey: webKey.call(this, row.webKey, where(index, 'Upsell Campaign Web Key', 'webKey'), itemIndex), productId: Number(row.productId) };
			});
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			const body: IDataObject = {
				name,
				templateId: locator.call(this, 'template', 'Template', itemIndex),
				hostOptionId: locator.call(this, 'hostOption', 'Host', itemIndex),
				campaign: {
					webKey: webKey.call(this, this.getNodeParameter('campaignWebKey', itemIndex, ''), 'Campaign Web Key', itemIndex),
					cid: clientId,
					...(extra.campaignName ? { offerName: extra.campaignName } : {}),
					...(extra.offerId ? { offerId: extra.offerId } : {}),
				},
				mainProduct: { productId: Number(mainProductId) },
				upsells,
				...(extra.crmEndpoint ? { crmEndpoint: extra.crmEndpoint } : {}),
				...(extra.path ? { path: extra.path } : {}),
			};
			return (await ctrwowRequest.call(this, 'funnelCreate', {}, { body, itemIndex, idempotent: false })) as IDataObject;
		});
	},
};

const byFunnel = (endpoint: 'funnelGet' | 'funnelPublish' | 'funnelUnpublish') => ({
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => {
			const funnelId = locator.call(this, 'funnel', 'Funnel', itemIndex);
			// Publishing and unpublishing are idempotent in the contract, so a repeat is harmless.
			return (await ctrwowRequest.call(this, endpoint, { funnelId }, { itemIndex, idempotent: true })) as IDataObject;
		});
	},
});

export const get = byFunnel('funnelGet');
export const publish = byFunnel('funnelPublish');
export const unpublish = byFunnel('funnelUnpublish');
