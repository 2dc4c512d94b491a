/**
 * Sync App → Create Invitation / Redeem Invitation: the signed, expiring, single-use onboarding
 * link. Runs through n8n-core's engine; "already used" is recorded with n8n's deduplication helper
 * (the harness keeps its records in memory, per workflow, as n8n keeps them in its database).
 */
import { signInvitation } from '../../../nodes/EManageCrm/helpers/invitation';
import { runWorkflow } from '../harness/runWorkflow';
import { eManageWorkflow, NODE, useEManage } from './setup';

const SECRET = 'invitation-secret-for-node-tests-0123456789abcdef';
const FORM = 'https://n8n.example.test/form/shop-sync-onboarding';
const SHOP = 'glow-store.myshopify.com';
const OWNER = 'owner@glow-store.example';
/** The ID of the single-node test workflow (test/nodes/emanage/setup.ts), which both makes and redeems. */
const WORKFLOW = 'testEManageOps';

describe('eManageCRM Sync App invitations', () => {
	const { sim, credentials } = useEManage();
	const withSecret = (secret: string) => credentials({ invitationSecret: secret });

	const create = async (parameters: Record<string, unknown> = {}, secret = SECRET) =>
		await runWorkflow(eManageWorkflow({ resource: 'syncApp', operation: 'createInvitation', shopDomain: SHOP, ownerEmail: OWNER, formUrl: FORM, ...parameters } as never), { credentials: withSecret(secret) });
	const redeem = async (tokens: unknown[], secret = SECRET, settings: Record<string, unknown> = {}, workflowId?: string) => {
		const workflow = eManageWorkflow({ resource: 'syncApp', operation: 'redeemInvitation', invitation: '={{ $json.invitation }}' }, settings);
		if (workflowId) workflow.id = workflowId;
		return await runWorkflow(workflow, { credentials: withSecret(secret), input: tokens.map((invitation) => ({ invitation }) as never) });
	};
	const tokenOf = (url: unknown) => new URL(String(url)).searchParams.get('invitation')!;
	const newToken = async (parameters: Record<string, unknown> = {}) => {
		const result = await create(parameters);
		expect(result.error(NODE)).toBeUndefined();
		return tokenOf(result.output(NODE)[0].json.url);
	};

	it('creates a link to the form that expires after 72 hours by default, without calling eManageCRM', async () => {
		const before = Date.now();
		const result = await create();
		expect(result.error(NODE)).toBeUndefined();
		const [item] = result.output(NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({ shopDomain: SHOP, ownerEmail: OWNER, expiresAt: expect.any(String), url: expect.stringMatching(/^https:\/\/n8n\.example\.test\/form\/shop-sync-onboarding\?invitation=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/) });
		const expires = new Date(String(item.json.expiresAt)).getTime();
		expect(expires).toBeGreaterThanOrEqual(before + 72 * 3600_000 - 1000);
		expect(expires).toBeLessThanOrEqual(Date.now() + 72 * 3600_000);
		expect(JSON.stringify(item.json)).not.toContain(SECRET);
		expect(sim.server.requests).toHaveLength(0);
	});

	it('redeems a valid invitation once, giving the invited shop and owner', async () => {
		const token = await newToken({ expiresAfterHours: 2 });
		const first = await redeem([token]);
		expect(first.error(NODE)).toBeUndefined();
		expect(first.output(NODE)).toEqual([{ json: { shopDomain: SHOP, ownerEmail: OWNER, expiresAt: expect.any(String) }, pairedItem: { item: 0 } }]);
		const expires = new Date(String(first.output(NODE)[0].json.expiresAt)).getTime();
		expect(Math.abs(expires - (Date.now() + 2 * 3600_000))).toBeLessThan(60_000);
		expect(sim.server.requests).toHaveLength(0);
	});

	it('refuses a replayed invitation, also within one run', async () => {
		const token = await newToken();
		expect((await redeem([token])).error(NODE)).toBeUndefined();
		const again = await redeem([token]);
		expect(again.error(NODE)?.message).toBe('Invitation: was already used');
		expect(again.error(NODE)?.description).toContain('Create a new invitation');

		const fresh = await newToken();
		const twice = await redeem([fresh, fresh], SECRET, { continueOnFail: true });
		expect(twice.output(NODE).map((item) => [item.json.ownerEmail ?? item.json.error, item.pairedItem])).toEqual([
			[OWNER, { item: 0 }],
			['Invitation: was already used', { item: 1 }],
		]);
	});

	it('refuses a tampered invitation: another owner or a changed signature', async () => {
		const token = await newToken();
		const [payload, signature] = token.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
		const otherOwner = Buffer.from(JSON.stringify({ ...claims, email: 'attacker@evil.example' })).toString('base64url');
		const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
		const result = await redeem([`${otherOwner}.${signature}`, `${payload}.${flipped}`], SECRET, { continueOnFail: true });
		expect(result.output(NODE).map((item) => item.json)).toEqual([
			{ error: 'Invitation: has a wrong signature', errorDescription: expect.stringContaining('Create a new invitation') },
			{ error: 'Invitation: has a wrong signature', errorDescription: expect.stringContaining('Create a new invitation') },
		]);
		// The untouched token still works: a forged attempt does not use it up.
		expect((await redeem([token])).output(NODE)[0].json.ownerEmail).toBe(OWNER);
	});

	it('refuses an expired invitation', async () => {
		const { token } = signInvitation(SECRET, { shopDomain: SHOP, ownerEmail: OWNER, expiresAt: Math.floor(Date.now() / 1000) - 1, workflowId: WORKFLOW });
		const result = await redeem([token]);
		expect(result.error(NODE)?.message).toBe('Invitation: has expired');
		expect(result.output(NODE)).toHaveLength(0);
	});

	it('refuses an invitation signed with another secret, and never works without a secret', async () => {
		const token = await newToken();
		expect((await redeem([token], 'another-secret-of-the-right-length-0123456789')).error(NODE)?.message).toBe('Invitation: has a wrong signature');

		const unsigned = signInvitation('', { shopDomain: SHOP, ownerEmail: OWNER, expiresAt: Math.floor(Date.now() / 1000) + 3600, workflowId: WORKFLOW }).token;
		for (const secret of ['', '   ']) {
			const refused = await redeem([unsigned], secret);
			expect(refused.error(NODE)?.message).toBe('Onboarding Invitation Secret: is empty');
			expect(refused.error(NODE)?.description).toContain('"eManageCRM API" credential');
			expect((await create({}, secret)).error(NODE)?.message).toBe('Onboarding Invitation Secret: is empty');
		}
		expect((await create({}, 'short-secret')).error(NODE)?.message).toBe('Onboarding Invitation Secret: is shorter than 32 characters');
		// The token made with the right secret is still unused.
		expect((await redeem([token])).output(NODE)[0].json.shopDomain).toBe(SHOP);
	});

	it('refuses missing, malformed and oversized invitations quickly, one error item each with Continue On Fail', async () => {
		const huge = 'A'.repeat(1_000_000);
		const started = Date.now();
		const result = await redeem(['', huge, `${huge}.${'B'.repeat(43)}`, 'not a token', ['array'], 'e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'], SECRET, { continueOnFail: true });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(result.output(NODE).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invitation: is missing', { item: 0 }],
			['Invitation: is not a Shop Sync invitation', { item: 1 }],
			['Invitation: is not a Shop Sync invitation', { item: 2 }],
			['Invitation: is not a Shop Sync invitation', { item: 3 }],
			['Invitation: is missing', { item: 4 }],
			['Invitation: has a wrong signature', { item: 5 }],
		]);
	});

	it('is redeemed only in the workflow that made it', async () => {
		const token = await newToken();
		expect((await redeem([token], SECRET, {}, 'anotherWorkflow')).error(NODE)?.message).toBe('Invitation: was made by another workflow');
		// Refused there without using it up here.
		expect((await redeem([token])).output(NODE)[0].json.ownerEmail).toBe(OWNER);
	});

	it('names the field and the fix for a wrong shop, e-mail, form URL or expiry', async () => {
		expect((await create({ shopDomain: 'glow-store.com' })).error(NODE)?.message).toBe('Shop Domain: "glow-store.com" is not a myshopify.com domain');
		expect((await create({ ownerEmail: 'owner at glow' })).error(NODE)?.message).toBe('Owner Email: "owner at glow" is not an e-mail address');
		expect((await create({ ownerEmail: `${'a'.repeat(300)}@glow.example` })).error(NODE)?.message).toMatch(/^Owner Email: ".{80}" is not an e-mail address$/);
		expect((await create({ formUrl: 'not a url' })).error(NODE)?.message).toBe('Onboarding Form URL: "not a url" is not a URL');
		expect((await create({ formUrl: 'javascript:alert(1)' })).error(NODE)?.message).toBe('Onboarding Form URL: "javascript:alert(1)" is not a web address');
		expect((await create({ expiresAfterHours: 0 })).error(NODE)?.message).toBe('Expires After (Hours): 0 is out of range');
	});
});
