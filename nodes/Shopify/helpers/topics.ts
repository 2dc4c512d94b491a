/** Webhook topics the trigger offers, as Shopify names them in the X-Shopify-Topic header. */
export const WEBHOOK_TOPICS = [
	'app/uninstalled',
	'customers/create',
	'customers/delete',
	'customers/update',
	'draft_orders/create',
	'draft_orders/delete',
	'draft_orders/update',
	'orders/cancelled',
	'orders/create',
	'orders/fulfilled',
	'orders/paid',
	'orders/updated',
	'products/create',
	'products/delete',
	'products/update',
] as const;

/** customers/create → CUSTOMERS_CREATE, the GraphQL WebhookSubscriptionTopic value. */
export function topicEnum(topic: string): string {
	return topic.replace(/\//g, '_').toUpperCase();
}

export function topicFromEnum(value: string): string {
	const known = WEBHOOK_TOPICS.find((topic) => topicEnum(topic) === value);
	return known ?? value.toLowerCase().replace(/_(?=[^_]*$)/, '/');
}
