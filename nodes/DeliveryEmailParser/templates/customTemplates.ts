import { ITEM_COLUMNS, SCALAR_FIELDS, type EmailTemplate, type FieldRule } from './types';

/** Checks templates a user pasted as JSON; returns readable problems naming the template and key. */
export function templateProblems(value: unknown): string[] {
	if (!Array.isArray(value)) return ['must be a JSON list of templates: [{ "id": …, "name": …, … }]'];
	const problems: string[] = [];
	value.forEach((template: Partial<EmailTemplate>, index) => {
		const where = `template ${index + 1}${template?.id ? ` ("${template.id}")` : ''}`;
		if (!template || typeof template !== 'object') {
			problems.push(`${where}: is not an object`);
			return;
		}
		if (typeof template.id !== 'string' || !/^[a-z0-9_-]+$/i.test(template.id)) problems.push(`${where}: "id" must be letters, digits, - or _`);
		if (typeof template.name !== 'string' || !template.name) problems.push(`${where}: "name" is required`);
		const domain = template.senderDomain;
		if (typeof domain !== 'string' || domain.length > 253 || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) {
			problems.push(`${where}: "senderDomain" must be the domain that signs the service's emails (DKIM d=, or the From domain for DMARC), such as "mail.example.com"`);
		}
		const match = template.match ?? {};
		if (!['fromDomains', 'fromAddresses', 'subjectContains', 'bodyContains'].some((key) => Array.isArray((match as Record<string, unknown>)[key]))) {
			problems.push(`${where}: "match" needs at least one of fromDomains, fromAddresses, subjectContains, bodyContains`);
		}
		if (typeof template.currency !== 'string' || !/^[A-Z]{3}$/.test(template.currency)) problems.push(`${where}: "currency" must be an ISO code such as "EUR"`);
		if (typeof template.defaultCountry !== 'string' || !/^[A-Z]{2}$/.test(template.defaultCountry)) problems.push(`${where}: "defaultCountry" must be a country code such as "FR"`);
		for (const [field, rules] of Object.entries(template.fields ?? {})) {
			if (!(SCALAR_FIELDS as readonly string[]).includes(field)) {
				problems.push(`${where}: unknown field "${field}"; fields are ${SCALAR_FIELDS.join(', ')}`);
				continue;
			}
			for (const rule of (Array.isArray(rules) ? rules : [rules]) as FieldRule[]) {
				if (!rule || typeof rule !== 'object' || !('label' in rule || 'selector' in rule || 'regex' in rule)) {
					problems.push(`${where}: field "${field}" needs {"label": …}, {"selector": …} or {"regex": …}`);
				} else if ('regex' in rule) {
					try {
						new RegExp(rule.regex, rule.flags);
					} catch (error) {
						problems.push(`${where}: field "${field}": ${(error as Error).message}`);
					}
				}
			}
		}
		if (!template.fields?.orderNumber || !template.fields?.total) problems.push(`${where}: fields "orderNumber" and "total" are required`);
		const columns = template.items?.columns as Record<string, unknown> | undefined;
		if (!columns || typeof columns.title !== 'string' || typeof columns.quantity !== 'string') {
			problems.push(`${where}: "items.columns" needs at least "title" and "quantity" header labels`);
		} else {
			for (const key of Object.keys(columns)) {
				if (!(ITEM_COLUMNS as readonly string[]).includes(key)) problems.push(`${where}: unknown item column "${key}"; columns are ${ITEM_COLUMNS.join(', ')}`);
			}
		}
	});
	return problems;
}
