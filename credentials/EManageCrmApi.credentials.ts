import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_PUBLIC_API_URL,
	DEFAULT_SETTINGS_PAGE_URL,
	DEFAULT_WEB_SALES_API_URL,
} from '../nodes/EManageCrm/transport/assumedContract';
import { authHeaders, requestToken } from '../nodes/EManageCrm/transport/auth';

export class EManageCrmApi implements ICredentialType {
	name = 'eManageCrmApi';

	displayName = 'eManageCRM API';

	icon: Icon = { light: 'file:../nodes/EManageCrm/emanagecrm.svg', dark: 'file:../nodes/EManageCrm/emanagecrm.dark.svg' };

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#emanagecrm-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			description: 'The WowSuite / eManageCRM public API user. eManageCRM does not document where it is made: ask your eManageCRM administrator or DFO support for an API user (assumed).',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'That user\'s password. eManageCRM passwords expire every 3 months: update it here when you change it.',
		},
		{
			displayName: 'Public API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: DEFAULT_PUBLIC_API_URL,
			description: 'Server API (login, orders, export). Keep the default unless DFO gave you another; some tenants use https://ecrm-public-api-prod.azurewebsites.net.',
		},
		{
			displayName: 'Web Sales API Base URL',
			name: 'webSalesBaseUrl',
			type: 'string',
			default: DEFAULT_WEB_SALES_API_URL,
			description: 'The browser-facing API funnels call (campaign prices, leads, upsells): the "crmEndpoint" in the page source of one of your published CTRwow pages',
		},
		{
			displayName: 'Client ID (CID)',
			name: 'clientId',
			type: 'string',
			default: '',
			placeholder: 'e1ec116b-0000-0000-0000-000000000000',
			description: 'Sent as X_CID to the Web Sales API: the "cid" in the page source of one of your published CTRwow pages (where eManageCRM\'s admin shows it is not documented)',
		},
		{
			displayName: 'Default Campaign Web Key',
			name: 'defaultWebKey',
			type: 'string',
			default: '',
			placeholder: '9C4ABE3D-0000-0000-0000-000000000000',
			description: 'Used when a node leaves the campaign empty: the campaign\'s web key, the "webKey" in a CTRwow page\'s source (assumed to be in the campaign\'s settings in eManageCRM; regenerating it breaks published pages)',
		},
		{
			displayName: 'Settings Page URL',
			name: 'settingsPageUrl',
			type: 'string',
			default: DEFAULT_SETTINGS_PAGE_URL,
			description: 'Where "Build Settings Link" points shop owners: the Sync App settings page in eManageCRM (assumed address; see the README)',
		},
		{
			displayName: 'Onboarding Invitation Secret',
			name: 'invitationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Signs the store-onboarding invitation links (Sync App → Create Invitation / Redeem Invitation). Only n8n uses it; eManageCRM never sees it. Enter a random value of at least 32 characters, e.g. from "openssl rand -base64 48". Changing it makes every open invitation invalid.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** n8n calls this when the token is empty and after a 401; it stores the token (encrypted) for all runs. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return { accessToken: await requestToken(this.helpers.httpRequest, credentials) };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url}`;
		return { ...requestOptions, headers: { ...requestOptions.headers, ...authHeaders(credentials, url) } };
	}
}
