import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runForEachItem } from '../../../shared/execute';
import { funnelId } from '../../helpers/funnels';
import { eManageRequest } from '../../transport';
import { funnelLocator } from '../common.descriptions';

export const description: INodeProperties[] = [funnelLocator({ resource: ['syncApp'], operation: ['getFunnelSettings'] })];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = funnelId.call(this, itemIndex);
		return (await eManageRequest.call(this, 'funnelSettingsGet', { funnelId: id }, { itemIndex })) as IDataObject;
	});
}
