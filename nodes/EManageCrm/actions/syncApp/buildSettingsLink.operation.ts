import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { locatorValue, requiredString } from '../../helpers/parameters';
import { eManageCredentials, eManageRequest } from '../../transport';
import { SETTINGS_LINK_TOKEN_PARAMETER } from '../../transport/assumedContract';
import { URL_HELP } from '../../transport/auth';
import { shopDomain } from '../common.descriptions';

const show = { resource: ['syncApp'], operation: ['buildSettingsLink'] };

export const description: INodeProperties[] = [
	shopDomain(show),
	{
		displayName: 'Funnel',
		name: 'funnel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'Open the settings of this funnel; empty opens the shop\'s overview',
		displayOptions: { show },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchFunnels', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'fnl_123' },
		],
	},
];

interface TokenAnswer {
	token?: string;
	expiresAt?: string;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const shop = requiredString.call(this, 'shopDomain', 'Shop Domain', 'Enter the shop\'s myshopify.com domain.', itemIndex).toLowerCase();
		const funnelId = locatorValue.call(this, 'funnel', itemIndex);
		// Checked before a sign-in token is issued: the link carries it, so it must not point at a guessed page.
		const page = String((await eManageCredentials.call(this)).settingsPageUrl ?? '').trim();
		let url: URL | undefined;
		try {
			url = new URL(page);
		} catch {
			url = undefined;
		}
		if (!url || !/^https?:$/.test(url.protocol)) {
			const problem = page === '' ? 'is empty in the "eManageCRM API" credential' : `"${page}" is not an http(s) address`;
			throw parameterError(this.getNode(), 'Settings Page URL', problem, `${URL_HELP.settingsPageUrl} Enter it as "Settings Page URL" in the "eManageCRM API" credential.`, itemIndex);
		}
		const answer = (await eManageRequest.call(this, 'settingsLinkToken', { shopDomain: shop }, { body: funnelId ? { funnelId } : {}, itemIndex, idempotent: true })) as TokenAnswer;
		if (!answer.token) {
			throw parameterError(this.getNode(), 'Shop Domain', `eManageCRM issued no sign-in token for "${shop}"`, 'Sign the shop up first (Sync App → Sign Up Shop).', itemIndex);
		}
		url.searchParams.set('shop', shop);
		if (funnelId) url.searchParams.set('funnel', funnelId);
		url.searchParams.set(SETTINGS_LINK_TOKEN_PARAMETER, answer.token);
		const result: IDataObject = { shopDomain: shop, url: url.toString(), expiresAt: answer.expiresAt ?? null };
		if (funnelId) result.funnelId = funnelId;
		return result;
	});
}
