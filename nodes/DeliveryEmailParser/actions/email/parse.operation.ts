import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, parameterError } from '../../../shared/errors';
import { EmailDocument } from '../../helpers/emailDocument';
import { checkSender } from '../../helpers/authenticationResults';
import { emailMeta, emptyDraft, type Extraction, extractOrder, matchingTemplates, toReview } from '../../helpers/extract';
import { InputProblem, type InputFormat, loadEmail } from '../../helpers/loadEmail';
import { templateProblems } from '../../templates/customTemplates';
import { PRESET_TEMPLATES } from '../../templates/presets';
import type { EmailTemplate } from '../../templates/types';

export const description: INodeProperties[] = [
	{
		displayName: 'Input Format',
		name: 'inputFormat',
		type: 'options',
		options: [
			{ name: 'Auto-Detect', value: 'auto', description: 'Gmail (Simplify off), Email Trigger (IMAP), Gmail raw, or a binary .eml' },
			{ name: 'Gmail or IMAP Parsed Email', value: 'parsedEmail', description: 'Gmail with Simplify off, or Email Trigger (IMAP) in Resolved format' },
			{ name: 'HTML in a Field', value: 'html' },
			{ name: 'IMAP Simple', value: 'imapSimple', description: 'Email Trigger (IMAP) in Simple format' },
			{ name: 'Raw Email in a Binary Property', value: 'rawBinary', description: 'An .eml file (message/rfc822)' },
			{ name: 'Raw Email in a Field', value: 'rawField', description: 'A MIME message as text' },
		],
		default: 'auto',
	},
	{
		displayName: 'Binary Property',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		displayOptions: { show: { inputFormat: ['auto', 'rawBinary'] } },
	},
	{
		displayName: 'Field',
		name: 'field',
		type: 'string',
		default: 'html',
		description: 'Name of the field, or a dot path such as body.eml',
		displayOptions: { show: { inputFormat: ['html', 'rawField'] } },
	},
	{
		displayName: 'Delivery Services',
		name: 'presets',
		type: 'multiOptions',
		options: PRESET_TEMPLATES.map((template) => ({ name: template.name, value: template.id })),
		default: ['bystraya', 'swiftparcel'],
		description: 'Built-in email templates to try, in addition to your own',
	},
	{
		displayName: 'Custom Templates (JSON)',
		name: 'customTemplates',
		type: 'json',
		default: '[]',
		description:
			'Your own templates for other services or changed layouts; same shape as the built-in ones (see the README). Tried before the built-in ones.',
	},
	{
		displayName: 'Trusted Authentication Server',
		name: 'trustedAuthservId',
		type: 'string',
		default: 'mx.google.com',
		required: true,
		description:
			'The authserv-ID your mailbox server writes in the Authentication-Results header it adds (Gmail: mx.google.com). Only the topmost header with this ID is believed: headers further down may have been written by the sender. An email becomes an order only if that header shows DKIM or DMARC passing for the template\'s sender domain.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Email Size (KB)',
				name: 'maxEmailKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5120,
				description: 'Larger emails are not parsed; they go to Needs Review',
			},
			{
				displayName: 'Regex Time Limit (Ms)',
				name: 'regexTimeoutMs',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'How long one template regular expression may run on one email (wall-clock time, so keep room for a busy server)',
			},
			{
				displayName: 'Skip Already Processed Orders',
				name: 'deduplicate',
				type: 'boolean',
				default: true,
				description: 'Whether an email seen before (same message ID and order number) goes to Needs Review as a duplicate instead of creating a second order. n8n remembers this across restarts.',
			},
		],
	},
];

function templatesFor(this: IExecuteFunctions): EmailTemplate[] {
	const presetIds = this.getNodeParameter('presets', 0, []) as string[];
	const rawCustom = this.getNodeParameter('customTemplates', 0, '[]');
	let custom: unknown = rawCustom;
	if (typeof rawCustom === 'string') {
		try {
			custom = JSON.parse(rawCustom || '[]');
		} catch (error) {
			custom = new SyntaxError((error as Error).message);
		}
	}
	if (custom instanceof SyntaxError) {
		throw parameterError(this.getNode(), 'Custom Templates (JSON)', `is not valid JSON (${custom.message})`, 'Fix the JSON or reset the field to [].');
	}
	const problems = templateProblems(custom);
	if (problems.length) {
		throw parameterError(this.getNode(), 'Custom Templates (JSON)', problems.join('; '), 'Correct the templates as described; see the README for the template format.');
	}
	return [...(custom as EmailTemplate[]), ...PRESET_TEMPLATES.filter((template) => presetIds.includes(template.id))];
}

