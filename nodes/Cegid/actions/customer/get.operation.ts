import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { compactCustomer } from '../../helpers/customer';
import { locateCustomer } from '../../helpers/locator';
import { customerClient } from '../../transport/customers';
import { customerLocator } from '../common.descriptions';

export const description: INodeProperties[] = [customerLocator({ resource: ['customer'], operation: ['get'] })];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const client = await customerClient.call(this, itemIndex);
		return compactCustomer(await locateCustomer.call(this, client, itemIndex));
	});
}
