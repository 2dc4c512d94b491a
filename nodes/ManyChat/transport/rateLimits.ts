/**
 * ManyChat's documented limits (requests per second, per page / API key), which apply to each
 * endpoint separately; endpoints with the same number are grouped here. Where the OpenAPI
 * description and the help centre disagree, the lower number is used. ManyChat sends no rate-limit
 * headers, so the node throttles itself to stay under them.
 */
export const MANYCHAT_RATE_LIMITS = {
	pageRead: 100,
	pageFlows: 10,
	pageWrite: 10,
	sendContent: 25,
	sendFlow: 20,
	subscriberRead: 10,
	subscriberBySystemField: 50,
	subscriberWrite: 10,
} as const;

export type ManyChatLimitGroup = keyof typeof MANYCHAT_RATE_LIMITS;
