import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The service account and settings an Order Store credential holds, checked and normalised. */
export interface ServiceAccount {
	projectId: string;
	clientEmail: string;
	privateKey: string;
	tokenUrl: string;
	/** Empty for Google. */
	apiEndpoint: string;
	dataset: string;
	location: string;
}

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** A credential problem, worded for the person who filled in the credential. */
export class CredentialProblem extends Error {}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Accepts keys pasted with real newlines, escaped "\n", or CRLF, as n8n's own Google credential does. */
export function normalizePrivateKey(key: string): string {
	return `${key.replace(/\\r\\n|\\n/g, '\n').replace(/\r\n/g, '\n').trim()}\n`;
}

export function serviceAccountFrom(credentials: ICredentialDataDecryptedObject): ServiceAccount {
	let projectId = text(credentials.projectId);
	let clientEmail = text(credentials.clientEmail);
	let privateKey = text(credentials.privateKey);
	let keyTokenUri = '';
	if ((credentials.keyFormat ?? 'json') === 'json') {
		let key: Record<string, unknown> | undefined;
		try {
			key = JSON.parse(text(credentials.serviceAccountSecret)) as Record<string, unknown>;
		} catch {
			key = undefined;
		}
		if (key === undefined) throw new CredentialProblem('The service account key is not valid JSON. Paste the whole key file, from { to }.');
		if (key === null || typeof key !== 'object' || key.type !== 'service_account') {
			throw new CredentialProblem('The JSON is not a service account key (its "type" must be "service_account").');
		}
		projectId ||= text(key.project_id);
		clientEmail = text(key.client_email);
		privateKey = text(key.private_key);
		keyTokenUri = text(key.token_uri);
	}
	const missing = [!projectId && 'Project ID', !clientEmail && 'Client Email', !privateKey && 'Private Key'].filter(Boolean);
	if (missing.length) throw new CredentialProblem(`The credential has no ${missing.join(', ')}.`);
	privateKey = normalizePrivateKey(privateKey);
	if (!/^-----BEGIN (RSA )?PRIVATE KEY-----\n[\s\S]+\n-----END (RSA )?PRIVATE KEY-----\n$/.test(privateKey)) {
		throw new CredentialProblem('The private key is not a PEM key: it must start with -----BEGIN PRIVATE KEY----- and end with -----END PRIVATE KEY-----.');
	}
	const apiEndpoint = text(credentials.apiEndpoint).replace(/\/+$/, '');
	return {
		projectId,
		clientEmail,
		privateKey,
		tokenUrl: text(credentials.tokenUrl) || keyTokenUri || GOOGLE_TOKEN_URL,
		apiEndpoint,
		dataset: text(credentials.dataset) || 'crm',
		location: text(credentials.location) || 'US',
	};
}
