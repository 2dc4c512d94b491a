/**
 * CTRwow documents no API, so its addresses have no defaults: the key, client secret and tokens go
 * only where the user pointed the credential. Each empty address is refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { CredentialProblem } from '../../shared/errors';

export const ADDRESS_HELP = {
	baseUrl: 'CTRwow publishes no API address: ask CTRwow (DFO / WowSuite) support for the API base URL of your account.',
	authUrl: 'CTRwow publishes no OAuth endpoints: ask CTRwow (DFO / WowSuite) support for the authorization URL that goes with your client ID.',
	accessTokenUrl: 'CTRwow publishes no OAuth endpoints: ask CTRwow (DFO / WowSuite) support for the token URL that goes with your client ID.',
} as const;

const FIELD_NAMES = { baseUrl: 'API Base URL', authUrl: 'Authorization URL', accessTokenUrl: 'Access Token URL' } as const;

export const ctrwowBaseUrl = (credentials: IDataObject) => String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');

/** The first address field that is empty or not http(s), named with where to find its value. */
export function missingAddress(credentials: IDataObject, credentialName: string, fields: ReadonlyArray<keyof typeof FIELD_NAMES>): CredentialProblem | undefined {
	for (const field of fields) {
		const value = String(credentials[field] ?? '').trim();
		if (/^https?:\/\/[^/?#\s]+/i.test(value)) continue;
		const what = value === '' ? 'is empty' : `is not an http(s) address ("${value}")`;
		return new CredentialProblem(
			`"${FIELD_NAMES[field]}" in the "${credentialName}" credential ${what}, so nothing was sent`,
			`${ADDRESS_HELP[field]} Enter it as "${FIELD_NAMES[field]}" in the "${credentialName}" credential.`,
		);
	}
	return undefined;
}
