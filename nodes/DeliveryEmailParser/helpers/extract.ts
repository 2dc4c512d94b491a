import { type NormalizedOrder, type OrderItem, orderKey } from '../../shared/order';
import type { EmailTemplate, FieldRule, ItemColumn, ScalarField } from '../templates/types';
import { boundedMatch } from './boundedRegex';
import { EmailDocument } from './emailDocument';
import { cleanText, emailAddress, parseMoney, parseQuantity, toE164 } from './normalize';

/** An email as the parser needs it, whatever shape n8n handed over. */
export interface LoadedEmail {
	messageId: string | null;
	receivedAt: string | null;
	from: string | null;
	subject: string | null;
	html: string;
	/** Every `Authentication-Results` value, topmost first; or why this input cannot show them. */
	authentication: EmailAuthentication;
}

export type EmailAuthentication = { headers: string[] } | { unavailable: string };

/** What a reviewer sees: the order's shape, with anything not found as null. */
export type OrderDraft = Omit<
	NormalizedOrder,
	'service' | 'serviceName' | 'sourceOrderId' | 'orderNumber' | 'orderKey' | 'totals' | 'currency' | 'email'
> & {
	service: string | null;
	serviceName: string | null;
	sourceOrderId: string | null;
	orderNumber: string | null;
	orderKey: string | null;
	email: EmailMeta;
	totals: { subtotal: string | null; shipping: string | null; total: string | null };
	currency: string | null;
};

export type EmailMeta = NonNullable<NormalizedOrder['email']>;

/** Delivery emails announce new orders; the delivery service has not shipped anything yet. */
export const EMAIL_ORDER_STATUS = 'new';

export type Extraction =
	| { kind: 'order'; order: NormalizedOrder & { email: EmailMeta } }
	| { kind: 'review'; reason: string; service: string | null; email: EmailMeta; partial: OrderDraft };

/** The draft of an email no template matched: only its metadata is known. */
export function emptyDraft(email: LoadedEmail, ingestedAt: string): OrderDraft {
	return {
		source: 'email',
		service: null,
		serviceName: null,
		sourceOrderId: null,
		orderNumber: null,
		orderKey: null,
		customer: { name: null, phone: null, email: null },
		delivery: { address: null, addressParts: null, method: null },
		paymentMethod: null,
		items: [],
		totals: { subtotal: null, shipping: null, total: null },
		currency: null,
		status: EMAIL_ORDER_STATUS,
		createdAt: email.receivedAt,
		ingestedAt,
		email: emailMeta(email),
		raw: {},
	};
}

export interface ExtractOptions {
	regexTimeoutMs: number;
	/** When the email was read (ISO 8601), for `ingestedAt`. */
	ingestedAt: string;
}

const lower = (values: string[] | undefined) => (values ?? []).map((value) => value.toLowerCase());

/** The templates whose layout fits this email, in order. Sender and subject are only hints here: who sent it is checked separately. */
export function matchingTemplates(email: LoadedEmail, document: EmailDocument, templates: EmailTemplate[]): EmailTemplate[] {
	const from = email.from ?? '';
	const domain = from.split('@')[1] ?? '';
	const subject = (email.subject ?? '').toLowerCase();
	let body: string | undefined; // lower-cased once, and only if a template looks at the body
	return templates.filter(({ match }) => {
		if (lower(match.fromDomains).some((wanted) => domain === wanted || domain.endsWith(`.${wanted}`))) return true;
		if (lower(match.fromAddresses).includes(from)) return true;
		if (lower(match.subjectContains).some((wanted) => subject.includes(wanted))) return true;
		if (!match.bodyContains?.length) return false;
		body ??= document.text.toLowerCase();
		return lower(match.bodyContains).some((wanted) => body!.includes(wanted));
	});
}

function readField(document: EmailDocument, rules: FieldRule | FieldRule[] | undefined, options: ExtractOptions): string | undefined {
	for (const rule of rules === undefined ? [] : Array.isArray(rules) ? rules : [rules]) {
		let value: string | undefined;
		if ('label' in rule) value = document.labelValue(rule.label);
		else if ('selector' in rule) value = document.selectorText(rule.selector);
		else value = boundedMatch(rule.regex, rule.flags ?? '', document.text, options.regexTimeoutMs)?.groups[rule.group ?? 1];
		if (value !== undefined && cleanText(value) !== '') return cleanText(value);
	}
	return undefined;
}

const sameLabel = (a: string, b: string) => cleanText(a).replace(/[:：]$/, '').toLowerCase() === cleanText(b).replace(/[:：]$/, '').toLowerCase();

