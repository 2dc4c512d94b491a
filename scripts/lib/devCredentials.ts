import { LATEST_STABLE_API_VERSION } from '../../nodes/Shopify/transport/apiVersion';
import { SIM_API_KEY, SIM_OAUTH_CLIENT } from '../../simulators/ctrwow/state';
import { SIM_CLIENT_ID, SIM_PASSWORD as EMANAGE_PASSWORD, SIM_USERNAME as EMANAGE_USERNAME, SIM_WEB_KEY } from '../../simulators/emanage/state';
import { SIM_GMAIL_CLIENT, SIM_REFRESH_TOKEN, SIM_SCOPE, SIM_SEEDED_ACCESS_TOKEN } from '../../simulators/gmail/state';
import { SIMULATOR_STORES, simulatorAppCredentials } from '../../simulators/shopify/state';
import { simulatorServiceAccountJson } from '../../simulators/bigquery/testServiceAccount';

/**
 * Credentials the local n8n gets, pointing at the simulators. Shipped workflows reference
 * credentials by these IDs and names, so an imported workflow binds to them without editing.
 */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

interface CredentialSlot {
	id: string;
	name: string;
	type: string;
	/** Which simulator the credential points at; none for a login n8n itself checks (always imported). */
	simulator?: string;
	data(simulatorUrl: string): Record<string, unknown>;
}

/**
 * The managers' login to the order form (n8n's Basic Auth on its Form Trigger). Development value
 * only: production sets its own in n8n (README, "Order Form Login").
 */
export const DEV_ORDER_FORM_LOGIN = { user: 'manager', password: 'ShopSync-form-dev-2026' } as const;

/**
 * Store onboarding and the ManyChat catalog: the admin's login to the invitation form (n8n's Basic
 * Auth on its Form Trigger), the header ManyChat sends to the catalog webhook (n8n's Header Auth),
 * and the secret that signs onboarding invitations (eManageCRM credential). Development values
 * only: production sets its own in n8n (README, "Credentials").
 */
export const DEV_ADMIN_FORM_LOGIN = { user: 'admin', password: 'ShopSync-admin-dev-2026' } as const;
export const DEV_CATALOG_WEBHOOK_HEADER = { name: 'X-Shop-Sync-Token', value: 'ShopSync-catalog-dev-2026-0123456789' } as const;
export const DEV_INVITATION_SECRET = 'ShopSync-invitation-dev-2026-0123456789abcdef';

