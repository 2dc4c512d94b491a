import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { manyChatApiRequest } from '../../transport';
import type { ManyChatLimitGroup } from '../../transport/rateLimits';

/** A page read that lists records: one output item per record. */
export function readList(path: string, limitGroup: ManyChatLimitGroup) {
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => {
			const data = await manyChatApiRequest.call(this, 'GET', path, { itemIndex, limitGroup });
			return (Array.isArray(data) ? data : []) as IDataObject[];
		});
	};
}
