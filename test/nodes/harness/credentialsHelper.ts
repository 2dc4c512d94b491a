import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

type Outer = 'headers' | 'qs' | 'body' | 'auth';

/**
 * Test credentials helper. Unlike n8n's own test helper it applies generic `authenticate` blocks
 * the way n8n's CLI does (expressions resolved against $credentials), so tests see the real
 * headers, and it runs `preAuthentication` for credentials with an expirable token.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** How many times preAuthentication ran, per credential type (token fetches). */
	readonly preAuthenticationCalls: Record<string, number> = {};

	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.credentialTypes[name];
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		const options = requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (!authenticate || authenticate.type !== 'generic') return options;
		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
		};
		for (const [outer, entries] of Object.entries(authenticate.properties) as Array<[Outer, Record<string, unknown>]>) {
			const target = ((options as unknown as Record<string, Record<string, unknown>>)[outer] ??= {});
			for (const [key, value] of Object.entries(entries)) target[String(resolve(key))] = resolve(value);
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (!type.preAuthentication) return undefined;
		const expirable = type.properties.find((property) => property.typeOptions?.expirable === true);
		if (!expirable) return undefined;
		if (!credentialsExpired && credentials[expirable.name]) return undefined;
		this.preAuthenticationCalls[typeName] = (this.preAuthenticationCalls[typeName] ?? 0) + 1;
		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		Object.assign(this.data[typeName] ?? {}, output); // later executions reuse the token, as n8n's database would
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return (await this.type(typeName).preAuthentication?.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<Credentials> {
		return new Credentials(nodeCredentials, '', '');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`The test gave no credentials of type "${type}"`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}
