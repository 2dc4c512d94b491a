import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { eManageRequest } from '../transport';

const matches = (filter: string | undefined, ...values: unknown[]) => {
	const needle = filter?.trim().toLowerCase() ?? '';
	return needle === '' || values.some((value) => String(value ?? '').toLowerCase().includes(needle));
};

/** Campaigns for the Campaign locator (value: the web key). */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const body = (await eManageRequest.call(this, 'campaignList', {}, { qs: filter ? { search: filter } : {} })) as IDataObject;
	const campaigns = (Array.isArray(body.campaigns) ? body.campaigns : []) as IDataObject[];
	return {
		results: campaigns
			.filter((campaign) => matches(filter, campaign.name, campaign.webKey, campaign.campaignId))
			.map((campaign) => ({
				name: `${String(campaign.name ?? campaign.webKey)}${campaign.status ? ` (${String(campaign.status)})` : ''}`,
				value: String(campaign.webKey),
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** Funnels known to the Sync App for the Funnel locator. */
export async function searchFunnels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const body = (await eManageRequest.call(this, 'funnelList')) as IDataObject;
	const funnels = (Array.isArray(body.funnels) ? body.funnels : []) as IDataObject[];
	return {
		results: funnels
			.filter((funnel) => matches(filter, funnel.name, funnel.funnelId, funnel.shopDomain))
			.map((funnel) => ({
				name: `${String(funnel.name ?? funnel.funnelId)}${funnel.shopDomain ? ` – ${String(funnel.shopDomain)}` : ''}`,
				value: String(funnel.funnelId),
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}
