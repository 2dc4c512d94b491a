/**
 * ManyChat throughput: 1,000 notifications through the real node (n8n-core's engine) against the
 * simulator, which enforces ManyChat's per-endpoint limits. Zero failures is the requirement; the
 * achieved rate is printed next to the limit of the endpoint that binds it (target ≥ 90 %).
 */
import type { IDataObject, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import { SimulatorServer } from '../simulators/frame/server';
import { manyChatSimulator } from '../simulators/manychat';
import { FLOW_ORDER_NOTIFICATION, type ManyChatState, SIMULATOR_API_KEY, SUBSCRIBER_ALICE } from '../simulators/manychat/state';
import { runWorkflow } from '../test/nodes/harness/runWorkflow';
import { MANYCHAT_CREDENTIAL, singleNodeWorkflow } from '../test/support/workflows';

const NODE = 'ManyChat';
const NOTIFICATIONS = 1000;
/** sendFlow also allows only 100 flows per subscriber per hour, so recipients are spread out. */
const RECIPIENTS = 50;

function workflow(parameters: INodeParameters): IWorkflowBase {
	return singleNodeWorkflow({ id: 'benchManyChat', name: 'ManyChat benchmark', nodeName: NODE, type: 'n8n-nodes-shop-sync.manyChat', parameters, credentials: MANYCHAT_CREDENTIAL });
}

/** Adds recipients in the 24-hour window, cloned from Alice. */
function addRecipients(state: ManyChatState): string[] {
	const alice = state.subscribers[SUBSCRIBER_ALICE];
	return Array.from({ length: RECIPIENTS }, (_, n) => {
		const id = String(2000000000 + n);
		state.subscribers[id] = { ...structuredClone(alice), id, email: `manager${n}@example.com`, phone: null, whatsapp_phone: null };
		return id;
	});
}

export interface ThroughputResult {
	name: string;
	items: number;
	failed: number;
	throttledBySimulator: number;
	seconds: number;
	rate: number;
	limit: number;
	bindingEndpoint: string;
}

async function measure(
	name: string,
	bindingEndpoint: string,
	limit: number,
	parameters: (recipients: string[]) => { parameters: INodeParameters; input?: IDataObject[] },
): Promise<ThroughputResult> {
	const sim = new SimulatorServer<ManyChatState>(manyChatSimulator);
	await sim.start();
	try {
		const recipients = addRecipients(sim.state);
		const plan = parameters(recipients);
		const started = performance.now();
		const result = await runWorkflow(workflow(plan.parameters), {
			credentials: { manyChatApi: { apiKey: SIMULATOR_API_KEY, baseUrl: sim.url } },
			input: plan.input,
			nodeSettings: { [NODE]: { onError: 'continueRegularOutput' } },
		});
		const seconds = (performance.now() - started) / 1000;
		const items = result.output(NODE);
		const failed = items.filter((item) => item.json.status !== 'accepted').length;
		return {
			name,
			items: items.length,
			failed,
			throttledBySimulator: sim.requests.filter((request) => request.outcome === 'throttled').length,
			seconds,
			rate: items.length / seconds,
			limit,
			bindingEndpoint,
		};
	} finally {
		await sim.stop();
	}
}

/** `notifications` per measurement; the full size is 1,000. */
export async function manyChatThroughput(notifications = NOTIFICATIONS): Promise<ThroughputResult[]> {
	const spread = (recipients: string[]) => Array.from({ length: notifications }, (_, n) => recipients[n % recipients.length]);
	return [
		await measure(`Send Flow ×${notifications} (one item each)`, 'POST /fb/sending/sendFlow', 20, (recipients) => ({
			parameters: { resource: 'sending', operation: 'sendFlow', subscriberId: '={{ $json.id }}', flow: { __rl: true, mode: 'id', value: FLOW_ORDER_NOTIFICATION } },
			input: spread(recipients).map((id) => ({ id })),
		})),
		await measure(`Notify Subscribers ×${notifications} (set field + flow)`, 'POST /fb/subscriber/setCustomFieldByName', 10, (recipients) => ({
			parameters: {
				resource: 'sending',
				operation: 'notifySubscribers',
				subscriberIds: spread(recipients).join(','),
				messageField: { __rl: true, mode: 'name', value: 'order_message' },
				message: 'New order #1001: 2 items, €84.90',
				flow: { __rl: true, mode: 'id', value: FLOW_ORDER_NOTIFICATION },
			},
		})),
	];
}
