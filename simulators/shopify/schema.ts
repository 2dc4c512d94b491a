import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

import { isExpiredApiVersion, STABLE_API_VERSIONS } from '../../nodes/Shopify/transport/apiVersion';
import { ensureAdminSchemas, readAdminIntrospection } from '../../scripts/lib/shopifyAdminSchema';

/**
 * The simulator's schema is Shopify's published Admin API schema of the version in the request
 * URL (fetched by scripts/lib/shopifyAdminSchema.ts), not a hand-written copy: a document the
 * simulator accepts is one Shopify accepts. Built once per version, on first use.
 */
const schemas = new Map<string, Promise<GraphQLSchema>>();

/**
 * The version Shopify serves for a requested one: a supported version as is; an expired one falls
 * forward to the oldest supported version (https://shopify.dev/docs/api/usage/versioning);
 * anything else (unknown, or a version this simulator has no schema for) undefined, a 404.
 */
export function servedApiVersion(requested: string, now: Date = new Date()): string | undefined {
	if (STABLE_API_VERSIONS.includes(requested)) return requested;
	if (isExpiredApiVersion(requested, now)) return STABLE_API_VERSIONS.at(-1);
	return undefined;
}

export async function adminSchema(version: string): Promise<GraphQLSchema> {
	let schema = schemas.get(version);
	if (!schema) {
		schema = (async () => {
			await ensureAdminSchemas();
			return buildClientSchema(readAdminIntrospection(version) as IntrospectionQuery);
		})();
		// A failed fetch is not cached: the next request tries again.
		schema.catch(() => schemas.delete(version));
		schemas.set(version, schema);
	}
	return await schema;
}
