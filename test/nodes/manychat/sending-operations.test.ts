import {
	FLOW_ORDER_NOTIFICATION,
	SUBSCRIBER_ALICE,
	SUBSCRIBER_BOB,
	SUBSCRIBER_CAROL,
	SUBSCRIBER_DAN,
} from '../../../simulators/manychat/state';
import { runWorkflow } from '../harness/runWorkflow';
import { manyChatWorkflow, NODE, useManyChat } from './setup';

const flow = { __rl: true, mode: 'list', value: FLOW_ORDER_NOTIFICATION };
const orderMessage = { __rl: true, mode: 'name', value: 'order_message' };

describe('ManyChat node › Sending', () => {
	const { sim, credentials } = useManyChat();
	const run = async (parameters: Record<string, unknown>, onError?: 'continueRegularOutput') =>
		await runWorkflow(manyChatWorkflow({ resource: 'sending', ...parameters } as never), {
			credentials: credentials(),
			...(onError ? { nodeSettings: { [NODE]: { onError } } } : {}),
		});
	const deliveries = () => sim.server.state.deliveries;

	const textWithLink = {
		message: [
			{
				type: 'text',
				text: 'Your order is ready to complete',
				buttons: { button: [{ type: 'url', caption: 'Complete order', url: 'https://shop.example.com/invoices/abc' }] },
			},
		],
	};

	it('Send Content delivers builder content (text with a link button) inside the 24-hour window', async () => {
		const result = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_ALICE, channel: 'messenger', contentSource: 'builder', messages: textWithLink });

		expect(result.output(NODE)[0].json).toMatchObject({ subscriber_id: SUBSCRIBER_ALICE, status: 'accepted' });
		expect(deliveries()).toHaveLength(1);
		expect(deliveries()[0]).toMatchObject({
			subscriber_id: SUBSCRIBER_ALICE,
			kind: 'content',
			content: {
				messages: [
					{ type: 'text', text: 'Your order is ready to complete', buttons: [{ type: 'url', caption: 'Complete order', url: 'https://shop.example.com/invoices/abc' }] },
				],
			},
		});
	});

	it('Send Content explains the 24-hour window (code 3011) and points to flows', async () => {
		const result = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_CAROL, channel: 'messenger', contentSource: 'builder', messages: textWithLink });

		const error = result.error(NODE);
		expect(error?.message).toMatch(/^ManyChat: HTTP 400: Content can't be sent .* \(code 3011\)$/);
		expect(error?.description).toContain("Meta's 24-hour window");
		expect(error?.description).toContain('Send a flow instead');
		expect(deliveries()).toHaveLength(0);
	});

	it('Send Content takes raw JSON, adds the channel, and checks limits before sending', async () => {
		const cards = JSON.stringify({
			messages: [{ type: 'cards', elements: [{ title: 'Blue mug', subtitle: '€12', buttons: [{ type: 'url', caption: 'Buy', url: 'https://shop.example.com/p/1' }] }] }],
		});
		const sent = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_ALICE, channel: 'messenger', contentSource: 'json', contentJson: cards });
		expect(sent.run.status).toBe('success');
		expect(deliveries()[0].content).toMatchObject({ messages: [{ type: 'cards' }] });

		// Bob has no Instagram contact: the channel goes into content.type, and ManyChat's 304X comes back explained.
		const instagram = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_BOB, channel: 'instagram', contentSource: 'json', contentJson: cards });
		expect(sim.server.requests.at(-1)?.body).toMatchObject({ data: { content: { type: 'instagram' } } });
		expect(instagram.error(NODE)?.message).toContain('(code 3041)');
		expect(instagram.error(NODE)?.description).toContain('Choose the channel they use');

		const tooMany = JSON.stringify({ messages: Array.from({ length: 11 }, (_, n) => ({ type: 'text', text: `line ${n}` })) });
		const refused = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_ALICE, channel: 'messenger', contentSource: 'json', contentJson: tooMany });
		expect(refused.error(NODE)?.message).toBe('Messages: 11 messages; ManyChat allows at most 10 per send');

		const quickOnWhatsApp = JSON.stringify({ messages: [{ type: 'text', text: 'Hi' }], quick_replies: [{ type: 'flow', caption: 'Menu', target: FLOW_ORDER_NOTIFICATION }] });
		const channelRule = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_ALICE, channel: 'whatsapp', contentSource: 'json', contentJson: quickOnWhatsApp });
		expect(channelRule.error(NODE)?.message).toBe('Quick Replies: are not supported on WhatsApp');

		const fourButtons = { message: [{ type: 'text', text: 'Pick', buttons: { button: [1, 2, 3, 4].map((n) => ({ type: 'url', caption: `B${n}`, url: 'https://x.example' })) } }] };
		const buttons = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_ALICE, channel: 'messenger', contentSource: 'builder', messages: fourButtons });
		expect(buttons.error(NODE)?.message).toBe('Messages › message 1: 4 buttons; ManyChat allows at most 3 here');

		expect(sim.server.requests).toHaveLength(2); // only the two valid sends went out
	});

	it('Send Content is never repeated automatically, even after a 503', async () => {
		sim.server.setFaults({ failNext: [{ status: 503 }] });
		const result = await run({ operation: 'sendContent', subscriberId: SUBSCRIBER_ALICE, channel: 'messenger', contentSource: 'builder', messages: textWithLink });

		expect(result.error(NODE)?.description).toContain('not repeated automatically because it might already have been delivered');
		expect(sim.server.requests).toHaveLength(1);
	});

	it('Send Flow reaches a subscriber outside the 24-hour window, and a big subscriber ID', async () => {
		await run({ operation: 'sendFlow', subscriberId: SUBSCRIBER_CAROL, flow });
		await run({ operation: 'sendFlow', subscriberId: SUBSCRIBER_BOB, flow: { __rl: true, mode: 'id', value: FLOW_ORDER_NOTIFICATION } });

		expect(deliveries().map((delivery) => [delivery.subscriber_id, delivery.kind, delivery.flow_ns])).toEqual([
			[SUBSCRIBER_CAROL, 'flow', FLOW_ORDER_NOTIFICATION],
			[SUBSCRIBER_BOB, 'flow', FLOW_ORDER_NOTIFICATION],
		]);
	});

	it('Send Flow reports a blocked subscriber (HTTP 200 with status error) and does not retry', async () => {
		const result = await run({ operation: 'sendFlow', subscriberId: SUBSCRIBER_DAN, flow });

		expect(result.error(NODE)?.message).toBe('ManyChat: Subscriber has blocked the page');
		expect(result.error(NODE)?.description).toContain('Remove them from the recipients');
		expect(sim.server.requests).toHaveLength(1);
	});

	it('Notify Subscribers sets the message field then starts the flow, one result per recipient', async () => {
		const message = 'New order #1001 from Zoe: 2 items, €84.90';
		const result = await run({
			operation: 'notifySubscribers',
			subscriberIds: `${SUBSCRIBER_ALICE}, ${SUBSCRIBER_BOB}\n${SUBSCRIBER_CAROL}`,
			messageField: orderMessage,
			message,
			flow,
		});

		expect(result.output(NODE).map((item) => [item.json.subscriber_id, item.json.status, item.pairedItem])).toEqual([
			[SUBSCRIBER_ALICE, 'accepted', { item: 0 }],
			[SUBSCRIBER_BOB, 'accepted', { item: 0 }],
			[SUBSCRIBER_CAROL, 'accepted', { item: 0 }],
		]);
		// Each flow ran with the message already in that recipient's own field.
		expect(deliveries().map((delivery) => [delivery.subscriber_id, delivery.custom_fields.order_message])).toEqual([
			[SUBSCRIBER_ALICE, message],
			[SUBSCRIBER_BOB, message],
			[SUBSCRIBER_CAROL, message],
		]);
	});

	it('Notify Subscribers names failed and already-notified recipients; with Continue On Fail it reports each', async () => {
		const parameters = { operation: 'notifySubscribers', subscriberIds: `${SUBSCRIBER_ALICE},${SUBSCRIBER_DAN}`, messageField: orderMessage, message: 'Hi', flow };

		const stopped = await run(parameters);
		expect(stopped.error(NODE)?.message).toBe(`ManyChat: 1 of 2 notifications failed (${SUBSCRIBER_DAN}: ManyChat: Subscriber has blocked the page)`);
		expect(stopped.error(NODE)?.description).toContain(`Already sent to: ${SUBSCRIBER_ALICE}.`);

		const reported = await run(parameters, 'continueRegularOutput');
		expect(reported.output(NODE).map((item) => [item.json.subscriber_id, item.json.status])).toEqual([
			[SUBSCRIBER_ALICE, 'accepted'],
			[SUBSCRIBER_DAN, 'failed'],
		]);
	});
});

