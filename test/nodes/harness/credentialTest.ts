/** Runs a node's credential-test method with n8n's own context, recording every request it sends. */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

type CredentialTestMethod = (this: ICredentialTestFunctions, credential: ICredentialsDecrypted) => Promise<INodeCredentialTestResult>;

export async function recordCredentialTest(method: CredentialTestMethod, credential: ICredentialsDecrypted): Promise<{ result: INodeCredentialTestResult; sent: IDataObject[] }> {
	const context = new CredentialTestContext();
	const sent: IDataObject[] = [];
	const request = context.helpers.request;
	context.helpers.request = (async (options: IDataObject) => {
		sent.push(options);
		return await request(options as never);
	}) as typeof request;
	const result = await method.call(context, credential);
	return { result, sent };
}
