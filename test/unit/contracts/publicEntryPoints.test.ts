/**
 * Nothing public without authentication (issue 22), checked on the files in workflows/ without
 * n8n: every Form Trigger and Webhook node has n8n's own authentication with its credential, or
 * leads straight (and only) to the node that verifies a signed invitation; every Shopify trigger
 * is this package's (which refuses a delivery without a valid HMAC); and no trigger of a kind the
 * `anonymous` reliability scenario has no attack for.
 */
import { isOpen, publicEntryPoints, readWorkflows, type EntryPoint } from '../../../reliability/entryPoints';

const entries = publicEntryPoints();
const describeEntry = (entry: EntryPoint) => `${entry.file}: "${entry.node.name}" (${entry.node.type})`;

describe('public entry points of the shipped workflows', () => {
	it('are found: forms, webhooks, form pages, Shopify webhooks and the mailbox', () => {
		expect(new Set(entries.map((entry) => entry.kind))).toEqual(new Set(['form', 'form page', 'webhook', 'shopify webhook', 'mailbox']));
	});

	it('each Form Trigger and Webhook authenticates its caller with n8n, or leads only to the invitation check', () => {
		const open = entries.filter(isOpen).map(describeEntry);
		expect(open).toEqual([]);
	});

	it('each Shopify trigger is this package\'s, which verifies the HMAC with its store credential', () => {
		const shopifyTriggers = readWorkflows().flatMap(({ file, workflow }) => workflow.nodes.filter((node) => /shopify/i.test(node.type) && /trigger/i.test(node.type)).map((node) => ({ file, node })));
		expect(shopifyTriggers.length).toBeGreaterThan(0);
		for (const { file, node } of shopifyTriggers) {
			expect({ file, node: node.name, type: node.type, credential: Boolean(node.credentials?.shopifyAdminApi?.id) }).toEqual({ file, node: node.name, type: 'n8n-nodes-shop-sync.shopifyTrigger', credential: true });
		}
	});

	it('include no trigger of an unknown kind (the anonymous scenario would have no attack for it)', () => {
		expect(entries.filter((entry) => entry.kind === 'unknown').map(describeEntry)).toEqual([]);
	});
});
