import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { withKeyLock } from '../../../shared/keyedMutex';
import { type InvitationProblem, verifyInvitation } from '../../helpers/invitation';
import { invitationSecret } from '../../helpers/invitationSecret';

const show = { resource: ['syncApp'], operation: ['redeemInvitation'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Invitation',
		name: 'invitation',
		type: 'string',
		required: true,
		default: '',
		description: 'The invitation from the link the owner opened. After an n8n Form Trigger it is the "invitation" entry of the trigger\'s formQueryParameters.',
		displayOptions: { show },
	},
];

/** What the execution log says; the visitor only sees the workflow's "Invitation not valid" page. */
const PROBLEMS: Record<InvitationProblem | 'otherWorkflow' | 'used', { problem: string; fix: string }> = {
	missing: { problem: 'is missing', fix: 'Open the onboarding form with the link from the invitation (it ends in ?invitation=…).' },
	malformed: { problem: 'is not a Shop Sync invitation', fix: 'Use the whole link from the invitation, unchanged.' },
	signature: { problem: 'has a wrong signature', fix: 'The link was changed, or made with another "Onboarding Invitation Secret". Create a new invitation.' },
	expired: { problem: 'has expired', fix: 'Create a new invitation with the admin invitation form.' },
	otherWorkflow: { problem: 'was made by another workflow', fix: 'An invitation is redeemed in the workflow whose Create Invitation made it. Create it there.' },
	used: { problem: 'was already used', fix: 'An invitation opens one onboarding session. Create a new invitation.' },
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const workflowId = String(this.getWorkflow().id ?? '');
	return await runForEachItem.call(this, async (itemIndex) => {
		const refuse = (reason: keyof typeof PROBLEMS) => parameterError(this.getNode(), 'Invitation', PROBLEMS[reason].problem, PROBLEMS[reason].fix, itemIndex);
		const secret = await invitationSecret.call(this, itemIndex);
		const verdict = verifyInvitation(secret, this.getNodeParameter('invitation', itemIndex, ''), Date.now());
		if (!verdict.valid) throw refuse(verdict.problem);
		const { invitation } = verdict;
		if (invitation.workflowId !== workflowId) throw refuse('otherWorkflow');
		// Single use across n8n processes: n8n's deduplication record lives in its database. The lock
		// keeps this process's redemptions from interleaving in its read-modify-write of that record.
		const { processed } = await withKeyLock(`onboarding-invitation:${workflowId}`, async () =>
			await this.helpers.checkProcessedAndRecord([`invitation:${invitation.nonce}`], 'workflow', { mode: 'entries' }),
		);
		if (processed.length > 0) throw refuse('used');
		return { shopDomain: invitation.shopDomain, ownerEmail: invitation.ownerEmail, expiresAt: new Date(invitation.expiresAt * 1000).toISOString() };
	});
}