function readItems(document: EmailDocument, template: EmailTemplate): { items: OrderItem[]; currencies: Array<string | null> } {
	const columns = template.items.columns;
	for (const table of document.tables) {
		const index = Object.fromEntries(
			Object.entries(columns).map(([column, label]) => [column, table.header.findIndex((cell) => sameLabel(cell, label as string))]),
		) as Record<ItemColumn, number | undefined>;
		if ((index.title ?? -1) < 0 || (index.quantity ?? -1) < 0) continue;
		const currencies: Array<string | null> = [];
		const money = (cells: string[], column: ItemColumn) => {
			const at = index[column];
			if (at === undefined || at < 0 || !cells[at]) return null;
			const parsed = parseMoney(cells[at]);
			currencies.push(parsed?.currency ?? null);
			return parsed?.amount ?? null;
		};
		const items = table.rows
			.filter((cells) => cells.length >= table.header.length && cells[index.title!] && parseQuantity(cells[index.quantity!]) !== undefined)
			.map((cells) => {
				const quantity = parseQuantity(cells[index.quantity!])!;
				const unitPrice = money(cells, 'unitPrice');
				const total = money(cells, 'total') ?? (unitPrice !== null ? (Number(unitPrice) * quantity).toFixed(2) : null);
				const skuAt = index.sku;
				return { sku: skuAt !== undefined && skuAt >= 0 ? cells[skuAt] || null : null, title: cells[index.title!], quantity, unitPrice, total };
			});
		if (items.length > 0) return { items, currencies };
	}
	return { items: [], currencies: [] };
}

/** Reads one email with its template and decides: a clean order, or a reason to review it. */
export function extractOrder(email: LoadedEmail, template: EmailTemplate, document: EmailDocument, options: ExtractOptions): Extraction {
	const raw: Record<string, string> = {};
	const field = (name: ScalarField) => {
		const value = readField(document, template.fields[name], options);
		if (value !== undefined) raw[name] = value;
		return value;
	};
	const orderNumber = field('orderNumber')?.replace(/^#\s*/, '');
	const customerName = field('customerName');
	const phoneText = field('phone');
	const emailText = field('email');
	const address = field('address');
	const deliveryMethod = field('deliveryMethod');
	const paymentMethod = field('paymentMethod');
	const subtotal = field('subtotal');
	const shipping = field('shipping');
	const totalText = field('total');
	const { items, currencies } = readItems(document, template);

	const total = totalText !== undefined ? parseMoney(totalText) : undefined;
	const currency = total?.currency ?? currencies.find(Boolean) ?? template.currency;
	const phone = phoneText !== undefined ? toE164(phoneText, template.defaultCountry) : undefined;
	const partial: OrderDraft = {
		source: 'email',
		service: template.id,
		serviceName: template.name,
		sourceOrderId: orderNumber ?? null,
		orderNumber: orderNumber ?? null,
		orderKey: orderNumber ? orderKey('email', template.id, orderNumber) : null,
		customer: { name: customerName ?? null, phone: phone ?? phoneText ?? null, email: emailText !== undefined ? (emailAddress(emailText) ?? emailText) : null },
		delivery: { address: address ?? null, addressParts: null, method: deliveryMethod ?? null },
		paymentMethod: paymentMethod ?? null,
		items,
		totals: {
			subtotal: subtotal !== undefined ? (parseMoney(subtotal)?.amount ?? null) : null,
			shipping: shipping !== undefined ? (parseMoney(shipping)?.amount ?? null) : null,
			total: total?.amount ?? null,
		},
		currency,
		status: EMAIL_ORDER_STATUS,
		createdAt: email.receivedAt,
		ingestedAt: options.ingestedAt,
		email: emailMeta(email),
		raw,
	};
	const review = (reason: string): Extraction => ({ kind: 'review', reason, service: template.id, email: partial.email, partial });

	const missing = [!orderNumber && 'orderNumber', !total && 'total', items.length === 0 && 'items'].filter(Boolean);
	if (missing.length > 0 || !orderNumber || !total) return review(`missing required field: ${missing.join(', ')}`);
	if (phoneText !== undefined && phone === undefined) return review(`unparseable phone: ${phoneText}`);
	const itemsSum = items.reduce((sum, item) => sum + Number(item.total ?? 0), 0);
	const shippingAmount = partial.totals.shipping !== null ? Number(partial.totals.shipping) : undefined;
	const expected = itemsSum + (shippingAmount ?? 0);
	if (Math.abs(expected - Number(total.amount)) > 0.01) {
		const parts = shippingAmount !== undefined ? `${itemsSum.toFixed(2)} + shipping ${shippingAmount.toFixed(2)} = ${expected.toFixed(2)}` : itemsSum.toFixed(2);
		return review(`items add up to ${parts} but the total is ${total.amount}`);
	}
	return {
		kind: 'order',
		order: {
			...partial,
			service: template.id,
			serviceName: template.name,
			sourceOrderId: orderNumber,
			orderNumber,
			orderKey: orderKey('email', template.id, orderNumber),
			totals: { ...partial.totals, total: total.amount },
			currency,
		},
	};
}

/** An extraction turned into a review item with `reason`, keeping what was read for the reviewer. */
export function toReview(extraction: Extraction, reason: string): Extract<Extraction, { kind: 'review' }> {
	const partial = extraction.kind === 'order' ? extraction.order : extraction.partial;
	return { kind: 'review', reason, service: partial.service, email: partial.email, partial };
}

export function emailMeta(email: LoadedEmail): EmailMeta {
	return { messageId: email.messageId, receivedAt: email.receivedAt, from: email.from, subject: email.subject };
}
