import type { IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../shared/errors';
import { type ServiceAccount, serviceAccountFrom } from '../transport/account';
import { openStore, type Store, storeError } from '../transport/client';

export const CREDENTIAL_TYPE = 'orderStoreBigQueryApi';

const DATASET = /^[A-Za-z0-9_]{1,1024}$/;

/** The store for this node run: credential, dataset (node option or the credential's default), token. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Awaits a promise and returns its value or its error, so the caller throws a node error outside any catch block. */
export async function settle<T>(promise: Promise<T> | (() => Promise<T>)): Promise<Settled<T>> {
	try {
		return { ok: true, value: await (typeof promise === 'function' ? promise() : promise) };
	} catch (error) {
		return { ok: false, error };
	}
}

export async function storeFor(this: IExecuteFunctions): Promise<Store> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const parsed = await settle(async () => serviceAccountFrom(credentials));
	if (!parsed.ok) throw storeError(this.getNode(), parsed.error, undefined);
	const account: ServiceAccount = parsed.value;
	const dataset = ((this.getNodeParameter('dataset', 0, '') as string) || account.dataset).trim();
	if (!DATASET.test(dataset)) {
		throw parameterError(this.getNode(), 'Dataset', `"${dataset}" is not a BigQuery dataset name`, 'Use letters, digits and underscores only, e.g. crm.');
	}
	const opened = await settle(openStore(account, dataset));
	if (!opened.ok) throw storeError(this.getNode(), opened.error, account);
	return opened.value;
}
