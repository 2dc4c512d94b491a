/**
 * The bad invitations an anonymous visitor can bring to the onboarding form: none, garbage, a
 * token of the right shape with a made-up signature, a real one with its shop changed, one signed
 * with another secret or for another workflow, an expired one, and one already used. The real
 * invitation comes from the admin invitation form (as an admin makes it) and is used once first,
 * which leaves that onboarding execution waiting on its next page.
 */
import { randomBytes } from 'node:crypto';

import { signInvitation } from '../nodes/EManageCrm/helpers/invitation';
import type { ReliabilityEnvironment } from './environment';
import { verifiesInvitation, type EntryPoint } from './entryPoints';
import { basicAuth, follow, formFields, multipart, plausibleValue, request } from './formVisitor';

export interface InvitationCase {
	kind: string;
	/** Undefined: the link has no invitation at all. */
	token?: string;
}

export interface InvitationSetup {
	attacks: InvitationCase[];
	/** The onboarding execution the used invitation opened, waiting on its next page. */
	waitingUrl?: URL;
}

const SHOP = 'shop-sync-a.myshopify.com';
const TOKEN = /invitation=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43})/;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Makes an invitation with the admin form (Basic Auth) and reads the link off its last page. */
async function inviteAsAdmin(env: ReliabilityEnvironment, adminForm: EntryPoint): Promise<string | undefined> {
	const credential = env.credentials.find((candidate) => candidate.id === adminForm.node.credentials?.httpBasicAuth?.id);
	if (!credential) return undefined;
	const fields = formFields(adminForm.node);
	const started = performance.now();
	const posted = await request(`${env.n8n.baseUrl}${adminForm.url}`, {
		method: 'POST',
		body: multipart(fields, new Map(fields.map((field) => [field.index, plausibleValue(field)]))),
		headers: { authorization: basicAuth(String(credential.data.user), String(credential.data.password)) },
	});
	const outcome = await follow(posted, started);
	return TOKEN.exec(outcome.html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'))?.[1];
}

export async function invitationCases(env: ReliabilityEnvironment, entries: EntryPoint[], onboardingForm: EntryPoint | undefined, notes: string[]): Promise<InvitationSetup> {
	const garbage: InvitationCase[] = [
		{ kind: 'no invitation' },
		{ kind: 'empty invitation', token: '' },
		{ kind: 'garbage invitation', token: randomBytes(48).toString('hex') },
		{ kind: 'forged invitation (right shape, made-up signature)', token: `${b64({ v: 1, shop: SHOP, email: 'mallory@evil.example', exp: Math.floor(Date.now() / 1000) + 86_400, nonce: randomBytes(16).toString('base64url'), wf: onboardingForm?.workflowId })}.${randomBytes(32).toString('base64url')}` },
	];
	if (!onboardingForm) return { attacks: garbage };
	const workflowId = onboardingForm.workflowId;
	const emanage = env.credentials.find((credential) => credential.type === 'eManageCrmApi');
	const secret = String(emanage?.data.invitationSecret ?? '');
	const terms = { shopDomain: SHOP, ownerEmail: 'owner@shop-sync-a.example', workflowId };
	const attacks = [
		...garbage,
		{ kind: 'signed with another secret', token: signInvitation(randomBytes(32).toString('hex'), { ...terms, expiresAt: Math.floor(Date.now() / 1000) + 3600 }).token },
		{ kind: 'expired invitation (signed, a minute past)', token: signInvitation(secret, { ...terms, expiresAt: Math.floor(Date.now() / 1000) - 60 }).token },
		{ kind: 'invitation made for another workflow', token: signInvitation(secret, { ...terms, workflowId: 'shopSyncOrderForm', expiresAt: Math.floor(Date.now() / 1000) + 3600 }).token },
	];

	// A real invitation, as the admin makes it (the admin form: a Basic Auth form in the same workflow).
	const adminForm = entries.find((entry) => entry.kind === 'form' && entry.workflowId === workflowId && entry.authentication === 'basicAuth');
	const made = adminForm ? await inviteAsAdmin(env, adminForm) : undefined;
	if (!made) notes.push("no invitation could be read off the admin invitation form's last page; the used invitation was signed here with the credential's secret instead");
	const valid = made ?? signInvitation(secret, { ...terms, expiresAt: Math.floor(Date.now() / 1000) + 3600 }).token;
	const [encoded, signature] = valid.split('.');
	const payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
	attacks.push({ kind: 'tampered invitation (another shop, original signature)', token: `${b64({ ...payload, shop: 'shop-sync-b.myshopify.com' })}.${signature}` });
	attacks.push({ kind: 'tampered invitation (later expiry, original signature)', token: `${b64({ ...payload, exp: Number(payload.exp) + 86_400 * 365 })}.${signature}` });

	// Used once by its owner: the first page is accepted and the next one waits.
	const fields = formFields(onboardingForm.node);
	const url = new URL(`${env.n8n.baseUrl}${onboardingForm.url}`);
	url.searchParams.set('invitation', valid);
	const started = performance.now();
	const first = await request(url.toString(), { method: 'POST', body: multipart(fields, new Map(fields.map((field): [number, string | string[]] => [field.index, field.type === 'hiddenField' ? valid : plausibleValue(field)]))) });
	const opened = await follow(first, started, { end: false });
	if (opened.status !== 'form-waiting' || opened.html.includes('Invitation not valid')) {
		notes.push(`the owner's own first use of a fresh invitation did not open the next page (${opened.status}); the replay below is then not a replay of a used one`);
	}
	attacks.push({ kind: 'already used invitation (replayed)', token: valid });
	if (!verifiesInvitation(onboardingForm.next[0])) notes.push('the onboarding form is not followed by the invitation check');
	return { attacks, waitingUrl: opened.status === 'form-waiting' ? first.waitingUrl : undefined };
}
