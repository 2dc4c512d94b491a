/**
 * Store-onboarding invitations: a token that names one shop and its owner's e-mail, expires, and is
 * signed with HMAC-SHA256 under the "Onboarding Invitation Secret" of the eManageCRM credential.
 *
 * Token: base64url(JSON payload) "." base64url(HMAC-SHA256(secret, PURPOSE + "." + base64url payload)).
 * The payload holds shop, owner e-mail, expiry (Unix seconds), a random nonce (what "already used"
 * is recorded under) and the workflow that made it (the only one that may redeem it, so one
 * record of use covers it). Pure functions: the operations add the n8n parts.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Domain separation: a signature made for anything else with the same secret is not an invitation. */
const PURPOSE = 'shop-sync-onboarding-invitation.v1';

/** Longest token accepted: the biggest valid payload (255-character shop, 254-character e-mail, a 36-character workflow ID) stays under 900. */
export const MAX_TOKEN_LENGTH = 1024;

export const MIN_SECRET_LENGTH = 32;

export const MAX_SHOP_DOMAIN_LENGTH = 255;

export const MAX_EMAIL_LENGTH = 254;

const NONCE_BYTES = 16;

/** Checked only on strings already capped at MAX_TOKEN_LENGTH. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** Deliberately loose (one @, a dot in the domain, no spaces); run only on capped strings. */
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export interface Invitation {
	shopDomain: string;
	ownerEmail: string;
	/** Unix seconds. */
	expiresAt: number;
	nonce: string;
	/** The n8n workflow that made it (and alone may redeem it). */
	workflowId: string;
}

export type InvitationProblem = 'missing' | 'malformed' | 'signature' | 'expired';

export type Verdict = { valid: true; invitation: Invitation } | { valid: false; problem: InvitationProblem };

const refused = (problem: InvitationProblem): Verdict => ({ valid: false, problem });

export function isShopDomain(value: string): boolean {
	return value.length <= MAX_SHOP_DOMAIN_LENGTH && SHOP_DOMAIN.test(value);
}

export function isEmail(value: string): boolean {
	return value.length <= MAX_EMAIL_LENGTH && EMAIL.test(value);
}

function signature(secret: string, encodedPayload: string): Buffer {
	return createHmac('sha256', secret).update(`${PURPOSE}.${encodedPayload}`).digest();
}

/** A new invitation for the shop and owner, valid until `expiresAt` (Unix seconds). */
export function signInvitation(secret: string, terms: Omit<Invitation, 'nonce'>): { token: string; invitation: Invitation } {
	const invitation: Invitation = { ...terms, nonce: randomBytes(NONCE_BYTES).toString('base64url') };
	const payload = { v: 1, shop: invitation.shopDomain, email: invitation.ownerEmail, exp: invitation.expiresAt, nonce: invitation.nonce, wf: invitation.workflowId };
	const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
	return { token: `${encoded}.${signature(secret, encoded).toString('base64url')}`, invitation };
}

/**
 * The invitation a token carries, if its signature is right and it has not expired at `now`
 * (milliseconds). Whether it was used before is the caller's check (it needs n8n's database).
 */
export function verifyInvitation(secret: string, token: unknown, now: number): Verdict {
	if (typeof token !== 'string' || token.trim() === '') return refused('missing');
	const text = token.trim();
	// Length first: nothing below looks at more than MAX_TOKEN_LENGTH characters.
	if (text.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(text)) return refused('malformed');
	const [encoded, signed] = text.split('.');
	const given = Buffer.from(signed, 'base64url');
	const expected = signature(secret, encoded);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refused('signature');
	// Signed by us, so the payload is ours; its shape is still checked rather than trusted.
	let payload: Record<string, unknown> | null;
	try {
		payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown> | null;
	} catch {
		return refused('malformed');
	}
	const { v, shop, email, exp, nonce, wf } = payload ?? {};
	if (v !== 1 || typeof shop !== 'string' || !isShopDomain(shop) || typeof email !== 'string' || !isEmail(email) || !Number.isSafeInteger(exp) || typeof nonce !== 'string' || nonce.length < 16 || typeof wf !== 'string') {
		return refused('malformed');
	}
	if ((exp as number) * 1000 <= now) return refused('expired');
	return { valid: true, invitation: { shopDomain: shop, ownerEmail: email, expiresAt: exp as number, nonce, workflowId: wf } };
}
