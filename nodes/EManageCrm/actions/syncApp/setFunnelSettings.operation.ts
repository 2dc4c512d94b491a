import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { funnelId } from '../../helpers/funnels';
import { eManageRequest } from '../../transport';
import { FUNNEL_SETTINGS } from '../../transport/assumedContract';
import { funnelLocator } from '../common.descriptions';

const show = { resource: ['syncApp'], operation: ['setFunnelSettings'] };

export const description: INodeProperties[] = [
	funnelLocator(show),
	{
		displayName: 'Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Only the settings added here change; the others keep their value',
		displayOptions: { show },
		options: [
			{ displayName: FUNNEL_SETTINGS.fulfilledByEManage, name: 'fulfilledByEManage', type: 'boolean', default: true, description: 'Whether eManageCRM ships this funnel\'s orders' },
			{ displayName: FUNNEL_SETTINGS.keepOrdersSynchronized, name: 'keepOrdersSynchronized', type: 'boolean', default: true, description: 'Whether orders are copied between Shopify and eManageCRM' },
			{ displayName: FUNNEL_SETTINGS.keepProductsSynchronized, name: 'keepProductsSynchronized', type: 'boolean', default: true, description: 'Whether product changes are copied between Shopify and eManageCRM' },
		],
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const id = funnelId.call(this, itemIndex);
		const chosen = this.getNodeParameter('settings', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		for (const name of Object.keys(FUNNEL_SETTINGS)) if (typeof chosen[name] === 'boolean') body[name] = chosen[name];
		if (Object.keys(body).length === 0) {
			throw parameterError(this.getNode(), 'Settings', 'is empty', `Add at least one of: ${Object.values(FUNNEL_SETTINGS).join(', ')}.`, itemIndex);
		}
		// Setting the same values again changes nothing, so a repeat is harmless.
		return (await eManageRequest.call(this, 'funnelSettingsSet', { funnelId: id }, { body, itemIndex, idempotent: true })) as IDataObject;
	});
}
