import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { rowToOrder } from '../../helpers/orderRows';
import { LATEST_VIEW } from '../../helpers/schema';
import { settle, storeFor } from '../../helpers/store';
import { query, type Store, storeError, tablePath, type TypedParams, withStore } from '../../transport/client';

const show = { resource: ['order'], operation: ['find'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Created Between', value: 'createdBetween' },
			{ name: 'Customer Email', value: 'email' },
			{ name: 'Customer Phone', value: 'phone' },
		],
		default: 'email',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Compared without regard to case',
		displayOptions: { show: { ...show, searchBy: ['email'] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+14155550123',
		description: 'In E.164, as orders store it; spaces, dots, dashes and brackets are ignored',
		displayOptions: { show: { ...show, searchBy: ['phone'] } },
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		description: 'Orders created at or after this time',
		displayOptions: { show: { ...show, searchBy: ['createdBetween'] } },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		description: 'Orders created before this time',
		displayOptions: { show: { ...show, searchBy: ['createdBetween'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show },
	},
];

function iso(this: IExecuteFunctions, field: string, itemIndex: number): string {
	const value = this.getNodeParameter(field, itemIndex, '') as string;
	const time = value ? new Date(value).getTime() : Number.NaN;
	if (Number.isNaN(time)) throw parameterError(this.getNode(), field === 'from' ? 'From' : 'To', `"${value}" is not a date and time`, 'Pick a date and time, or use an ISO 8601 expression.', itemIndex);
	return new Date(time).toISOString();
}

/** The latest version of each matching order, newest first; every value is a typed query parameter. */
export async function findOrders(store: Store, condition: string, typed: TypedParams, limit: number): Promise<IDataObject[]> {
	const sql = `SELECT * FROM ${tablePath(store, LATEST_VIEW)} WHERE ${condition} ORDER BY created_at DESC, order_key LIMIT @limit`;
	const rows = await query(store, sql, { params: { ...typed.params, limit }, types: { ...typed.types, limit: 'INT64' } });
	return rows.map((row) => rowToOrder(row) as IDataObject);
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const store = await storeFor.call(this);
	return await runForEachItem.call(this, async (itemIndex) => {
		const searchBy = this.getNodeParameter('searchBy', itemIndex) as string;
		const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		let condition: string;
		let typed: TypedParams;
		if (searchBy === 'email') {
			const email = (this.getNodeParameter('email', itemIndex, '') as string).trim();
			if (!email) throw parameterError(this.getNode(), 'Email', 'is empty', 'Enter the customer e-mail to look for.', itemIndex);
			condition = 'LOWER(customer_email) = LOWER(@email)';
			typed = { params: { email }, types: { email: 'STRING' } };
		} else if (searchBy === 'phone') {
			const phone = (this.getNodeParameter('phone', itemIndex, '') as string).replace(/[\s().-]/g, '');
			if (!phone) throw parameterError(this.getNode(), 'Phone', 'is empty', 'Enter the customer phone to look for.', itemIndex);
			condition = 'customer_phone = @phone';
			typed = { params: { phone }, types: { phone: 'STRING' } };
		} else {
			condition = 'created_at >= @from AND created_at < @to';
			typed = { params: { from: iso.call(this, 'from', itemIndex), to: iso.call(this, 'to', itemIndex) }, types: { from: 'TIMESTAMP', to: 'TIMESTAMP' } };
		}
		const found = await settle(withStore(store, async (current) => await findOrders(current, condition, typed, limit)));
		if (!found.ok) throw storeError(this.getNode(), found.error, store.account, itemIndex);
		return found.value;
	});
}
