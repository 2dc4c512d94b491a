import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Google service account for the Order Store (BigQuery) node. The node tests it by running
 * `SELECT 1` (OrderStore.node.ts, methods.credentialTest): the token exchange and the query need
 * a signed JWT, which a declarative test request cannot make.
 */
export class OrderStoreBigQueryApi implements ICredentialType {
	name = 'orderStoreBigQueryApi';

	displayName = 'Order Store BigQuery API';

	icon: Icon = {
		light: 'file:../nodes/OrderStore/orderStore.svg',
		dark: 'file:../nodes/OrderStore/orderStore.dark.svg',
	};

	documentationUrl = 'https://github.com/shop-sync/n8n-nodes-shop-sync#order-store-bigquery-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Key Format',
			name: 'keyFormat',
			type: 'options',
			options: [
				{ name: 'Whole Key File (JSON)', value: 'json' },
				{ name: 'Separate Fields', value: 'fields' },
			],
			default: 'json',
			description: 'Paste the key file Google Cloud console gives (IAM & Admin → Service accounts → the account → Keys → Add key → Create new key → JSON) whole, or its values one by one',
		},
		{
			displayName: 'Service Account Key (JSON)',
			name: 'serviceAccountSecret',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			placeholder: '{"type": "service_account", "project_id": "…", "private_key": "…", "client_email": "…"}',
			description: 'Google Cloud console → IAM & Admin → Service accounts → the account → Keys → Add key → Create new key → JSON: paste the whole downloaded file',
			displayOptions: { show: { keyFormat: ['json'] } },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			placeholder: 'my-shop-crm',
			description: 'Google Cloud console → project picker → ID column: the project that holds the dataset. With a key file, leave empty to use its project_id.',
		},
		{
			displayName: 'Client Email',
			name: 'clientEmail',
			type: 'string',
			default: '',
			placeholder: 'order-store@my-shop-crm.iam.gserviceaccount.com',
			description: 'Google Cloud console → IAM & Admin → Service accounts → Email column (client_email in the key file)',
			displayOptions: { show: { keyFormat: ['fields'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----\\n…\\n-----END PRIVATE KEY-----\\n',
			description: 'The private_key value of the key file (Service accounts → Keys → Add key → JSON). Escaped newlines (\\n) are accepted.',
			displayOptions: { show: { keyFormat: ['fields'] } },
		},
		{
			displayName: 'Default Dataset',
			name: 'dataset',
			type: 'string',
			default: 'crm',
			description: 'BigQuery Studio → Explorer → your project → the dataset name. Setup → Ensure Schema creates it if missing.',
		},
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: 'US',
			placeholder: 'EU',
			description: 'BigQuery Studio → the dataset → Details → Data location (US, EU, europe-west1, …). Used when creating the dataset and for queries.',
		},
		{
			displayName: 'API Endpoint',
			name: 'apiEndpoint',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4104',
			description: 'Advanced: leave empty for Google. Set to reach BigQuery through a proxy or the local BigQuery simulator.',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4104/token',
			description: "Advanced: leave empty for Google's token endpoint (or the key file's token_uri). Set for the local BigQuery simulator.",
		},
	];
}
