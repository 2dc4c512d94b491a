import {
	NodeConnectionTypes,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as client from './actions/client/Client.resource';
import * as order from './actions/order/Order.resource';
import * as query from './actions/query/Query.resource';
import { router } from './actions/router';
import * as setup from './actions/setup/Setup.resource';
import { settle } from './helpers/store';
import { serviceAccountFrom } from './transport/account';
import { openStore, query as runQuery, storeError, withStore } from './transport/client';

export class OrderStore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Order Store (BigQuery)',
		name: 'orderStore',
		icon: { light: 'file:orderStore.svg', dark: 'file:orderStore.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Save every order, whatever its source, in Google BigQuery, and read orders and client touches back',
		defaults: { name: 'Order Store' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'orderStoreBigQueryApi', required: true, testedBy: 'orderStoreBigQueryApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Client', value: 'client' },
					{ name: 'Order', value: 'order' },
					{ name: 'Query', value: 'query' },
					{ name: 'Setup', value: 'setup' },
				],
				default: 'order',
			},
			...client.description,
			...order.description,
			...query.description,
			...setup.description,
			{
				displayName: 'Dataset',
				name: 'dataset',
				type: 'string',
				default: '',
				placeholder: 'crm',
				description: "Dataset of the tables and view; empty for the credential's default dataset",
			},
		],
	};

	methods = {
		credentialTest: {
			/** Exchanges the key for a token and runs SELECT 1 where the credential points. */
			async orderStoreBigQueryApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const outcome = await settle(async () => {
					const account = serviceAccountFrom(credential.data ?? {});
					const store = await openStore(account, account.dataset);
					return await withStore(store, async (current) => await runQuery(current, 'SELECT 1 AS ok', { params: {}, types: {} }));
				});
				if (outcome.ok) return { status: 'OK', message: 'Connection successful' };
				const error = storeError({ name: 'Order Store', type: 'orderStore', typeVersion: 1, position: [0, 0], parameters: {}, id: 'credential-test' }, outcome.error, undefined);
				return { status: 'Error', message: `${error.message}${error.description ? ` – ${error.description}` : ''}` };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
