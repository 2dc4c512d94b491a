import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shopifyGraphql, throwOnUserErrors, type UserError } from '../transport';
import { documents } from '../transport/documents';
import { paginate, type Connection } from '../transport/pagination';
import { topicEnum } from './topics';

interface Subscription {
	id: string;
	topic: string;
	uri: string;
}

/** This shop's webhook subscriptions that deliver to `uri`. */
export async function subscriptionsFor(this: IHookFunctions, uri: string): Promise<Subscription[]> {
	const all = (await paginate.call(
		this,
		documents.webhookSubscriptions,
		{},
		(data) => data.webhookSubscriptions as Connection | undefined,
		{ returnAll: true, limit: 0, pageSize: 100 },
	)) as unknown as Subscription[];
	return all.filter((subscription) => subscription.uri === uri);
}

/** Creates the missing topics' subscriptions and removes ours for topics no longer selected. */
export async function ensureSubscriptions(this: IHookFunctions, uri: string, topics: string[]): Promise<Record<string, string>> {
	const wanted = new Set(topics.map(topicEnum));
	const existing = await subscriptionsFor.call(this, uri);
	const ids: Record<string, string> = {};
	for (const subscription of existing) {
		if (wanted.has(subscription.topic) && ids[subscription.topic] === undefined) ids[subscription.topic] = subscription.id;
		else await deleteSubscription.call(this, subscription.id);
	}
	for (const topic of wanted) {
		if (ids[topic]) continue;
		const data = await shopifyGraphql.call(
			this,
			documents.webhookSubscriptionCreate,
			{ topic, webhookSubscription: { uri, format: 'JSON' } },
			{ idempotent: false },
		);
		const payload = data.webhookSubscriptionCreate as { webhookSubscription: IDataObject | null; userErrors: UserError[] };
		if (payload.userErrors?.length && /protocol|https|address|uri/i.test(payload.userErrors.map((e) => e.message).join(' '))) {
			throw new NodeOperationError(this.getNode(), `Shopify refused the webhook address ${uri}: ${payload.userErrors.map((e) => e.message).join('; ')}`, {
				description: 'Shopify delivers only to public HTTPS addresses. Set n8n\'s WEBHOOK_URL to the public https:// address of this n8n (see the README, "What to expose").',
			});
		}
		throwOnUserErrors(this, 'webhookSubscriptionCreate', payload.userErrors, undefined);
		ids[topic] = String(payload.webhookSubscription?.id);
	}
	return ids;
}

export async function deleteSubscription(this: IHookFunctions, id: string): Promise<void> {
	const data = await shopifyGraphql.call(this, documents.webhookSubscriptionDelete, { id }, { idempotent: true });
	const payload = data.webhookSubscriptionDelete as { userErrors: UserError[] };
	// Already gone (deleted in the admin, or by Shopify after failed deliveries) is what we want.
	const errors = (payload.userErrors ?? []).filter((error) => !/not exist|not found/i.test(error.message));
	throwOnUserErrors(this, 'webhookSubscriptionDelete', errors, undefined);
}
