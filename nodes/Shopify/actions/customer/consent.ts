import type { IExecuteFunctions } from 'n8n-workflow';

import { shopifyGraphql, throwOnUserErrors, type UserError } from '../../transport';
import { documents } from '../../transport/documents';

/** Email marketing consent of an existing customer has its own mutation in the Admin API. */
export async function updateEmailConsent(this: IExecuteFunctions, customerId: string, marketingState: string, itemIndex: number): Promise<void> {
	const data = await shopifyGraphql.call(
		this,
		documents.customerEmailMarketingConsentUpdate,
		{ input: { customerId, emailMarketingConsent: { marketingState, marketingOptInLevel: 'SINGLE_OPT_IN' } } },
		// Sets a state: repeating it changes nothing.
		{ itemIndex, idempotent: true },
	);
	const payload = data.customerEmailMarketingConsentUpdate as { userErrors: UserError[] };
	throwOnUserErrors(this, 'customerEmailMarketingConsentUpdate', payload.userErrors, itemIndex);
}