describe('ManyChat node › Dynamic Block', () => {
	it('builds a v2 response for an External Request without calling ManyChat or needing a credential', async () => {
		const result = await runWorkflow(
			manyChatWorkflow(
				{
					resource: 'dynamicBlock',
					operation: 'buildResponse',
					channel: 'messenger',
					contentSource: 'builder',
					messages: {
						message: [
							{
								type: 'cards',
								imageAspectRatio: 'square',
								cards: { card: [{ title: 'Blue mug', subtitle: '€12', imageUrl: 'https://cdn.example.com/mug.jpg', buttons: { button: [{ type: 'url', caption: 'Buy', url: 'https://shop.example.com/p/1' }] } }] },
							},
						],
					},
					quickReplies: { reply: [{ caption: 'More products', flowNs: 'content20260101000000_000002' }] },
				},
				{ credentials: false },
			),
		);

		expect(result.output(NODE)[0].json).toEqual({
			version: 'v2',
			content: {
				messages: [
					{
						type: 'cards',
						image_aspect_ratio: 'square',
						elements: [
							{ title: 'Blue mug', subtitle: '€12', image_url: 'https://cdn.example.com/mug.jpg', buttons: [{ type: 'url', caption: 'Buy', url: 'https://shop.example.com/p/1' }] },
						],
					},
				],
				actions: [],
				quick_replies: [{ type: 'flow', caption: 'More products', target: 'content20260101000000_000002' }],
			},
		});
	});
});
