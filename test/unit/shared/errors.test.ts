import type { INode } from 'n8n-workflow';

import { buildApiError, redactSecrets, redactValue, serviceErrorText, summarizeBody } from '../../../nodes/shared/errors';

const node: INode = {
	id: '1',
	name: 'Test Node',
	type: 'n8n-nodes-shop-sync.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('redactSecrets', () => {
	it('masks every occurrence of each known secret', () => {
		expect(redactSecrets('key=abc123456 again abc123456', ['abc123456'])).toBe('key=*** again ***');
	});

	it('masks auth header shapes even for secrets it was not told about', () => {
		expect(redactSecrets('sent Authorization: Bearer 1234:abcdefgh', [])).toBe('sent Authorization: Bearer ***');
		expect(redactSecrets('Basic dXNlcjpwYXNz', [])).toBe('Basic ***');
	});

	it('leaves short values alone rather than garbling the text', () => {
		expect(redactSecrets('status ok', ['ok'])).toBe('status ok');
	});
});

describe('redactValue', () => {
	it('masks secrets anywhere in a nested payload without changing the original', () => {
		const payload = { error: { detail: ['token supersecret1 is bad'], code: 7 } };
		expect(redactValue(payload, ['supersecret1'])).toEqual({ error: { detail: ['token *** is bad'], code: 7 } });
		expect(payload.error.detail[0]).toContain('supersecret1');
	});
});

describe('summarizeBody', () => {
	it('strips HTML error pages down to their text and caps the length', () => {
		const html = `<html><body><h1>Not Found</h1>${'<p>x</p>'.repeat(500)}</body></html>`;
		const summary = summarizeBody(html, 40);
		expect(summary.startsWith('Not Found')).toBe(true);
		expect(summary.length).toBeLessThanOrEqual(41);
	});

	it('serializes JSON bodies and returns nothing for empty ones', () => {
		expect(summarizeBody({ a: 1 })).toBe('{"a":1}');
		expect(summarizeBody('')).toBe('');
		expect(summarizeBody(undefined)).toBe('');
	});
});

describe('buildApiError', () => {
	it('carries the fix, the HTTP code and the item index, and no secret anywhere', () => {
		const error = buildApiError(node, {
			service: 'Acme',
			message: 'HTTP 401: token topsecret999 rejected',
			fix: 'Check the API Key in the "Acme API" credential (was topsecret999).',
			httpCode: 401,
			serviceError: { echoed: 'Bearer topsecret999' },
			itemIndex: 3,
			secrets: ['topsecret999'],
		});
		expect(error.message).toBe('Acme: HTTP 401: token *** rejected');
		expect(error.description).toBe('Check the API Key in the "Acme API" credential (was ***).');
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(3);
		expect(JSON.stringify({ ...error, cause: error.cause, errorResponse: (error as unknown as { errorResponse: unknown }).errorResponse })).not.toContain('topsecret999');
	});
});

describe('serviceErrorText', () => {
	it.each([
		[{ message: 'Wrong token' }, 'Wrong token'],
		[{ error: 'invalid_client' }, 'invalid_client'],
		[{ error: { message: 'Not allowed', code: 7 } }, 'Not allowed'],
		[{ errors: [{ message: 'email is taken' }, { message: 'phone is invalid' }] }, 'email is taken; phone is invalid'],
		[{ errors: ['a', 'b'] }, 'a; b'],
		[{ unexpected: true }, '{"unexpected":true}'],
		['<html><body>Bad Gateway</body></html>', 'Bad Gateway'],
	])('reads %j', (body, text) => {
		expect(serviceErrorText(body)).toBe(text);
	});
});
