import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { manyChatApiRequest } from '../../transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const page = await manyChatApiRequest.call(this, 'GET', '/fb/page/getInfo', {
			itemIndex,
			limitGroup: 'pageRead',
		});
		return page as IDataObject;
	});
}
