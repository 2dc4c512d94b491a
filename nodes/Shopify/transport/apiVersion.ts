import { ApiVersion } from '@shopify/shopify-api';

/**
 * Admin API versions. The candidates come from Shopify's own library (upgrading
 * @shopify/shopify-api is how a new quarterly version becomes selectable); Shopify supports each
 * stable version for 12 months from its release on the first day of its month
 * (https://shopify.dev/docs/api/usage/versioning), so expired ones are not offered.
 */
const DATED_VERSIONS: string[] = Object.values(ApiVersion)
	.filter((version) => /^\d{4}-\d{2}$/.test(version))
	.sort()
	.reverse();

function releasedAt(version: string): Date {
	const [year, month] = version.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, 1));
}

/** The first day Shopify no longer serves the version (it then falls forward to the oldest supported one). */
export function supportEndsAt(version: string): Date {
	const [year, month] = version.split('-').map(Number);
	return new Date(Date.UTC(year + 1, month - 1, 1));
}

/** Released and not yet expired, newest first. */
export function supportedApiVersions(now: Date = new Date()): string[] {
	return DATED_VERSIONS.filter((version) => releasedAt(version) <= now && supportEndsAt(version) > now);
}

/** A quarterly version whose 12 months of support are over. */
export function isExpiredApiVersion(version: string, now: Date = new Date()): boolean {
	return /^\d{4}-(01|04|07|10)$/.test(version) && supportEndsAt(version) <= now;
}

/** Every dated version this library knows that has expired, for the credential's warning. */
export function expiredApiVersions(now: Date = new Date()): string[] {
	return DATED_VERSIONS.filter((version) => isExpiredApiVersion(version, now));
}

export const STABLE_API_VERSIONS: string[] = supportedApiVersions();

export const LATEST_STABLE_API_VERSION = STABLE_API_VERSIONS[0];

/** The warning for a credential saved with a version Shopify no longer serves, or undefined. */
export function expiredApiVersionWarning(version: string, now: Date = new Date()): string | undefined {
	if (!isExpiredApiVersion(version, now)) return undefined;
	const end = supportEndsAt(version).toISOString().slice(0, 10);
	const oldest = supportedApiVersions(now).at(-1);
	return `API version ${version} in the Shopify credential is no longer supported by Shopify (support ended ${end}); Shopify answers with the oldest supported version${oldest ? ` (${oldest})` : ''} instead. Open the credential and choose ${LATEST_STABLE_API_VERSION}, the newest.`;
}
