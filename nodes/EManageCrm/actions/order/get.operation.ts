import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { requiredString } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { orderNumber } from '../common.descriptions';

const show = { resource: ['order'], operation: ['get'] };

export const description: INodeProperties[] = [orderNumber(show, 'The order\'s number (orderNumber in the order list, "Order Number" in the export)')];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const number = requiredString.call(this, 'orderNumber', 'Order Number', 'Enter the order number, or map it from the input.', itemIndex);
		return (await eManageRequest.call(this, 'orderGet', { orderNumber: number }, { itemIndex })) as IDataObject;
	});
}
