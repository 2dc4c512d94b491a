import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { requiredString } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { productBody, updateFieldOptions } from './fields';

const show = { resource: ['product'], operation: ['update'] };

export const description: INodeProperties[] = [
	{ displayName: 'Product ID', name: 'productId', type: 'string', required: true, default: '', placeholder: '456', displayOptions: { show } },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: updateFieldOptions,
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const productId = requiredString.call(this, 'productId', 'Product ID', 'Enter the eManageCRM product ID.', itemIndex);
		const body = productBody.call(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
		if (Object.keys(body).length === 0) {
			throw parameterError(this.getNode(), 'Update Fields', 'is empty', 'Add at least one field to change.', itemIndex);
		}
		return (await eManageRequest.call(this, 'productUpdate', { productId }, { body, itemIndex })) as IDataObject;
	});
}
