/**
 * ManyChat's documented per-method limits (requests per second, per page / API key). ManyChat
 * sends no rate-limit headers, so the node throttles itself to stay under them.
 */
export const MANYCHAT_RATE_LIMITS = {
	page: 100,
	sending: 25,
	subscriberRead: 10,
	subscriberWrite: 10,
} as const;

export type ManyChatLimitGroup = keyof typeof MANYCHAT_RATE_LIMITS;
