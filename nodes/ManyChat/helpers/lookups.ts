import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { manyChatApiRequest } from '../transport';

export interface ManyChatTag {
	id: number;
	name: string;
}
export interface ManyChatField {
	id: number;
	name: string;
	type: string;
	description?: string;
}
export interface ManyChatFlow {
	ns: string;
	name: string;
	folder_id?: number;
}
export interface ManyChatFolder {
	id: number;
	name: string;
	parent_id?: number;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export async function fetchTags(this: Context): Promise<ManyChatTag[]> {
	return ((await manyChatApiRequest.call(this, 'GET', '/fb/page/getTags', { limitGroup: 'pageRead' })) ?? []) as ManyChatTag[];
}

export async function fetchCustomFields(this: Context): Promise<ManyChatField[]> {
	return ((await manyChatApiRequest.call(this, 'GET', '/fb/page/getCustomFields', { limitGroup: 'pageRead' })) ??
		[]) as ManyChatField[];
}

export async function fetchFlows(this: Context): Promise<{ flows: ManyChatFlow[]; folders: ManyChatFolder[] }> {
	const data = (await manyChatApiRequest.call(this, 'GET', '/fb/page/getFlows', { limitGroup: 'pageFlows' })) as
		| { flows?: ManyChatFlow[]; folders?: ManyChatFolder[] }
		| undefined;
	return { flows: data?.flows ?? [], folders: data?.folders ?? [] };
}
