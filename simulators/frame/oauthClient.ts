import type { SimRequest } from './types';

/**
 * The OAuth 2.0 client of a token request: HTTP Basic (client_secret_basic, form-URL-encoded ID and
 * secret) or the client_id / client_secret form fields (client_secret_post), RFC 6749 §2.3.1.
 */
export function oauthClientOf(req: SimRequest, form: Record<string, string>): { id?: string; secret?: string } {
	const basic = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
	if (basic) {
		const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
	}
	return { id: form.client_id, secret: form.client_secret };
}
