import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { parseLossless } from '../shared/losslessJson';
import { isRepeatedDelivery } from './helpers/deliveryLog';
import { deleteSubscription, ensureSubscriptions, subscriptionsFor } from './helpers/subscriptions';
import { topicEnum, WEBHOOK_TOPICS } from './helpers/topics';
import { verifyShopifySignature } from './helpers/webhookSignature';
import { normalizeShopDomain } from './transport/accessToken';

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
}

export class ShopifyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shopify Admin Trigger',
		name: 'shopifyTrigger',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["topics"].join(", ")}}',
		description: 'Starts the workflow on Shopify webhooks, with signature check, duplicate filtering and delivery metadata',
		defaults: { name: 'Shopify Admin Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'shopifyAdminApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Topics',
				name: 'topics',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_TOPICS.map((topic) => ({ name: topic, value: topic })),
				default: ['customers/create'],
				description: 'Events to subscribe to. One subscription per topic is created when the workflow is published, and removed when it is unpublished.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Drop Duplicate Deliveries',
						name: 'dropDuplicates',
						type: 'boolean',
						default: true,
						description: 'Whether a delivery whose X-Shopify-Webhook-ID was already accepted in the last 24 hours is answered 200 and ignored. Remembered across n8n restarts.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const uri = this.getNodeWebhookUrl('default') as string;
				const topics = (this.getNodeParameter('topics') as string[]).map(topicEnum);
				const existing = await subscriptionsFor.call(this, uri);
				const have = new Set(existing.map((subscription) => subscription.topic));
				const complete = topics.every((topic) => have.has(topic)) && existing.length === topics.length;
				if (complete) {
					this.getWorkflowStaticData('node').subscriptions = Object.fromEntries(existing.map((s) => [s.topic, s.id]));
				}
				return complete;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const uri = this.getNodeWebhookUrl('default') as string;
				const topics = this.getNodeParameter('topics') as string[];
				this.getWorkflowStaticData('node').subscriptions = await ensureSubscriptions.call(this, uri, topics);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const uri = this.getNodeWebhookUrl('default') as string;
				const staticData = this.getWorkflowStaticData('node');
				const stored = Object.values((staticData.subscriptions as Record<string, string>) ?? {});
				const found = (await subscriptionsFor.call(this, uri)).map((subscription) => subscription.id);
				for (const id of new Set([...stored, ...found])) await deleteSubscription.call(this, id);
				delete staticData.subscriptions;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const refuse = (status: number, error: string): IWebhookResponseData => {
			response.status(status).json({ error });
			return { noWebhookResponse: true };
		};

		const credentials = await this.getCredentials('shopifyAdminApi');
		const secrets = [credentials.webhookSecret || credentials.clientSecret, credentials.previousWebhookSecret]
			.map((secret) => String(secret ?? ''))
			.filter((secret) => secret !== '');
		if (secrets.length === 0) {
			return refuse(500, 'The Shopify credential has no webhook signing secret. Enter the Webhook Signing Secret (or the Client Secret).');
		}
		const headers = request.headers as IDataObject;
		const rawBody = (request as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
		if (!verifyShopifySignature(rawBody, header(headers, 'x-shopify-hmac-sha256'), secrets)) {
			return refuse(401, 'Invalid or missing X-Shopify-Hmac-Sha256 signature');
		}

		const shopDomain = normalizeShopDomain(header(headers, 'x-shopify-shop-domain'));
		const expectedShop = normalizeShopDomain(credentials.shopDomain);
		if (shopDomain !== expectedShop) {
			return refuse(403, `This trigger accepts deliveries for ${expectedShop} only`);
		}

		const topic = header(headers, 'x-shopify-topic') ?? '';
		const topics = this.getNodeParameter('topics') as string[];
		if (!topics.includes(topic)) {
			// A subscription left over from an earlier topic list: acknowledge so Shopify stops retrying.
			response.status(200).json({ ignored: `topic ${topic || '(none)'} is not selected in this trigger` });
			return { noWebhookResponse: true };
		}

		let payload: unknown;
		try {
			// Shopify's sample IDs exceed 2^53: such integers are kept as exact digit strings.
			payload = parseLossless(rawBody.toString('utf8'));
		} catch {
			return refuse(400, 'The body is not JSON');
		}
		if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
			return refuse(400, 'The body is not a JSON object');
		}

		const webhookId = header(headers, 'x-shopify-webhook-id') ?? '';
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (options.dropDuplicates !== false && webhookId !== '') {
			const workflow = this.getWorkflow();
			const scope = `${workflow.id ?? ''}:${this.getNode().name}`;
			if (isRepeatedDelivery(scope, this.getWorkflowStaticData('node'), `${shopDomain}:${webhookId}`)) {
				response.status(200).json({ duplicate: true, webhookId });
				return { noWebhookResponse: true };
			}
		}

		// Answer Shopify now (it allows 5 s), whatever the workflow does next. Answering here, before
		// n8n starts the execution, is also what makes n8n save the delivery log in its database:
		// static data changed by a webhook is saved when the response is sent, and starting an
		// execution first would reset its change marker.
		response.status(200).json({ received: true, webhookId });
		return {
			noWebhookResponse: true,
			workflowData: [
				[
					{
						json: {
							topic,
							shopDomain,
							webhookId,
							eventId: header(headers, 'x-shopify-event-id') ?? null,
							triggeredAt: header(headers, 'x-shopify-triggered-at') ?? null,
							apiVersion: header(headers, 'x-shopify-api-version') ?? null,
							subscriptionName: header(headers, 'x-shopify-name') ?? null,
							payload: payload as IDataObject,
						},
					},
				],
			],
		};
	}
}
