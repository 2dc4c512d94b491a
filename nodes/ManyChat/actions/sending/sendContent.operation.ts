import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { subscriberIdParameter } from '../../helpers/parameters';
import { manyChatApiRequest } from '../../transport';
import { subscriberIdField } from '../common.descriptions';
import { contentProperties, readContent } from '../content.descriptions';

const show = { resource: ['sending'], operation: ['sendContent'] };

export const description: INodeProperties[] = [
	subscriberIdField(show),
	{
		displayName:
			"Content reaches only subscribers who interacted in the last 24 hours (Meta's rule). To reach anyone else, use Send Flow or Notify Subscribers.",
		name: 'windowNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...contentProperties(show),
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const subscriberId = subscriberIdParameter.call(this, this.getNodeParameter('subscriberId', itemIndex), itemIndex);
		const data = readContent.call(this, itemIndex);
		await manyChatApiRequest.call(this, 'POST', '/fb/sending/sendContent', {
			body: { subscriber_id: subscriberId, data },
			itemIndex,
			limitGroup: 'sendContent',
			idempotent: false, // no idempotency key: a repeat could deliver twice
		});
		// ManyChat confirms acceptance only; it reports no message ID or delivery state.
		return { subscriber_id: subscriberId.digits, status: 'accepted', content: data.content as IDataObject };
	});
}
