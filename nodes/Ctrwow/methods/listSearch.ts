import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ctrwowList } from '../transport';

const toResults = (records: IDataObject[], label: (record: IDataObject) => string) => ({
	results: records.map((record) => ({ name: label(record), value: String(record.id) })).sort((a, b) => a.name.localeCompare(b.name)),
});

const contains = (filter: string | undefined, ...values: unknown[]) => {
	const needle = filter?.trim().toLowerCase() ?? '';
	return needle === '' || values.some((value) => String(value ?? '').toLowerCase().includes(needle));
};

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const templates = await ctrwowList.call(this, 'templateList', filter ? { search: filter } : {}, 200);
	return toResults(templates.filter((template) => contains(filter, template.name, template.id)), (template) => `${String(template.name)}${template.category ? ` (${String(template.category)})` : ''}`);
}

export async function searchFunnels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const funnels = await ctrwowList.call(this, 'funnelList', filter ? { search: filter } : {}, 200);
	return toResults(funnels.filter((funnel) => contains(filter, funnel.name, funnel.id)), (funnel) => `${String(funnel.name)} (${String(funnel.status ?? 'draft')})`);
}

export async function searchHostOptions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const hosts = await ctrwowList.call(this, 'hostOptionList', {}, 200);
	return toResults(hosts.filter((host) => contains(filter, host.domain, host.id)), (host) => `${String(host.domain)} (${String(host.type ?? 'host')})`);
}
