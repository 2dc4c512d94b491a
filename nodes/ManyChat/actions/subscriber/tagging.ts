import type { IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { idOrName } from '../../helpers/locators';
import { subscriberIdParameter } from '../../helpers/parameters';
import { manyChatApiRequest } from '../../transport';
import { subscriberIdField, tagLocator } from '../common.descriptions';

/** Add Tag and Remove Tag: same fields, by tag ID or by tag name. */
export function tagOperation(operation: 'addTag' | 'removeTag') {
	const show = { resource: ['subscriber'], operation: [operation] };
	const description: INodeProperties[] = [subscriberIdField(show), tagLocator(show)];

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runForEachItem.call(this, async (itemIndex) => {
			const subscriberId = subscriberIdParameter.call(this, this.getNodeParameter('subscriberId', itemIndex), itemIndex);
			const tag = idOrName.call(this, this.getNodeParameter('tag', itemIndex) as INodeParameterResourceLocator, 'Tag', itemIndex);
			const [path, body] =
				tag.id !== undefined
					? [`/fb/subscriber/${operation}`, { subscriber_id: subscriberId, tag_id: tag.id }]
					: [`/fb/subscriber/${operation}ByName`, { subscriber_id: subscriberId, tag_name: tag.name }];
			// Tagging is idempotent: a repeat leaves the same tags.
			await manyChatApiRequest.call(this, 'POST', path, { body, itemIndex, limitGroup: 'subscriberWrite', idempotent: true });
			return { subscriber_id: subscriberId.digits, tag: tag.id ?? tag.name, status: operation === 'addTag' ? 'added' : 'removed' };
		});
	}

	return { description, execute };
}
