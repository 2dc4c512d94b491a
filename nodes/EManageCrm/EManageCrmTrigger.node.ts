import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { parameterError } from '../shared/errors';
import { fingerprint, selectNew, type Watermark } from './helpers/highWaterMark';
import { listOrders, orderKey, orderUpdatedAt } from './helpers/orders';
import { eManageCrmApiTest } from './methods/credentialTest';
import { eManageRequest } from './transport';
import { LOOKBACK_DAYS_FOR_CHANGES, ORDER_FIELDS, ORDER_LIST_DATE_FILTER, parseApiDate } from './transport/assumedContract';

type Event = 'orders' | 'products';

interface TriggerState extends IDataObject {
	/** Which event and start the watermark belongs to; a change of either starts over. */
	configuration?: string;
	watermark?: Watermark & IDataObject;
}

const DAY_MS = 86_400_000;

export class EManageCrmTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'eManageCRM Trigger',
		name: 'eManageCrmTrigger',
		icon: { light: 'file:emanagecrm.svg', dark: 'file:emanagecrm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when eManageCRM orders are placed or change (polling)',
		defaults: { name: 'eManageCRM Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'eManageCrmApi', required: true, testedBy: 'eManageCrmApiTest' }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'Changed Product', value: 'products', description: 'Products created or changed since the last poll (assumed endpoint, see the README)' },
					{ name: 'New or Changed Order', value: 'orders', description: 'Orders placed or updated since the last poll (order list, by last update)' },
				],
				default: 'orders',
			},
			{
				displayName: 'Order Changes',
				name: 'orderChanges',
				type: 'multiOptions',
				options: [
					{ name: 'New Orders', value: 'created' },
					{ name: 'Updated Orders', value: 'updated' },
				],
				default: ['created', 'updated'],
				description: 'Which orders start the workflow; an order counts as new while its last update equals its order date',
				displayOptions: { show: { event: ['orders'] } },
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'options',
				options: [
					{ name: 'A Date', value: 'date', description: 'Also changes since a past date, on the first poll' },
					{ name: 'Now', value: 'now', description: 'Only changes after the workflow is published' },
				],
				default: 'now',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				displayOptions: { show: { startFrom: ['date'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Test Orders',
						name: 'includeTestOrders',
						type: 'boolean',
						default: false,
						description: 'Whether orders marked as test (test-card mode) start the workflow',
						displayOptions: { show: { '/event': ['orders'] } },
					},
					{
						displayName: 'Page Size',
						name: 'pageSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 500 },
						default: 100,
					},
				],
			},
		],
	};

	methods = { credentialTest: { eManageCrmApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as Event;
		const startFrom = this.getNodeParameter('startFrom') as 'now' | 'date';
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const pageSize = Number(options.pageSize ?? 100);
		const now = new Date();
		// eManageCRM dates have whole seconds: a start with milliseconds would skip the current second.
		let start = new Date(Math.floor(now.getTime() / 1000) * 1000);
		if (startFrom === 'date') {
			const raw = String(this.getNodeParameter('startDate', '') ?? '').trim();
			start = new Date(raw);
			if (raw === '' || Number.isNaN(start.getTime())) {
				throw parameterError(this.getNode(), 'Start Date', raw === '' ? 'is empty' : `"${raw}" is not a date`, 'Pick the first moment to report changes from, or set Start From to Now.');
			}
		}

		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const configuration = `${event}|${startFrom}|${startFrom === 'date' ? start.toISOString() : ''}`;
		let watermark: Watermark;
		if (manual) {
			// A manual test shows recent records and leaves the published trigger's position alone.
			watermark = { since: new Date(Math.min(start.getTime(), now.getTime() - 7 * DAY_MS)).toISOString(), boundaryIds: [] };
		} else if (state.watermark && state.configuration === configuration) {
			watermark = state.watermark;
		} else {
			watermark = { since: start.toISOString(), boundaryIds: [] };
			state.configuration = configuration;
			state.watermark = { ...watermark };
			if (startFrom === 'now') return null;
		}

		const records = event === 'orders' ? await readOrders.call(this, watermark, now, pageSize, options.includeTestOrders === true) : await readProducts.call(this, watermark);
		const keyOf = event === 'orders' ? orderKey : productKey;
		const { fresh, next } = selectNew(records, watermark, (record) => `${keyOf(record)}#${fingerprint(record)}`, event === 'orders' ? orderUpdatedAt : productUpdatedAt);
		let items = fresh.map(({ record }) => (event === 'orders' ? { event: orderEvent(record), ...record } : { event: 'product.changed', ...record }));
		if (manual) return items.length ? [this.helpers.returnJsonArray(items.slice(-1))] : null;
		state.watermark = { ...next };

		if (event === 'orders') {
			const wanted = this.getNodeParameter('orderChanges', ['created', 'updated']) as string[];
			items = items.filter((item) => wanted.includes(String(item.event).replace('order.', '')));
		}
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
}

function orderEvent(order: IDataObject): string {
	const created = parseApiDate(order[ORDER_FIELDS.created]);
	const updated = orderUpdatedAt(order);
	return Number.isFinite(created) && updated > created ? 'order.updated' : 'order.created';
}

async function readOrders(this: IPollFunctions, watermark: Watermark, now: Date, pageSize: number, includeTest: boolean): Promise<IDataObject[]> {
	const since = new Date(watermark.since);
	// If the list filters by order date (see the contract), changes to older orders need a look back.
	const start = ORDER_LIST_DATE_FILTER === 'orderDate' ? new Date(since.getTime() - LOOKBACK_DAYS_FOR_CHANGES * DAY_MS) : since;
	const orders = await listOrders.call(this, { start, end: now, pageSize });
	return includeTest ? orders : orders.filter((order) => order[ORDER_FIELDS.isTest] !== true);
}

const productKey = (product: IDataObject) => String(product.productId ?? '');
const productUpdatedAt = (product: IDataObject) => parseApiDate(product.updatedDate ?? product.createdDate);

async function readProducts(this: IPollFunctions, watermark: Watermark): Promise<IDataObject[]> {
	const body = (await eManageRequest.call(this, 'productList', {}, { qs: { UpdatedSince: watermark.since } })) as IDataObject;
	return (Array.isArray(body.products) ? body.products : []) as IDataObject[];
}
