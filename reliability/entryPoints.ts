/**
 * Every way in from outside that the shipped workflows (workflows/*.json) open, read from the files
 * themselves: Form Triggers (`/form/<path>`), Webhook nodes (`/webhook/<path>`), the pages a form
 * execution waits on (`/form-waiting/<execution id>`), our Shopify trigger's webhook, and a mailbox a
 * trigger reads (anyone can send an email). A trigger type this file does not know is listed as
 * "unknown", so a new kind of entry point is noticed instead of skipped. Used by the `anonymous`
 * reliability scenario and by the public-entry-point workflow check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../scripts/lib/paths';

export type EntryKind = 'form' | 'form page' | 'webhook' | 'shopify webhook' | 'mailbox' | 'unknown';

export interface WorkflowNode {
	name: string;
	type: string;
	typeVersion?: number;
	disabled?: boolean;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface WorkflowFile {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main?: Array<Array<{ node: string }> | null> }>;
}

export interface EntryPoint {
	file: string;
	workflowId: string;
	node: WorkflowNode;
	kind: EntryKind;
	/** `/form/<path>`, `/webhook/<path>`, or `/form-waiting/` for form pages; absent for a mailbox. */
	url?: string;
	/** HTTP method a webhook answers. */
	method?: string;
	/** n8n's own authentication on the node ("none" when it has none). */
	authentication: string;
	/** The nodes its first output leads to. */
	next: WorkflowNode[];
}

/** Triggers nobody outside can start: manual, schedule, error, sub-workflow and polling of our own APIs. */
const NOT_PUBLIC = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.errorTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-shop-sync.eManageCrmTrigger',
]);

const MAILBOXES = new Set(['n8n-nodes-base.gmailTrigger', 'n8n-nodes-base.emailReadImap']);

export function readWorkflows(dir = join(ROOT, 'workflows')): Array<{ file: string; workflow: WorkflowFile }> {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowFile }));
}

function kindOf(node: WorkflowNode): EntryKind | undefined {
	if (NOT_PUBLIC.has(node.type)) return undefined;
	if (node.type === 'n8n-nodes-base.formTrigger') return 'form';
	if (node.type === 'n8n-nodes-base.form') return 'form page';
	if (node.type === 'n8n-nodes-base.webhook') return 'webhook';
	if (node.type === 'n8n-nodes-shop-sync.shopifyTrigger') return 'shopify webhook';
	if (MAILBOXES.has(node.type)) return 'mailbox';
	// A Wait node resumed by a webhook or a form is a public URL too.
	if (node.type === 'n8n-nodes-base.wait') return ['webhook', 'form'].includes(String(node.parameters.resume)) ? 'unknown' : undefined;
	if (/trigger$/i.test(node.type)) return 'unknown';
	return undefined;
}

function urlOf(node: WorkflowNode, kind: EntryKind): string | undefined {
	const options = (node.parameters.options ?? {}) as Record<string, unknown>;
	if (kind === 'form') return `/form/${String(options.path ?? node.parameters.path ?? node.webhookId)}`;
	if (kind === 'webhook') return `/webhook/${String(node.parameters.path ?? node.webhookId)}`;
	if (kind === 'shopify webhook') return `/webhook/${String(node.webhookId)}/webhook`;
	if (kind === 'form page') return '/form-waiting/';
	return undefined;
}

/** The public entry points of the given workflows (disabled nodes open nothing). */
export function publicEntryPoints(workflows = readWorkflows()): EntryPoint[] {
	return workflows.flatMap(({ file, workflow }) =>
		workflow.nodes.flatMap((node) => {
			const kind = node.disabled ? undefined : kindOf(node);
			if (!kind) return [];
			const next = (workflow.connections[node.name]?.main?.[0] ?? []).map((link) => workflow.nodes.find((candidate) => candidate.name === link.node)).filter((found): found is WorkflowNode => Boolean(found));
			return [
				{
					file,
					workflowId: workflow.id,
					node,
					kind,
					url: urlOf(node, kind),
					method: kind === 'webhook' ? String(node.parameters.httpMethod ?? 'GET') : undefined,
					authentication: String(node.parameters.authentication ?? 'none'),
					next,
				},
			];
		}),
	);
}

/** n8n's authentication methods → the credential type each one needs. */
export const AUTH_CREDENTIAL: Record<string, string> = { basicAuth: 'httpBasicAuth', headerAuth: 'httpHeaderAuth', jwtAuth: 'jwtAuth' };

/**
 * The node that checks an invitation's signature, expiry and single use before anything else runs
 * (this package's "Redeem Invitation").
 */
export const verifiesInvitation = (node: WorkflowNode | undefined) => Boolean(node && node.type.startsWith('n8n-nodes-shop-sync.') && /^(redeem|verify)Invitation$/.test(String(node.parameters.operation)) && !node.disabled);

/**
 * Whether a Form Trigger or Webhook lets a caller in without proof: no n8n authentication with its
 * credential, and its only next node is not the invitation check.
 */
export function isOpen(entry: EntryPoint): boolean {
	if (entry.kind !== 'form' && entry.kind !== 'webhook') return false;
	const credentialType = AUTH_CREDENTIAL[entry.authentication];
	if (credentialType) return !entry.node.credentials?.[credentialType]?.id;
	return !(entry.next.length === 1 && verifiesInvitation(entry.next[0]));
}
