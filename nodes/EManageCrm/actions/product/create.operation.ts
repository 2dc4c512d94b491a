import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { requiredString } from '../../helpers/parameters';
import { eManageRequest } from '../../transport';
import { productBody, productFieldOptions } from './fields';

const show = { resource: ['product'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: { show } },
	{ displayName: 'SKU', name: 'sku', type: 'string', required: true, default: '', placeholder: 'JETF_1', displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: productFieldOptions,
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const name = requiredString.call(this, 'name', 'Name', 'Enter the product name.', itemIndex);
		const sku = requiredString.call(this, 'sku', 'SKU', 'Enter the SKU (package SKUs such as JETF_3 are kept as they are).', itemIndex);
		const body = { ...productBody.call(this, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, itemIndex), name, sku };
		return (await eManageRequest.call(this, 'productCreate', {}, { body, itemIndex, idempotent: false })) as IDataObject;
	});
}