/** Not secrets: these values only open the local simulators. */
export const CREDENTIAL_SLOTS: CredentialSlot[] = [
	{
		id: 'shopSyncManyChat',
		name: 'ManyChat',
		type: 'manyChatApi',
		simulator: 'manychat',
		data: (url) => ({ apiKey: '1234567890123456:SIMULATORKEY0000000000000000000001', baseUrl: url }),
	},
	...SIMULATOR_STORES.map((store) => ({
		id: `shopSyncShopify${store.key.toUpperCase()}`,
		name: `Shopify Store ${store.key.toUpperCase()}`,
		type: 'shopifyAdminApi',
		simulator: 'shopify',
		data: (url: string) => {
			const app = simulatorAppCredentials(store.key);
			return {
				shopDomain: store.domain,
				apiVersion: LATEST_STABLE_API_VERSION,
				authentication: 'clientCredentials',
				clientId: app.clientId,
				clientSecret: app.clientSecret,
				baseUrl: `${url}/shops/${store.domain}`,
			};
		},
	})),
	{
		id: 'shopSyncCegid',
		name: 'CEGID',
		type: 'cegidApi',
		simulator: 'cegid',
		data: (url) => ({
			deployment: 'cloud',
			tenant: '90000000',
			databaseId: '90000000_001_PROD',
			authentication: 'basic',
			username: 'SHOPSYNC',
			password: 'Simulator-Pass-0001',
			apiFlavour: 'rest',
			baseUrl: `${url}/Y2`,
			// No default any more: set so switching Authentication to OAuth2 works against the simulator.
			tokenUrl: `${url}/p/as/connect/token`,
		}),
	},
	{
		id: 'shopSyncBigQuery',
		name: 'BigQuery CRM',
		type: 'orderStoreBigQueryApi',
		simulator: 'bigquery',
		// The committed test-only service account (simulators/bigquery/testServiceAccount.ts), which
		// only the simulator knows; its token URL is the simulator's JWT-bearer grant.
		data: (url) => ({
			keyFormat: 'json',
			serviceAccountSecret: JSON.stringify(simulatorServiceAccountJson()),
			projectId: '',
			dataset: 'crm',
			location: 'US',
			apiEndpoint: url,
			tokenUrl: `${url}/token`,
		}),
	},
	{
		id: 'shopSyncEManage',
		name: 'eManageCRM',
		type: 'eManageCrmApi',
		simulator: 'emanage',
		data: (url) => ({
			username: EMANAGE_USERNAME,
			password: EMANAGE_PASSWORD,
			apiBaseUrl: url,
			webSalesBaseUrl: `${url}/sales/api`,
			clientId: SIM_CLIENT_ID,
			defaultWebKey: SIM_WEB_KEY,
			settingsPageUrl: `${url}/settings`,
			invitationSecret: DEV_INVITATION_SECRET,
		}),
	},
	{
		id: 'shopSyncCtrwow',
		name: 'CTRwow',
		type: 'ctrwowApi',
		simulator: 'ctrwow',
		data: (url) => ({ apiKey: SIM_API_KEY, baseUrl: `${url}/api/v1` }),
	},
	{
		id: 'shopSyncCtrwowOAuth',
		name: 'CTRwow (OAuth2)',
		type: 'ctrwowOAuth2Api',
		simulator: 'ctrwow',
		data: (url) => ({
			baseUrl: `${url}/api/v1`,
			authUrl: `${url}/oauth/authorize`,
			accessTokenUrl: `${url}/oauth/token`,
			clientId: SIM_OAUTH_CLIENT.clientId,
			clientSecret: SIM_OAUTH_CLIENT.clientSecret,
			scope: 'funnels templates',
		}),
	},
	{
		id: 'shopSyncOrderFormLogin',
		name: 'Order Form Login',
		type: 'httpBasicAuth',
		data: () => ({ ...DEV_ORDER_FORM_LOGIN }),
	},
	{
		id: 'shopSyncGmail',
		name: 'Gmail',
		type: 'gmailOAuth2',
		simulator: 'gmail',
		// n8n's Gmail nodes call the fixed Google URLs, so nothing here names the simulator: the
		// intercepting proxy (simulators/gmail/proxy.ts) routes them to it. The token data is what
		// the consent screen would have given n8n; the simulator knows this refresh token.
		data: () => ({
			clientId: SIM_GMAIL_CLIENT.clientId,
			clientSecret: SIM_GMAIL_CLIENT.clientSecret,
			oauthTokenData: { access_token: SIM_SEEDED_ACCESS_TOKEN, refresh_token: SIM_REFRESH_TOKEN, token_type: 'Bearer', expires_in: 3599, scope: SIM_SCOPE },
		}),
	},
	{
		id: 'shopSyncAdminFormLogin',
		name: 'Admin Form Login',
		type: 'httpBasicAuth',
		data: () => ({ ...DEV_ADMIN_FORM_LOGIN }),
	},
	{
		id: 'shopSyncCatalogWebhookToken',
		name: 'ManyChat Catalog Webhook Token',
		type: 'httpHeaderAuth',
		data: () => ({ ...DEV_CATALOG_WEBHOOK_HEADER }),
	},
];

export function simulatorCredentials(simulatorUrls: Record<string, string>): CredentialImport[] {
	return CREDENTIAL_SLOTS.filter((slot) => slot.simulator === undefined || simulatorUrls[slot.simulator] !== undefined).map((slot) => ({
		id: slot.id,
		name: slot.name,
		type: slot.type,
		data: slot.data(slot.simulator === undefined ? '' : simulatorUrls[slot.simulator]),
	}));
}
