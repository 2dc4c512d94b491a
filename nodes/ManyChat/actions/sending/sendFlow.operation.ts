import type { IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { subscriberIdParameter } from '../../helpers/parameters';
import { manyChatApiRequest } from '../../transport';
import { flowLocator, subscriberIdField } from '../common.descriptions';

const show = { resource: ['sending'], operation: ['sendFlow'] };

export const description: INodeProperties[] = [subscriberIdField(show), flowLocator(show)];

export function flowNs(this: IExecuteFunctions, itemIndex: number): string {
	const ns = String((this.getNodeParameter('flow', itemIndex) as INodeParameterResourceLocator).value ?? '').trim();
	if (!ns) throw parameterError(this.getNode(), 'Flow', 'is empty', 'Pick the flow from the list or enter its NS.', itemIndex);
	return ns;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const subscriberId = subscriberIdParameter.call(this, this.getNodeParameter('subscriberId', itemIndex), itemIndex);
		const ns = flowNs.call(this, itemIndex);
		await manyChatApiRequest.call(this, 'POST', '/fb/sending/sendFlow', {
			body: { subscriber_id: subscriberId, flow_ns: ns },
			itemIndex,
			limitGroup: 'sendFlow',
			idempotent: false, // a repeat would run the flow twice
		});
		return { subscriber_id: subscriberId.digits, flow_ns: ns, status: 'accepted' };
	});
}
