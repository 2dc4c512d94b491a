import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { authHeaders, requestToken, URL_HELP } from '../nodes/EManageCrm/transport/auth';

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
			required: true,
			default: '',
			placeholder: 'https://public-api.example.com',
			description: `Server API (login, orders, export); the password and token go only here. ${URL_HELP.apiBaseUrl}`,
		},
		{
			displayName: 'Web Sales API Base URL',
			name: 'webSalesBaseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://sales.example.com/api',
			description: `The browser-facing API funnels call (campaign prices, leads, upsells); it gets only the Client ID. ${URL_HELP.webSalesBaseUrl}`,
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
			default: '',
			placeholder: 'https://app.example.com/sync/settings',
			description: `Where "Build Settings Link" points shop owners (needed only for that operation): the Sync App settings page in eManageCRM. ${URL_HELP.settingsPageUrl}`,
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
