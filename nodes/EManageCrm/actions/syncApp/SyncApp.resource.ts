import type { INodeProperties } from 'n8n-workflow';

import * as buildSettingsLink from './buildSettingsLink.operation';
import * as createInvitation from './createInvitation.operation';
import * as getFunnelSettings from './getFunnelSettings.operation';
import * as linkCtrwow from './linkCtrwow.operation';
import * as redeemInvitation from './redeemInvitation.operation';
import * as setFunnelSettings from './setFunnelSettings.operation';
import * as signUpShop from './signUpShop.operation';

export { buildSettingsLink, createInvitation, getFunnelSettings, linkCtrwow, redeemInvitation, setFunnelSettings, signUpShop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['syncApp'] } },
		options: [
			{ name: 'Build Settings Link', value: 'buildSettingsLink', description: 'A signed-in link to the Sync App settings in eManageCRM, for the shop owner', action: 'Build a settings link' },
			{ name: 'Create Invitation', value: 'createInvitation', description: 'A signed, expiring, single-use onboarding link for one shop and its owner', action: 'Create an onboarding invitation' },
			{ name: 'Get Funnel Settings', value: 'getFunnelSettings', description: 'Read the ON/OFF settings of a funnel', action: 'Get funnel settings' },
			{ name: 'Link CTRwow Account', value: 'linkCtrwow', description: 'Record which CTRwow account the shop connected', action: 'Link a ctrwow account' },
			{ name: 'Redeem Invitation', value: 'redeemInvitation', description: 'Check an onboarding invitation and mark it used; outputs its shop and owner e-mail', action: 'Redeem an onboarding invitation' },
			{ name: 'Set Funnel Settings', value: 'setFunnelSettings', description: 'Turn funnel settings ON or OFF (others stay)', action: 'Set funnel settings' },
			{ name: 'Sign Up Shop', value: 'signUpShop', description: 'Sign a shop up to eManageCRM, or attach it to the shared instance', action: 'Sign up a shop' },
		],
		default: 'signUpShop',
	},
	...signUpShop.description,
	...linkCtrwow.description,
	...buildSettingsLink.description,
	...getFunnelSettings.description,
	...setFunnelSettings.description,
	...createInvitation.description,
	...redeemInvitation.description,
];
