/**
 * An n8n form driven over HTTP as its page script drives it in a browser: POST the fields as
 * multipart (`field-<index>`, checkboxes as a JSON array) to the form URL, follow the
 * `formWaitingUrl` of the answer (poll `<waiting URL>/n8n-execution-status`, GET the page) and, on a
 * completion page, POST once more, which ends the execution. Field values are built from the
 * workflow file's field list, so any form can be filled without reading its page.
 */
import type { WorkflowNode } from './entryPoints';

export interface FormField {
	index: number;
	label: string;
	type: string;
	options: string[];
	/** A hidden field's name (filled from the URL's query by the page). */
	name?: string;
}

export function formFields(node: WorkflowNode): FormField[] {
	const values = ((node.parameters.formFields as { values?: Array<Record<string, unknown>> } | undefined)?.values ?? []) as Array<Record<string, unknown>>;
	return values.map((field, index) => ({
		index,
		label: String(field.fieldLabel ?? field.fieldName ?? `field ${index}`),
		type: String(field.fieldType ?? 'text'),
		options: ((field.fieldOptions as { values?: Array<{ option: string }> } | undefined)?.values ?? []).map((entry) => entry.option),
		name: field.fieldName === undefined ? undefined : String(field.fieldName),
	}));
}

/** A plausible value for a field, by its type and label (an order form's item line reads as one). */
export function plausibleValue(field: FormField): string | string[] {
	if (field.type === 'checkbox') return [];
	if (field.type === 'dropdown' || field.type === 'radio') return field.options[0] ?? '';
	if (field.type === 'email' || /e-?mail/i.test(field.label)) return 'visitor@example.com';
	if (field.type === 'number' || /cost|price|amount|hours|discount/i.test(field.label)) return '1';
	if (/items?$/i.test(field.label)) return '1 x Rose Serum 30ml @ 24.50';
	if (/phone/i.test(field.label)) return '+33 6 12 34 56 78';
	if (/subscriber/i.test(field.label)) return '';
	if (/domain|shop|store/i.test(field.label)) return 'shop-sync-a.myshopify.com';
	return 'Visitor';
}

export function multipart(fields: FormField[], values: Map<number, string | string[]>): FormData {
	const body = new FormData();
	for (const field of fields) {
		const value = values.get(field.index);
		if (value === undefined) continue;
		body.append(`field-${field.index}`, Array.isArray(value) ? JSON.stringify(value) : value);
	}
	return body;
}

export interface Answer {
	status: number;
	ms: number;
	text: string;
	/** The waiting URL of the execution the submission started (on the n8n we talk to). */
	waitingUrl?: URL;
}

/**
 * One request; status 0 when n8n gave no HTTP answer (it resets the connection of a request whose
 * URL or headers exceed its limits, or that it refuses before reading the body).
 */
export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
	const started = performance.now();
	let response: Response;
	let text: string;
	try {
		response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(120_000) });
		text = await response.text();
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
		return { status: 0, ms: performance.now() - started, text: `no answer: ${cause}` };
	}
	const ms = performance.now() - started;
	let waitingUrl: URL | undefined;
	try {
		const parsed = JSON.parse(text) as { formWaitingUrl?: string };
		if (parsed.formWaitingUrl) {
			waitingUrl = new URL(parsed.formWaitingUrl);
			waitingUrl.host = new URL(url).host;
			waitingUrl.protocol = new URL(url).protocol;
		}
	} catch {
		// Not JSON: a page or an error text.
	}
	return { status: response.status, ms, text, waitingUrl };
}

export const executionIdOf = (waitingUrl: URL) => waitingUrl.pathname.split('/').filter(Boolean).at(-1) ?? '';

/** The execution status the page script polls ("form-waiting" when a page waits). */
export async function executionStatus(waitingUrl: URL, timeoutMs = 180_000): Promise<string> {
	const statusUrl = new URL(waitingUrl);
	statusUrl.pathname += '/n8n-execution-status';
	const deadline = Date.now() + timeoutMs;
	let status = '';
	while (Date.now() < deadline) {
		status = (await request(statusUrl.toString())).text.trim();
		if (!['running', 'new', ''].includes(status)) return status;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return status;
}

export interface Outcome {
	/** "form-waiting", "success", "error", … */
	status: string;
	/** The page the execution waits on (empty when it did not wait). */
	html: string;
	/** From the submission to the page being ready. */
	ms: number;
}

/**
 * Follows a submission to the page it leads to and returns it; a completion page is then
 * acknowledged (the browser's POST), which ends the execution.
 */
export async function follow(answer: Answer, started: number, options: { end?: boolean } = {}): Promise<Outcome> {
	if (!answer.waitingUrl) return { status: `HTTP ${answer.status}`, html: answer.text, ms: performance.now() - started };
	const status = await executionStatus(answer.waitingUrl);
	if (status !== 'form-waiting') return { status, html: '', ms: performance.now() - started };
	const html = (await request(answer.waitingUrl.toString())).text;
	const ms = performance.now() - started;
	if (options.end !== false && isCompletionPage(html)) {
		await request(answer.waitingUrl.toString(), { method: 'POST', body: '[object Object]', headers: { 'content-type': 'text/plain;charset=UTF-8' } });
	}
	return { status, html, ms };
}

/** n8n's completion page has no form fields to fill. */
export const isCompletionPage = (html: string) => !/id='field-\d+'/.test(html);

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
