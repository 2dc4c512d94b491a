import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify signs each delivery with HMAC-SHA256 over the raw body, base64-encoded in
 * X-Shopify-Hmac-Sha256. Compared in constant time; during a secret rotation either secret passes.
 */
export function verifyShopifySignature(rawBody: Buffer, header: unknown, secrets: readonly string[]): boolean {
	if (typeof header !== 'string' || header.trim() === '') return false;
	let received: Buffer;
	try {
		received = Buffer.from(header.trim(), 'base64');
	} catch {
		return false;
	}
	// A SHA-256 digest is 32 bytes; anything else cannot match and must not reach timingSafeEqual.
	if (received.length !== 32) return false;
	let valid = false;
	for (const secret of secrets) {
		if (!secret) continue;
		const expected = createHmac('sha256', secret).update(rawBody).digest();
		// No early exit: every configured secret is checked, so timing does not tell which matched.
		if (timingSafeEqual(expected, received)) valid = true;
	}
	return valid;
}

export function signShopifyBody(rawBody: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(rawBody).digest('base64');
}
