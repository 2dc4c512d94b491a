import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as customer from './actions/customer/Customer.resource';
import { router } from './actions/router';
import { cegidApiTest } from './methods/credentialTest';
import { searchCustomers } from './methods/listSearch';

export class Cegid implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CEGID',
		name: 'cegid',
		icon: { light: 'file:cegid.svg', dark: 'file:cegid.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find, close and anonymize customers in Cegid Retail Y2 (REST or SOAP)',
		defaults: { name: 'CEGID' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'cegidApi', required: true, testedBy: 'cegidApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Customer', value: 'customer' }],
				default: 'customer',
			},
			...customer.description,
		],
	};

	methods = {
		credentialTest: { cegidApiTest },
		listSearch: { searchCustomers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
