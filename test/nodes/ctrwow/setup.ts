import type { ICredentialDataDecryptedObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { ctrwowSimulator } from '../../../simulators/ctrwow';
import { SIM_API_KEY, SIM_OAUTH_CLIENT } from '../../../simulators/ctrwow/state';
import { singleNodeWorkflow } from '../../support/workflows';
import { useSimulator } from '../harness/simulators';

export const NODE = 'CTRwow';

export function ctrwowWorkflow(parameters: INodeParameters, settings: Record<string, unknown> = {}): IWorkflowBase {
	const workflow = singleNodeWorkflow({
		id: 'testCtrwowOps',
		name: 'CTRwow operation (node test)',
		nodeName: NODE,
		type: 'n8n-nodes-shop-sync.ctrwow',
		parameters: { authentication: 'apiKey', ...parameters },
		credentials: {
			ctrwowApi: { id: 'shopSyncCtrwow', name: 'CTRwow' },
			ctrwowOAuth2Api: { id: 'shopSyncCtrwowOAuth', name: 'CTRwow (OAuth2)' },
		},
	});
	Object.assign(workflow.nodes[1], settings);
	return workflow;
}

export function useCtrwow() {
	const sim = useSimulator(ctrwowSimulator);
	const credentials = (overrides: ICredentialDataDecryptedObject = {}, oauth: ICredentialDataDecryptedObject = {}) => ({
		ctrwowApi: { apiKey: SIM_API_KEY, baseUrl: `${sim.server.url}/api/v1`, ...overrides },
		ctrwowOAuth2Api: {
			grantType: 'authorizationCode',
			authUrl: `${sim.server.url}/oauth/authorize`,
			accessTokenUrl: `${sim.server.url}/oauth/token`,
			clientId: SIM_OAUTH_CLIENT.clientId,
			clientSecret: SIM_OAUTH_CLIENT.clientSecret,
			scope: 'funnels templates',
			authentication: 'body',
			baseUrl: `${sim.server.url}/api/v1`,
			...oauth,
		},
	});
	/** Runs the authorization-code flow as n8n's OAuth2 callback would, and returns the token data. */
	const connect = async (): Promise<Record<string, unknown>> => {
		const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
		const consent = await fetch(`${sim.server.url}/oauth/authorize?response_type=code&client_id=${SIM_OAUTH_CLIENT.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&scope=funnels%20templates&state=xyz`, { redirect: 'manual' });
		const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
		const token = await fetch(`${sim.server.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: SIM_OAUTH_CLIENT.clientId, client_secret: SIM_OAUTH_CLIENT.clientSecret }).toString(),
		});
		return (await token.json()) as Record<string, unknown>;
	};
	return { sim, credentials, connect };
}
