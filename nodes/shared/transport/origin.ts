/**
 * A credential's secret goes only to the address the user typed into the credential. Addresses a
 * server names (continuation links, pagination URLs) are followed only on that same origin.
 */

/** The origin (scheme, host, port) of an http(s) URL; undefined for anything else. */
export function httpOrigin(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
	} catch {
		return undefined;
	}
}

/** Whether `url` is on the same origin as the credential's `base` URL (both http(s)). */
export function isOnOrigin(url: string, base: string): boolean {
	const origin = httpOrigin(url);
	return origin !== undefined && origin === httpOrigin(base);
}
