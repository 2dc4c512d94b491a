import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { subscriberIdParameter } from '../../helpers/parameters';
import { manyChatApiRequest } from '../../transport';
import { subscriberIdField } from '../common.descriptions';

export const description: INodeProperties[] = [subscriberIdField({ resource: ['subscriber'], operation: ['get'] })];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const subscriberId = subscriberIdParameter.call(this, this.getNodeParameter('subscriberId', itemIndex), itemIndex);
		return (await manyChatApiRequest.call(this, 'GET', '/fb/subscriber/getInfo', {
			qs: { subscriber_id: subscriberId.digits },
			itemIndex,
			limitGroup: 'subscriberRead',
		})) as IDataObject;
	});
}
