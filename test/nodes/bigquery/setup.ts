import type { IDataObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { bigQuerySimulator } from '../../../simulators/bigquery';
import type { BigQueryState } from '../../../simulators/bigquery/state';
import { simulatorServiceAccountJson, SIMULATOR_PROJECT_ID } from '../../../simulators/bigquery/testServiceAccount';
import { BIGQUERY_CREDENTIAL, singleNodeWorkflow } from '../../support/workflows';
import { runWorkflow, type RunOptions } from '../harness/runWorkflow';
import { useSimulator } from '../harness/simulators';

export const NODE = 'Order Store';
export const PROJECT = SIMULATOR_PROJECT_ID;

/** Start → Order Store node with the given parameters, as an editor would save it. */
export function orderStoreWorkflow(parameters: INodeParameters): IWorkflowBase {
	return singleNodeWorkflow({
		id: 'testOrderStoreOps',
		name: 'Order Store operation (node test)',
		nodeName: NODE,
		type: 'n8n-nodes-shop-sync.orderStore',
		parameters,
		credentials: BIGQUERY_CREDENTIAL,
	});
}

/** The BigQuery simulator for a describe block, and credentials pointing at it. */
export function useBigQuery() {
	const sim = useSimulator(bigQuerySimulator);
	const credentials = (overrides: IDataObject = {}) => ({
		orderStoreBigQueryApi: {
			keyFormat: 'json',
			serviceAccountSecret: JSON.stringify(simulatorServiceAccountJson()),
			projectId: '',
			dataset: 'crm',
			location: 'EU',
			apiEndpoint: sim.server.url,
			tokenUrl: `${sim.server.url}/token`,
			...overrides,
		},
	});
	const run = async (parameters: INodeParameters, input: IDataObject[] = [{}], options: Partial<RunOptions> = {}) =>
		await runWorkflow(orderStoreWorkflow(parameters), { credentials: credentials(), input, ...options });
	const ensureSchema = async () => {
		const result = await run({ resource: 'setup', operation: 'ensureSchema' });
		expect(result.error(NODE)).toBeUndefined();
		return result;
	};
	const table = (name: string) => (sim.server.state as BigQueryState).tables[`${PROJECT}.crm.${name}`];
	/** API requests (not the token grant, not control calls) since the log was cleared. */
	const apiRequests = () => sim.server.requests.filter((request) => request.path.startsWith('/bigquery/v2/'));
	return { sim, credentials, run, ensureSchema, table, apiRequests };
}

let serial = 0;

/** A valid order in the shared shape, unique per call unless `sourceOrderId` is given. */
export function sampleOrder(overrides: IDataObject = {}): IDataObject {
	const sourceOrderId = (overrides.sourceOrderId as string) ?? `SP-${100000 + ++serial}`;
	return {
		source: 'email',
		service: 'swiftparcel',
		serviceName: 'SwiftParcel',
		sourceOrderId,
		orderNumber: sourceOrderId,
		orderKey: `email:swiftparcel:${sourceOrderId}`,
		customer: { name: 'Jane Doe', phone: '+14155550123', email: 'jane@example.com' },
		delivery: { address: '12 Main St, Springfield, IL 62701', addressParts: null, method: 'Courier' },
		paymentMethod: 'Card',
		items: [{ sku: 'MUG-BLU', title: 'Blue mug', quantity: 2, unitPrice: '12.50', total: '25.00' }],
		totals: { subtotal: '25.00', shipping: '5.00', total: '30.00' },
		currency: 'USD',
		status: 'new',
		createdAt: '2026-11-20T10:15:00.000Z',
		ingestedAt: '2026-11-20T10:15:04.000Z',
		email: { messageId: `<${sourceOrderId}@swiftparcel.example>`, receivedAt: '2026-11-20T10:15:00.000Z', from: 'orders@swiftparcel.example', subject: `New order ${sourceOrderId}` },
		raw: { orderNumber: `#${sourceOrderId}` },
		...overrides,
	};
}
