import type { IDataObject } from 'n8n-workflow';

import { buildApiError } from '../../shared/errors';
import { CostBucket, sharedLimiter, type ThrottleStatus } from '../../shared/transport/rateLimiter';
import { type RequestContext, type ServiceDefinition, serviceRequest } from '../../shared/transport/serviceRequest';
import { shopifyBaseUrl } from './accessToken';
import { LATEST_STABLE_API_VERSION } from './apiVersion';

export const shopifyService: ServiceDefinition = {
	name: 'Shopify',
	credentialType: 'shopifyAdminApi',
	credentialDisplayName: 'Shop Sync Shopify Admin API',
	secretFields: ['clientSecret', 'accessToken', 'sessionToken', 'webhookSecret', 'previousWebhookSecret'],
	baseUrl: shopifyBaseUrl,
	renewsTokenOn401: true,
	hint: (statusCode) =>
		({
			401: 'Check the "Shop Sync Shopify Admin API" credential: the token, or the client ID and secret, is wrong or the app was uninstalled.',
			402: 'The store is frozen (unpaid plan). Nothing can be written until the store owner settles the bill.',
			403: 'The app lacks an Admin API scope for this action. Add the scope in the app\'s configuration and install the app again.',
			404: 'Check the Shop Domain and API Version in the credential.',
			423: 'The shop is locked. Ask the store owner to unlock it in the Shopify admin.',
		})[statusCode],
};

interface GraphqlError {
	message?: string;
	extensions?: { code?: string; documentation?: string };
	path?: Array<string | number>;
}

interface CostExtension {
	requestedQueryCost?: number;
	actualQueryCost?: number | null;
	throttleStatus?: ThrottleStatus;
}

interface GraphqlResponse {
	data?: IDataObject | null;
	errors?: GraphqlError[];
	extensions?: { cost?: CostExtension };
}

/** Shopify's standard plan as documented; replaced by the store's real figures after the first response. */
const ASSUMED_BUCKET: ThrottleStatus = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };
const DEFAULT_ESTIMATE = 50;
/** Throttled answers are waited out, never failed; this only stops a server that never restores. */
const MAX_THROTTLED_RETRIES = 30;

/** The last requested cost Shopify reported for each query text, as the next estimate. */
const requestedCostByQuery = new Map<string, number>();

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function bucketFor(context: RequestContext, credentials: IDataObject): CostBucket {
	const ref = context.getNode().credentials?.[shopifyService.credentialType];
	// Shopify meters per app and store: one bucket per credential and shop.
	const key = `shopify:${ref?.id ?? ref?.name ?? 'default'}:${String(credentials.shopDomain)}`;
	return sharedLimiter(key, () => new CostBucket(ASSUMED_BUCKET));
}

export interface GraphqlOptions {
	itemIndex?: number;
	/** Mutations that create something (customerCreate) must not be repeated after an unclear failure. */
	idempotent?: boolean;
}

/**
 * Runs one Admin GraphQL request: waits on the credential's cost bucket, waits out THROTTLED
 * answers using Shopify's own throttleStatus, and turns other GraphQL errors into node errors.
 */
export async function shopifyGraphql(
	this: RequestContext,
	query: string,
	variables: IDataObject = {},
	options: GraphqlOptions = {},
): Promise<IDataObject> {
	const credentials = (await this.getCredentials(shopifyService.credentialType)) as IDataObject;
	const apiVersion = String(credentials.apiVersion || LATEST_STABLE_API_VERSION);
	const bucket = bucketFor(this, credentials);
	const isMutation = /^\s*mutation\b/.test(query);

	for (let throttledRetries = 0; ; throttledRetries++) {
		const estimate = requestedCostByQuery.get(query) ?? DEFAULT_ESTIMATE;
		await bucket.reserve(estimate);
		let response: Awaited<ReturnType<typeof serviceRequest>> | undefined;
		let failure: unknown;
		try {
			response = await serviceRequest.call(this, shopifyService, {
				method: 'POST',
				url: `/admin/api/${apiVersion}/graphql.json`,
				body: { query, variables },
				itemIndex: options.itemIndex,
				idempotent: options.idempotent ?? !isMutation,
			});
		} catch (error) {
			failure = error;
		}
		if (!response) {
			// Keeps the reservation spent (the cost is unknown) and releases it from the pending total.
			bucket.settle(estimate, undefined);
			throw failure;
		}
		const body = (response.body ?? {}) as GraphqlResponse;
		const cost = body.extensions?.cost;
		if (cost?.requestedQueryCost !== undefined) {
			// Raw GraphQL queries are the users' own: keep the estimates bounded.
			if (requestedCostByQuery.size >= 500 && !requestedCostByQuery.has(query)) requestedCostByQuery.clear();
			requestedCostByQuery.set(query, cost.requestedQueryCost);
		}
		bucket.settle(estimate, cost?.actualQueryCost ?? undefined, cost?.throttleStatus);

		const errors = body.errors ?? [];
		const throttled = errors.some((error) => error.extensions?.code === 'THROTTLED');
		if (throttled && throttledRetries < MAX_THROTTLED_RETRIES) {
			// With Shopify's throttleStatus adopted, the next reserve() waits exactly until the
			// bucket holds the requested cost; without it, wait a second.
			if (!cost?.throttleStatus) await sleep(1000);
			continue;
		}
		if (errors.length > 0) throw graphqlError(this, errors, cost, options.itemIndex);
		return body.data ?? {};
	}
}

function graphqlError(context: RequestContext, errors: GraphqlError[], cost: CostExtension | undefined, itemIndex?: number) {
	const codes = new Set(errors.map((error) => error.extensions?.code).filter(Boolean));
	const message = errors.map((error) => error.message ?? 'unknown error').join('; ');
	let fix = 'Check the query and its variables against the Admin API reference for the API version set in the credential.';
	if (codes.has('MAX_COST_EXCEEDED')) {
		fix = `The query asks for more than Shopify allows in one request (cost ${cost?.requestedQueryCost ?? '?'}, limit 1000). Lower "first" or the page size, or ask for fewer nested fields.`;
	} else if (codes.has('ACCESS_DENIED')) {
		fix = 'The app lacks the Admin API scope this needs. Add it in the app\'s configuration and install the app again.';
	} else if (codes.has('THROTTLED')) {
		fix = 'Shopify kept throttling for several minutes. Run the workflow again later, or lower parallel executions on this store.';
	}
	return buildApiError(context.getNode(), {
		service: 'Shopify',
		message,
		fix,
		serviceError: { errors },
		itemIndex,
		secrets: [],
	});
}

export interface UserError {
	field?: string[] | null;
	message: string;
	code?: string | null;
}

/** Mutations report refusals in `userErrors`; each one names the field Shopify objected to. */
export function throwOnUserErrors(
	context: RequestContext,
	mutation: string,
	userErrors: UserError[] | undefined,
	itemIndex: number | undefined,
	hint?: (error: UserError) => string | undefined,
): void {
	if (!userErrors || userErrors.length === 0) return;
	const message = userErrors
		.map((error) => (error.field?.length ? `${error.field.join('.')}: ${error.message}` : error.message))
		.join('; ');
	const fix =
		userErrors.map((error) => hint?.(error)).find(Boolean) ??
		'Correct the fields named in the message and run the node again.';
	throw buildApiError(context.getNode(), {
		service: 'Shopify',
		message: `${mutation} refused: ${message}`,
		fix,
		httpCode: 422,
		serviceError: { userErrors },
		itemIndex,
		secrets: [],
	});
}
