/**
 * A value for Shopify's search syntax, quoted so spaces, colons and quotes in it cannot change the
 * query (a name like O'Brien, or input meant to widen the search).
 */
export function searchValue(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
