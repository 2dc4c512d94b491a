import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { fetchFlows } from '../../helpers/lookups';

export const description: INodeProperties[] = [];

/** One item per flow, with the name of the folder it sits in. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async () => {
		const { flows, folders } = await fetchFlows.call(this);
		const folderName = new Map(folders.map((folder) => [folder.id, folder.name]));
		return flows.map((flow) => ({ ...flow, folder: flow.folder_id !== undefined ? (folderName.get(flow.folder_id) ?? null) : null }));
	});
}
