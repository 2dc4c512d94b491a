import type { IDataObject } from 'n8n-workflow';

/**
 * A customer read through GraphQL, in the REST shape Shopify's customers/* webhooks use. Lets a
 * workflow re-read the current customer after a webhook (deliveries can arrive late or out of
 * order) and hand it to the same mappings that take webhook payloads.
 */
function restAddress(address: IDataObject | null | undefined, isDefault: boolean): IDataObject | null {
	if (!address) return null;
	return {
		first_name: address.firstName ?? null,
		last_name: address.lastName ?? null,
		company: address.company ?? null,
		address1: address.address1 ?? null,
		address2: address.address2 ?? null,
		city: address.city ?? null,
		province: address.province ?? null,
		province_code: address.provinceCode ?? null,
		country: address.country ?? null,
		country_code: address.countryCodeV2 ?? null,
		zip: address.zip ?? null,
		phone: address.phone ?? null,
		default: isDefault,
	};
}

function consent(state: IDataObject | null | undefined): IDataObject | null {
	if (!state) return null;
	return {
		state: String(state.marketingState ?? '').toLowerCase() || null,
		opt_in_level: state.marketingOptInLevel ? String(state.marketingOptInLevel).toLowerCase() : null,
		consent_updated_at: state.consentUpdatedAt ?? null,
	};
}

export function customerAsWebhookPayload(customer: IDataObject): IDataObject {
	const addresses = Array.isArray(customer.addresses) ? (customer.addresses as IDataObject[]) : [];
	const gid = String(customer.id ?? '');
	return {
		id: customer.legacyResourceId ?? gid.replace(/^.*\//, ''),
		admin_graphql_api_id: gid,
		email: customer.email ?? null,
		first_name: customer.firstName ?? null,
		last_name: customer.lastName ?? null,
		phone: customer.phone ?? null,
		note: customer.note ?? null,
		tags: Array.isArray(customer.tags) ? (customer.tags as string[]).join(', ') : '',
		state: customer.state ? String(customer.state).toLowerCase() : null,
		verified_email: customer.verifiedEmail ?? null,
		created_at: customer.createdAt ?? null,
		updated_at: customer.updatedAt ?? null,
		addresses: addresses.map((address, index) => restAddress(address, index === 0)),
		default_address: restAddress(customer.defaultAddress as IDataObject | null, true),
		email_marketing_consent: consent(customer.emailMarketingConsent as IDataObject | null),
		sms_marketing_consent: consent(customer.smsMarketingConsent as IDataObject | null),
	};
}
