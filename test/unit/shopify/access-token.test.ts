import type { IHttpRequestOptions } from 'n8n-workflow';

import { normalizeShopDomain, requestClientCredentialsToken, shopifyBaseUrl } from '../../../nodes/Shopify/transport/accessToken';

const credentials = { shopDomain: 'My-Store', clientId: 'id-1', clientSecret: 'very-secret-value-123', baseUrl: '' };

describe('Shopify client credentials grant', () => {
	it('posts the form to the shop and computes the expiry from expires_in', async () => {
		const sent: IHttpRequestOptions[] = [];
		const token = await requestClientCredentialsToken(
			async (options) => {
				sent.push(options);
				return { statusCode: 200, body: { access_token: 'shpat_x', expires_in: 86399, scope: 'read_customers' } };
			},
			credentials,
			() => 1_000,
		);
		expect(token).toEqual({ accessToken: 'shpat_x', expiresAt: 1_000 + 86_399_000 });
		expect(sent[0].url).toBe('https://my-store.myshopify.com/admin/oauth/access_token');
		expect(new URLSearchParams(sent[0].body as string).get('grant_type')).toBe('client_credentials');
	});

	it('keeps the secret out of the error, whatever the server echoes', async () => {
		const attempt = requestClientCredentialsToken(
			async () => ({ statusCode: 401, body: { error: 'invalid_client', error_description: 'bad secret very-secret-value-123' } }),
			credentials,
		);
		await expect(attempt).rejects.toMatchObject({ name: 'CredentialProblem', message: 'refused the client credentials (HTTP 401, invalid_client: bad secret ***)' });
	});

	it('normalises shop domains people type', () => {
		expect(normalizeShopDomain('https://My-Store.myshopify.com/admin')).toBe('my-store.myshopify.com');
		expect(normalizeShopDomain('my-store')).toBe('my-store.myshopify.com');
		expect(shopifyBaseUrl({ shopDomain: 'x', baseUrl: 'http://127.0.0.1:4102/shops/x.myshopify.com/' })).toBe('http://127.0.0.1:4102/shops/x.myshopify.com');
	});
});
