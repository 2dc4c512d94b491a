import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as apiRequest from './actions/apiRequest/ApiRequest.resource';
import * as funnel from './actions/funnel/Funnel.resource';
import * as hostOption from './actions/hostOption/HostOption.resource';
import { router } from './actions/router';
import * as template from './actions/template/Template.resource';
import { ctrwowApiTest, ctrwowOAuth2ApiTest } from './methods/credentialTest';
import { searchFunnels, searchHostOptions, searchTemplates } from './methods/listSearch';

export class Ctrwow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CTRwow',
		name: 'ctrwow',
		icon: { light: 'file:ctrwow.svg', dark: 'file:ctrwow.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Build, publish and unpublish CTRwow funnels for eManageCRM campaigns',
		defaults: { name: 'CTRwow' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{ name: 'ctrwowApi', required: true, testedBy: 'ctrwowApiTest', displayOptions: { show: { authentication: ['apiKey'] } } },
			{ name: 'ctrwowOAuth2Api', required: true, testedBy: 'ctrwowOAuth2ApiTest', displayOptions: { show: { authentication: ['oAuth2'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'OAuth2 (Connect CTRwow)', value: 'oAuth2' },
				],
				default: 'oAuth2',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account' },
					{ name: 'API Request', value: 'apiRequest' },
					{ name: 'Funnel', value: 'funnel' },
					{ name: 'Host Option', value: 'hostOption' },
					{ name: 'Template', value: 'template' },
				],
				default: 'funnel',
			},
			...account.description,
			...apiRequest.description,
			...funnel.description,
			...hostOption.description,
			...template.description,
		],
	};

	methods = {
		listSearch: { searchFunnels, searchHostOptions, searchTemplates },
		credentialTest: { ctrwowApiTest, ctrwowOAuth2ApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