const reviewItem = (extraction: Extract<Extraction, { kind: 'review' }>): IDataObject => ({
	reason: extraction.reason,
	service: extraction.service,
	email: extraction.email,
	partial: extraction.partial as unknown as IDataObject,
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const orders: INodeExecutionData[] = [];
	const review: INodeExecutionData[] = [];
	const templates = templatesFor.call(this);
	const authservId = (this.getNodeParameter('trustedAuthservId', 0, 'mx.google.com') as string).trim();
	if (!authservId) {
		throw parameterError(this.getNode(), 'Trusted Authentication Server', 'is empty', 'Enter the authserv-ID your mailbox server writes in Authentication-Results (for Gmail: mx.google.com).');
	}
	const settings = this.getNodeParameter('options', 0, {}) as { maxEmailKb?: number; regexTimeoutMs?: number; deduplicate?: boolean };

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const email = await loadEmail.call(this, items[itemIndex], itemIndex, {
				format: this.getNodeParameter('inputFormat', itemIndex) as InputFormat,
				binaryProperty: this.getNodeParameter('binaryProperty', itemIndex, 'data') as string,
				field: this.getNodeParameter('field', itemIndex, 'html') as string,
				maxBytes: (settings.maxEmailKb ?? 5120) * 1024,
				parseTimeoutMs: 10_000,
			});
			let extraction: Extraction;
			const ingestedAt = new Date().toISOString();
			try {
				const document = new EmailDocument(email.html);
				// The layout decides the template; the trusted Authentication-Results decides whether it
				// really came from that template's service. Prefer a fitting template whose sender is proven.
				const candidates = matchingTemplates(email, document, templates);
				const checks = candidates.map((candidate) => checkSender(email.authentication, authservId, candidate.senderDomain));
				const proven = checks.findIndex((check) => check.authenticated);
				const template = candidates[proven >= 0 ? proven : 0];
				extraction = template
					? extractOrder(email, template, document, { regexTimeoutMs: settings.regexTimeoutMs ?? 1000, ingestedAt })
					: {
							kind: 'review',
							reason: `no template matches this email (from: ${email.from ?? 'unknown'}, subject: ${email.subject ?? 'none'})`,
							service: null,
							email: emailMeta(email),
							partial: emptyDraft(email, ingestedAt),
						};
				const check = checks[proven >= 0 ? proven : 0];
				if (check && !check.authenticated) extraction = toReview(extraction, check.reason);
			} catch (error) {
				// Hostile or broken content (deep nesting, a runaway template regex) is this email's
				// problem: a person reviews it, the workflow goes on.
				extraction = { kind: 'review', reason: `could not read the email: ${(error as Error).message}`, service: null, email: emailMeta(email), partial: emptyDraft(email, ingestedAt) };
			}
			if (extraction.kind === 'review') {
				review.push({ json: reviewItem(extraction), pairedItem });
				continue;
			}
			const { order } = extraction;
			if (settings.deduplicate ?? true) {
				const key = `${order.email.messageId ?? ''}|${order.service}|${order.orderNumber}`;
				const seen = await this.helpers.checkProcessedAndRecord([key], 'node', { mode: 'entries', maxEntries: 100_000 });
				if (seen.processed.length > 0) {
					review.push({
						json: reviewItem({ kind: 'review', reason: `duplicate: order ${order.orderNumber} from this email was already processed`, service: order.service, email: order.email, partial: order }),
						pairedItem,
					});
					continue;
				}
			}
			orders.push({ json: order as unknown as IDataObject, pairedItem });
		} catch (error) {
			// A timeout or an unreadable email is the email's problem, not the workflow's: review it.
			if (error instanceof InputProblem && error.kind === 'email') {
				review.push({ json: { reason: error.message, service: null, email: null, partial: null, fix: error.fix }, pairedItem });
				continue;
			}
			const nodeError =
				error instanceof InputProblem
					? new NodeOperationError(this.getNode(), `Input: ${error.message}`, { itemIndex, description: error.fix })
					: asNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				review.push({ json: { error: nodeError.message, errorDescription: nodeError.description ?? null }, pairedItem });
				continue;
			}
			throw nodeError;
		}
	}
	return [orders, review];
}
