import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { settle, storeFor } from '../../helpers/store';
import { type ParamType, query, storeError, withStore } from '../../transport/client';

const show = { resource: ['query'], operation: ['runSql'] };

export const description: INodeProperties[] = [
	{
		displayName: 'SQL',
		name: 'sql',
		type: 'string',
		typeOptions: { editor: 'sqlEditor', rows: 6 },
		default: '',
		placeholder: 'SELECT order_key, status FROM `my-project.crm.orders_latest` WHERE customer_email = @email',
		description: 'GoogleSQL. Put values in parameters (@name), never into the SQL text.',
		noDataExpression: true,
		displayOptions: { show },
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'email', description: 'Used as @name in the SQL' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Array of Integers', value: 'ARRAY<INT64>' },
							{ name: 'Array of Strings', value: 'ARRAY<STRING>' },
							{ name: 'Boolean', value: 'BOOL' },
							{ name: 'Date', value: 'DATE' },
							{ name: 'Float', value: 'FLOAT64' },
							{ name: 'Integer', value: 'INT64' },
							{ name: 'Numeric (Money)', value: 'NUMERIC' },
							{ name: 'String', value: 'STRING' },
							{ name: 'Timestamp', value: 'TIMESTAMP' },
						],
						default: 'STRING',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Arrays as JSON, e.g. ["a","b"]' },
					{ displayName: 'Null', name: 'isNull', type: 'boolean', default: false, description: 'Whether to send SQL NULL instead of the value' },
				],
			},
		],
	},
	{
		displayName: 'Max Rows',
		name: 'maxRows',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1000,
		description: 'Max number of rows to output (BigQuery still pages through the whole result; add LIMIT to the SQL for large tables)',
		displayOptions: { show },
	},
];

interface ParameterEntry {
	name: string;
	type: string;
	value: string;
	isNull?: boolean;
}

/** Converts the UI entries to the client's params and types, checking every value against its type. */
function typedParameters(this: IExecuteFunctions, entries: ParameterEntry[], itemIndex: number) {
	const params: Record<string, unknown> = {};
	const types: Record<string, ParamType> = {};
	for (const entry of entries) {
		const name = entry.name.trim();
		const problem = (text: string) => parameterError(this.getNode(), `Parameter ${name || '(no name)'}`, text, 'Fix the parameter value or its type.', itemIndex);
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw problem('the name must be letters, digits and underscores');
		if (params[name] !== undefined || types[name] !== undefined) throw problem('is given twice');
		const value = String(entry.value ?? '');
		types[name] = entry.type.startsWith('ARRAY<') ? [entry.type.slice(6, -1)] : entry.type;
		if (entry.isNull) {
			params[name] = null;
			continue;
		}
		switch (entry.type) {
			case 'INT64':
				if (!/^-?\d+$/.test(value.trim())) throw problem(`"${value}" is not an integer`);
				params[name] = value.trim();
				break;
			case 'FLOAT64':
				if (value.trim() === '' || Number.isNaN(Number(value))) throw problem(`"${value}" is not a number`);
				params[name] = Number(value);
				break;
			case 'NUMERIC':
				if (!/^-?\d+(\.\d{1,9})?$/.test(value.trim())) throw problem(`"${value}" is not a decimal such as 12.50`);
				params[name] = value.trim();
				break;
			case 'BOOL':
				if (!/^(true|false)$/i.test(value.trim())) throw problem(`"${value}" is not true or false`);
				params[name] = /^true$/i.test(value.trim());
				break;
			case 'TIMESTAMP':
			case 'DATE': {
				const time = new Date(value).getTime();
				if (Number.isNaN(time)) throw problem(`"${value}" is not a date`);
				params[name] = entry.type === 'DATE' ? new Date(time).toISOString().slice(0, 10) : new Date(time).toISOString();
				break;
			}
			case 'ARRAY<STRING>':
			case 'ARRAY<INT64>': {
				let list: unknown;
				try {
					list = JSON.parse(value || '[]');
				} catch {
					list = undefined;
				}
				if (!Array.isArray(list)) throw problem('is not a JSON array');
				params[name] = list.map(String);
				break;
			}
			default:
				params[name] = value;
		}
	}
	return { params, types };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const store = await storeFor.call(this);
	return await runForEachItem.call(this, async (itemIndex) => {
		const sql = (this.getNodeParameter('sql', itemIndex, '') as string).trim();
		if (!sql) throw parameterError(this.getNode(), 'SQL', 'is empty', 'Write the query to run.', itemIndex);
		const entries = (this.getNodeParameter('parameters.parameter', itemIndex, []) as ParameterEntry[]) ?? [];
		const maxRows = this.getNodeParameter('maxRows', itemIndex, 1000) as number;
		const typed = typedParameters.call(this, entries, itemIndex);
		// The user's SQL may run long, and may write: one attempt, a generous deadline.
		const result = await settle(withStore(store, async (current) => await query(current, sql, typed, { deadlineMs: 10 * 60_000, attempts: 1 })));
		if (!result.ok) throw storeError(this.getNode(), result.error, store.account, itemIndex);
		return result.value.slice(0, maxRows) as IDataObject[];
	});
}
