import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { fetchCustomFields, fetchFlows, fetchTags } from '../helpers/lookups';

/** ManyChat returns these lists whole (no paging), so filtering happens here. */
function filtered(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	const results = needle ? items.filter((item) => item.name.toLowerCase().includes(needle)) : items;
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}

export async function searchTags(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const tags = await fetchTags.call(this);
	return filtered(tags.map((tag) => ({ name: tag.name, value: String(tag.id) })), filter);
}

export async function searchCustomFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const fields = await fetchCustomFields.call(this);
	return filtered(fields.map((field) => ({ name: `${field.name} (${field.type})`, value: String(field.id) })), filter);
}

export async function searchFlows(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { flows, folders } = await fetchFlows.call(this);
	const folderName = new Map(folders.map((folder) => [folder.id, folder.name]));
	return filtered(
		flows.map((flow) => {
			const folder = flow.folder_id !== undefined ? folderName.get(flow.folder_id) : undefined;
			return { name: folder ? `${folder} / ${flow.name}` : flow.name, value: flow.ns };
		}),
		filter,
	);
}
