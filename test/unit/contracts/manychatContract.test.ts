import { manyChatContractProblems, manyChatOperations } from '../../support/manychatContract';
import type { RecordedRequest } from '../../support/manychatContract';

/** Beyond 2^53, so it only survives JSON as a string; ManyChat subscriber IDs are this large. */
const BIG_ID = '9007199254740993';

const get = (path: string, query: Record<string, string> = {}): RecordedRequest => ({
	method: 'GET',
	path,
	query,
	body: undefined,
});

const post = (path: string, body: unknown): RecordedRequest => ({ method: 'POST', path, query: {}, body });

describe('manyChatOperations', () => {
	it('lists every operation of the page, sending and subscriber files (16 + 3 + 15)', () => {
		const operations = manyChatOperations();
		expect(operations).toHaveLength(34);
		expect(new Set(operations).size).toBe(operations.length);
		expect(operations).toEqual(expect.arrayContaining(['GET /fb/page/getInfo', 'POST /fb/sending/sendFlow']));
	});
});

describe('manyChatContractProblems accepts requests that match the contract', () => {
	it.each<[string, RecordedRequest]>([
		['page info', get('/fb/page/getInfo')],
		['subscriber info by an ID beyond 2^53', get('/fb/subscriber/getInfo', { subscriber_id: BIG_ID })],
		['a tag added with a digit-string subscriber ID', post('/fb/subscriber/addTag', { subscriber_id: BIG_ID, tag_id: 101 })],
		[
			'a dynamic block v2 message (the published `data` schema rejects every message)',
			post('/fb/sending/sendContent', {
				subscriber_id: BIG_ID,
				data: {
					version: 'v2',
					content: {
						type: 'instagram',
						messages: [
							{
								type: 'text',
								text: 'Your order #1001 has shipped',
								buttons: [{ type: 'url', caption: 'Track it', url: 'https://shop.example/track/1001' }],
							},
						],
						actions: [{ action: 'add_tag', tag_name: 'shipped' }],
						quick_replies: [],
					},
				},
				message_tag: 'POST_PURCHASE_UPDATE',
			}),
		],
		['an automation', post('/fb/sending/sendFlow', { subscriber_id: BIG_ID, flow_ns: 'content20240101000000_123456' })],
		[
			'two custom fields, one by id and one by name (the spec requires both on every item)',
			post('/fb/subscriber/setCustomFields', {
				subscriber_id: BIG_ID,
				fields: [
					{ field_id: 77777777, field_value: 555 },
					{ field_name: 'last_order', field_value: '#1001' },
				],
			}),
		],
		[
			'a subscriber created by email',
			post('/fb/subscriber/createSubscriber', { email: 'ada@example.com', has_opt_in_email: true }),
		],
		[
			'a partial update: only `required` binds, the `isRequired` annotation on every field does not',
			post('/fb/subscriber/updateSubscriber', { subscriber_id: BIG_ID, first_name: 'Ada' }),
		],
		['bot fields by id or name', post('/fb/page/setBotFields', { fields: [{ field_name: 'count', field_value: 12 }] })],
		['a negative user_ref, as ManyChat issues them', get('/fb/subscriber/getInfoByUserRef', { user_ref: '-1543835812530302162' })],
	])('%s', (_name, request) => {
		expect(manyChatContractProblems(request)).toEqual([]);
	});
});

describe('manyChatContractProblems names what breaks the contract', () => {
	it('rejects a path ManyChat does not have', () => {
		expect(manyChatContractProblems(post('/fb/x', {}))).toEqual(["POST /fb/x is not in ManyChat's API description"]);
	});

	it('rejects a known path with the wrong method', () => {
		expect(manyChatContractProblems(post('/fb/page/getInfo', undefined))).toEqual([
			"POST /fb/page/getInfo is not in ManyChat's API description (the path only allows GET)",
		]);
	});

	it('reports a missing required body field by name', () => {
		expect(manyChatContractProblems(post('/fb/subscriber/addTag', { subscriber_id: BIG_ID }))).toEqual([
			"POST /fb/subscriber/addTag body: must have required property 'tag_id'",
		]);
	});

	it('keeps the integer check for strings that are not digits', () => {
		expect(manyChatContractProblems(post('/fb/subscriber/addTag', { subscriber_id: BIG_ID, tag_id: 'abc' }))).toEqual([
			'POST /fb/subscriber/addTag body.tag_id: must be an integer (or a string of digits)',
		]);
	});

	it('keeps the real type check for other types', () => {
		expect(manyChatContractProblems(post('/fb/sending/sendFlow', { subscriber_id: 1, flow_ns: 42 }))).toEqual([
			'POST /fb/sending/sendFlow body.flow_ns: must be string',
		]);
	});

	it('reports a missing body where one is required', () => {
		expect(manyChatContractProblems(post('/fb/sending/sendFlow', undefined))).toEqual([
			'POST /fb/sending/sendFlow body: missing, but the operation requires one',
		]);
	});

	it('reports a query parameter the operation does not declare', () => {
		expect(manyChatContractProblems(get('/fb/page/getInfo', { page_id: '1' }))).toEqual([
			"GET /fb/page/getInfo query: parameter 'page_id' is not declared for this operation",
		]);
	});

	it('reports a missing required query parameter', () => {
		expect(manyChatContractProblems(get('/fb/subscriber/getInfo'))).toEqual([
			"GET /fb/subscriber/getInfo query: missing required parameter 'subscriber_id'",
		]);
	});

	it('reports a query value that is not an integer', () => {
		expect(manyChatContractProblems(get('/fb/subscriber/getInfo', { subscriber_id: '12a' }))).toEqual([
			"GET /fb/subscriber/getInfo query.subscriber_id: '12a' is not a valid integer",
		]);
	});

	it('still rejects a sendContent `data` that is not a dynamic block', () => {
		const problems = manyChatContractProblems(
			post('/fb/sending/sendContent', { subscriber_id: BIG_ID, data: { messages: [] } }),
		);
		expect(problems).toEqual([
			"POST /fb/sending/sendContent body.data: must have required property 'version'",
			"POST /fb/sending/sendContent body.data: must have required property 'content'",
		]);
	});

	it('rejects a custom field given by neither id nor name, and one given by both', () => {
		const problems = manyChatContractProblems(
			post('/fb/subscriber/setCustomFields', {
				subscriber_id: BIG_ID,
				fields: [{ field_value: 1 }, { field_id: 1, field_name: 'count', field_value: 2 }],
			}),
		);
		// Only the combinator's error: the per-alternative "must have required property" lines would
		// read as if both field_id and field_name were needed, the very defect we override.
		expect(problems).toEqual([
			'POST /fb/subscriber/setCustomFields body.fields[0]: must match exactly one schema in oneOf: has field_id | has field_name',
			'POST /fb/subscriber/setCustomFields body.fields[1]: must match exactly one schema in oneOf: has field_id | has field_name',
		]);
	});

	it('reports a body field the closed item schema does not know', () => {
		const problems = manyChatContractProblems(
			post('/fb/subscriber/setCustomFields', { subscriber_id: BIG_ID, fields: [{ field_id: 1, field_value: 2, value: 3 }] }),
		);
		expect(problems).toEqual([
			"POST /fb/subscriber/setCustomFields body.fields[0]: must NOT have additional properties: 'value'",
		]);
	});

	it('reports a body sent to an operation that takes none', () => {
		expect(manyChatContractProblems({ ...get('/fb/page/getTags'), body: {} })).toEqual([
			'GET /fb/page/getTags body: this operation declares no request body',
		]);
	});
});
