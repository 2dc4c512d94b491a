import { ApiVersion } from '@shopify/shopify-api';

/**
 * Stable Admin API versions, newest first, from Shopify's own library: upgrading
 * @shopify/shopify-api is how a new quarterly version becomes selectable.
 */
export const STABLE_API_VERSIONS: string[] = Object.values(ApiVersion)
	.filter((version) => /^\d{4}-\d{2}$/.test(version))
	.sort()
	.reverse();

export const LATEST_STABLE_API_VERSION = STABLE_API_VERSIONS[0];
