import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, parameterError } from '../../../shared/errors';
import { withHostLock } from '../../../shared/hostLock';
import { withKeyLock } from '../../../shared/keyedMutex';
import { setSubscriberFields } from '../../helpers/customFields';
import { idOrName } from '../../helpers/locators';
import { subscriberIdList, subscriberIdParameter } from '../../helpers/parameters';
import { manyChatApiRequest } from '../../transport';
import { customFieldLocator, flowLocator } from '../common.descriptions';
import { flowNs } from './sendFlow.operation';

const show = { resource: ['sending'], operation: ['notifySubscribers'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'For each subscriber: writes the message into a custom field, then starts a flow that shows that field. ManyChat delivers flows outside the 24-hour window, so this reaches managers at any time. Use a custom (per-subscriber) field, never a bot field.',
		name: 'notifyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Subscriber IDs',
		name: 'subscriberIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1000000001, 1000000002',
		description: 'IDs separated by commas, spaces or new lines, or an expression giving a list',
		displayOptions: { show },
	},
	{ ...customFieldLocator(show, 'messageField'), displayName: 'Message Field', description: 'Text custom field the flow displays' },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'New order #1001 from Alice: 2 items, €84.90',
		displayOptions: { show },
	},
	flowLocator(show),
];

interface Outcome extends IDataObject {
	subscriber_id: string;
	status: 'accepted' | 'failed';
}

/** One result item per recipient; one recipient's failure does not stop the others. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcomes: Outcome[] = [];
		try {
			const recipients = subscriberIdList(this.getNodeParameter('subscriberIds', itemIndex));
			if (recipients.length === 0) {
				throw parameterError(this.getNode(), 'Subscriber IDs', 'no subscriber given', 'Enter at least one subscriber ID.', itemIndex);
			}
			const ids = recipients.map((id) => subscriberIdParameter.call(this, id, itemIndex, 'Subscriber IDs'));
			const field = idOrName.call(this, this.getNodeParameter('messageField', itemIndex) as INodeParameterResourceLocator, 'Message Field', itemIndex);
			const message = String(this.getNodeParameter('message', itemIndex));
			if (message.trim() === '') throw parameterError(this.getNode(), 'Message', 'is empty', 'Enter the text managers should read.', itemIndex);
			const ns = flowNs.call(this, itemIndex);

			for (const id of ids) {
				try {
					// Set the field right before each send: the flow reads it at send time. Per subscriber,
					// one notification at a time in this n8n process (key lock) and across the processes
					// of a queue-mode installation (host lock), so another execution's message cannot
					// land in the field between the two calls.
					const lockKey = `manychat-notify-${id.digits}`;
					await withKeyLock(lockKey, async () => {
						await withHostLock(lockKey, async () => {
							await setSubscriberFields.call(this, id, [{ field, value: message }], itemIndex);
							await manyChatApiRequest.call(this, 'POST', '/fb/sending/sendFlow', {
								body: { subscriber_id: id, flow_ns: ns },
								itemIndex,
								limitGroup: 'sendFlow',
								idempotent: false,
							});
						});
					});
					outcomes.push({ subscriber_id: id.digits, flow_ns: ns, status: 'accepted' });
				} catch (error) {
					outcomes.push({
						subscriber_id: id.digits,
						flow_ns: ns,
						status: 'failed',
						error: (error as Error).message,
						errorDescription: (error as { description?: string }).description ?? null,
					});
				}
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			continue;
		}

		const failed = outcomes.filter((outcome) => outcome.status === 'failed');
		if (failed.length > 0 && !this.continueOnFail()) {
			const sent = outcomes.filter((outcome) => outcome.status === 'accepted').map((outcome) => outcome.subscriber_id);
			throw new NodeOperationError(
				this.getNode(),
				`ManyChat: ${failed.length} of ${outcomes.length} notifications failed (${failed.map((outcome) => `${outcome.subscriber_id}: ${String(outcome.error)}`).join('; ')})`,
				{
					itemIndex,
					description: `Already sent to: ${sent.join(', ') || 'nobody'}. Fix the failed recipients and send to them only, or turn on "Continue On Fail" to get one result per recipient.`,
				},
			);
		}
		for (const outcome of outcomes) output.push({ json: outcome, pairedItem: { item: itemIndex } });
	}
	return output;
}
