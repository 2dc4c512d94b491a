import type { CredentialImport } from '../../scripts/lib/devCredentials';
import { runWorkflow } from '../nodes/harness/runWorkflow';
import { BIGQUERY_CREDENTIAL, singleNodeWorkflow } from './workflows';

/**
 * What an admin does once before publishing the CRM workflows: run "Set Up CRM Tables (Once)"
 * (the Order Store's Ensure CRM Schema, same node, same credential), here in n8n-core's engine.
 */
export async function ensureCrmSchema(credentials: CredentialImport[]): Promise<void> {
	const bigquery = credentials.find((entry) => entry.type === 'orderStoreBigQueryApi');
	if (!bigquery) throw new Error('No Order Store BigQuery credential among the simulator credentials');
	const setup = await runWorkflow(
		singleNodeWorkflow({
			id: 'setupCrm',
			name: 'Set up CRM',
			nodeName: 'Ensure CRM Schema',
			type: 'n8n-nodes-shop-sync.orderStore',
			parameters: { resource: 'setup', operation: 'ensureSchema' },
			credentials: BIGQUERY_CREDENTIAL,
		}),
		{ credentials: { orderStoreBigQueryApi: bigquery.data as Record<string, string> } },
	);
	const error = setup.error('Ensure CRM Schema');
	if (error) throw error;
}
