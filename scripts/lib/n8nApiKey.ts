import type { AxiosResponse } from 'axios';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CredentialImport } from './devCredentials';

/**
 * The "n8n API" credential the error handler reads failed executions with, and the key
 * `npm run replay` uses. An API key exists only once n8n runs (it is made by a logged-in user), so
 * the credential is imported with an empty key (workflows bind to it by ID) and filled in at start.
 */
export const N8N_API_CREDENTIAL = { id: 'shopSyncN8nApi', name: 'n8n API', type: 'n8nApi' } as const;

/** Where a local instance keeps its key for `npm run replay` (inside its user folder, mode 600). */
export const API_KEY_FILE = 'shop-sync-api-key';

const LABEL = 'shop-sync local';

/** Least privilege: reading executions and the failed-events table, retrying, marking rows. */
export const API_KEY_SCOPES = ['execution:read', 'execution:list', 'execution:retry', 'dataTable:list', 'dataTableRow:read', 'dataTableRow:update'];

export function n8nApiCredentialPlaceholder(baseUrl: string): CredentialImport {
	return { ...N8N_API_CREDENTIAL, data: { apiKey: '', baseUrl: `${baseUrl}/api/v1` } };
}

type Rest = <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown) => Promise<AxiosResponse<T>>;

const failed = (what: string, response: AxiosResponse) => new Error(`${what} answered HTTP ${response.status}: ${JSON.stringify(response.data).slice(0, 300)}`);

/**
 * Replaces the instance's previous local key with a new one, writes it into the "n8n API"
 * credential and into the user folder, and returns it.
 */
export async function provisionApiKey(rest: Rest, baseUrl: string, userFolder: string): Promise<string> {
	const available = await rest<{ data: string[] }>('GET', '/rest/api-keys/scopes');
	if (available.status !== 200) throw failed('GET /rest/api-keys/scopes', available);
	const missing = API_KEY_SCOPES.filter((scope) => !available.data.data.includes(scope));
	if (missing.length) throw new Error(`This n8n offers no API key scope(s) ${missing.join(', ')}`);
	// n8n 2.41 answers a page ({ items, counts }); older versions a plain list.
	type Key = { id: string; label: string };
	const existing = await rest<{ data: Key[] | { items: Key[] } }>('GET', '/rest/api-keys');
	if (existing.status !== 200) throw failed('GET /rest/api-keys', existing);
	const keys = Array.isArray(existing.data.data) ? existing.data.data : existing.data.data.items;
	for (const key of keys.filter((entry) => entry.label === LABEL)) await rest('DELETE', `/rest/api-keys/${key.id}`);
	const created = await rest<{ data: { rawApiKey: string } }>('POST', '/rest/api-keys', { label: LABEL, scopes: API_KEY_SCOPES, expiresAt: null });
	if (created.status !== 200) throw failed('POST /rest/api-keys', created);
	const apiKey = created.data.data.rawApiKey;
	const updated = await rest('PATCH', `/rest/credentials/${N8N_API_CREDENTIAL.id}`, {
		name: N8N_API_CREDENTIAL.name,
		type: N8N_API_CREDENTIAL.type,
		data: { apiKey, baseUrl: `${baseUrl}/api/v1` },
	});
	if (updated.status !== 200) throw failed(`PATCH /rest/credentials/${N8N_API_CREDENTIAL.id}`, updated);
	writeFileSync(join(userFolder, API_KEY_FILE), apiKey, { mode: 0o600 });
	return apiKey;
}
