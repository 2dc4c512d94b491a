/** The ManyChat simulator over real HTTP, against ManyChat's OpenAPI (contracts/manychat/*.yml). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { parseLossless } from '../../../simulators/frame/losslessJson';
import { SimulatorServer } from '../../../simulators/frame/server';
import { manyChatSimulator } from '../../../simulators/manychat';
import {
	BOT_FIELD_STORE_STATUS,
	FIELD_LOYALTY_MEMBER,
	FIELD_ORDER_MESSAGE,
	FIELD_ORDER_TOTAL,
	FLOW_CATALOG,
	FLOW_ORDER_NOTIFICATION,
	initialManyChatState,
	type ManyChatState,
	type ManyChatSubscriber,
	SIMULATOR_API_KEY,
	SIMULATOR_PAGE_ID,
	SUBSCRIBER_ALICE,
	SUBSCRIBER_BOB,
	SUBSCRIBER_CAROL,
	SUBSCRIBER_DAN,
	TAG_MANAGER,
	TAG_NEWSLETTER,
	TAG_VIP,
	USER_REF_ALICE,
} from '../../../simulators/manychat/state';

interface Reply {
	status: number;
	body: unknown;
	text: string;
	headers: Headers;
}

const CONTRACTS = join(__dirname, '../../../contracts/manychat');
const OK = { status: 'success' };
const text = (message: string) => ({ version: 'v2', content: { messages: [{ type: 'text', text: message }] } });

/** `{"status":"error","message":"Validation error","details":{"messages":[…]}}` naming `fragment`. */
const validationError = (fragment: string) => ({
	status: 'error',
	message: 'Validation error',
	details: { messages: [{ message: expect.stringContaining(fragment) }] },
});
/** Response_Error for a missing record: the message and the detail both say what is missing. */
const refusal = (fragment: string) => ({
	status: 'error',
	message: expect.stringContaining(fragment),
	details: { messages: [{ message: expect.stringContaining(fragment) }] },
});

describe('ManyChat simulator', () => {
	const server = new SimulatorServer<ManyChatState>(manyChatSimulator);
	const state = () => server.state;
	const subscriber = (id: string): ManyChatSubscriber => server.state.subscribers[id];

	async function call(method: string, path: string, body?: unknown, token: string | null = SIMULATOR_API_KEY): Promise<Reply> {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (token !== null) headers.authorization = `Bearer ${token}`;
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const response = await fetch(`${server.url}${path}`, { method, headers, body: payload });
		const raw = await response.text();
		let parsed: unknown = raw;
		try {
			parsed = JSON.parse(raw);
		} catch {
			// an HTML page
		}
		return { status: response.status, body: parsed, text: raw, headers: response.headers };
	}
	const get = async (path: string, query: Record<string, string> = {}) => await call('GET', `${path}?${new URLSearchParams(query)}`);
	const post = async (path: string, body: unknown) => await call('POST', path, body);
	const dataOf = <T>(reply: Reply): T => (reply.body as { data: T }).data;

	beforeAll(async () => {
		await server.start();
	});
	afterAll(async () => await server.stop());
	beforeEach(() => {
		server.reset();
		// Most tests call one endpoint in bursts; the throttling tests switch the limits back on.
		server.setFaults({ throttle: false });
	});

	describe('contract coverage', () => {
		it('serves every operation in the three OpenAPI files with its method', () => {
			const operations: string[] = [];
			for (const file of readdirSync(CONTRACTS).filter((name) => name.endsWith('.yml'))) {
				const yaml = readFileSync(join(CONTRACTS, file), 'utf8');
				for (const match of yaml.matchAll(/^ {2}(\/\S+):\n {4}(get|post):/gm)) operations.push(`${match[2].toUpperCase()} ${match[1]}`);
			}
			const served = manyChatSimulator.routes.map((route) => `${route.method} ${route.path}`);
			expect(operations).toHaveLength(34);
			expect(served.sort()).toEqual(operations.sort());
			expect(new Set(manyChatSimulator.routes.map((route) => route.limitGroup)).size).toBe(operations.length);
		});
	});

	describe('authentication', () => {
		it('asks for a token when there is none, and refuses a malformed or unknown one', async () => {
			expect(await call('GET', '/fb/page/getInfo', undefined, null)).toMatchObject({
				status: 401,
				body: { status: 'error', message: 'Token is required' },
			});
			for (const token of ['not-a-token', '123:has-dash', `${SIMULATOR_PAGE_ID}:WRONGKEYWRONGKEY`]) {
				expect(await call('GET', '/fb/page/getInfo', undefined, token)).toMatchObject({
					status: 401,
					body: { status: 'error', message: 'Wrong token' },
				});
			}
		});

		it('answers an unknown path with an HTML page, as ManyChat does', async () => {
			const reply = await get('/fb/page/noSuchMethod');
			expect(reply.status).toBe(404);
			expect(reply.headers.get('content-type')).toContain('text/html');
			expect((await post('/fb/page/getInfo', {})).status).toBe(404); // wrong method
		});
	});

	describe('Page API happy paths', () => {
		it('reads the page, tags, growth tools, flows, fields and OTN topics', async () => {
			const seed = initialManyChatState();
			expect((await get('/fb/page/getInfo')).body).toEqual({ status: 'success', data: seed.pages[SIMULATOR_PAGE_ID] });
			expect((await get('/fb/page/getTags')).body).toEqual({ status: 'success', data: seed.tags });
			expect((await get('/fb/page/getGrowthTools')).body).toEqual({ status: 'success', data: [{ id: 401, name: 'Website widget', type: 'bar' }] });
			expect((await get('/fb/page/getWidgets')).body).toEqual((await get('/fb/page/getGrowthTools')).body);
			expect((await get('/fb/page/getFlows')).body).toEqual({
				status: 'success',
				data: {
					flows: [
						{ ns: FLOW_ORDER_NOTIFICATION, name: 'Order notification', folder_id: 1 },
						{ ns: FLOW_CATALOG, name: 'Product catalog', folder_id: 1 },
					],
					folders: [{ id: 1, name: 'Shop Sync', parent_id: 0 }],
				},
			});
			expect(dataOf<unknown[]>(await get('/fb/page/getCustomFields'))).toHaveLength(4);
			expect((await get('/fb/page/getOtnTopics')).body).toEqual({
				status: 'success',
				data: [{ id: 501, name: 'Back in stock', description: 'Tell me when it is back' }],
			});
			expect((await get('/fb/page/getBotFields')).body).toEqual({
				status: 'success',
				data: [{ id: BOT_FIELD_STORE_STATUS, name: 'store_status', type: 'text', description: '', value: 'open' }],
			});
		});

		it('creates and removes tags; removing a page tag also removes it from subscribers', async () => {
			expect((await post('/fb/page/createTag', { name: 'wholesale' })).body).toEqual({ status: 'success', data: { tag: { id: 104, name: 'wholesale' } } });
			expect((await post('/fb/page/removeTag', { tag_id: TAG_MANAGER })).body).toEqual(OK);
			expect(subscriber(SUBSCRIBER_ALICE).tags).toEqual([]);
			expect((await post('/fb/page/removeTagByName', { tag_name: 'newsletter' })).body).toEqual(OK);
			expect(state().tags.map((tag) => tag.name)).toEqual(['vip', 'wholesale']);
		});

		it('creates custom fields (caption) and bot fields (name), and sets bot fields three ways', async () => {
			const created = await post('/fb/page/createCustomField', { caption: 'coupon_code', type: 'text', description: 'Last coupon' });
			expect(created.body).toEqual({ status: 'success', data: { field: { id: 302, name: 'coupon_code', type: 'text', description: 'Last coupon' } } });
			expect(subscriber(SUBSCRIBER_BOB).custom_fields.at(-1)).toMatchObject({ name: 'coupon_code', value: null });

			const bot = await post('/fb/page/createBotField', { name: 'opening_hours', type: 'text', description: '', value: '9-17' });
			expect(bot.body).toEqual({ status: 'success', data: { field: { id: 303, name: 'opening_hours', type: 'text', description: '', value: '9-17' } } });

			expect((await post('/fb/page/setBotField', { field_id: BOT_FIELD_STORE_STATUS, field_value: 'closed' })).body).toEqual(OK);
			expect(state().botFields[0].value).toBe('closed');
			expect((await post('/fb/page/setBotFieldByName', { field_name: 'STORE_STATUS', field_value: 'busy' })).body).toEqual(OK);
			expect(state().botFields[0].value).toBe('busy');
			const batch = { fields: [{ field_id: BOT_FIELD_STORE_STATUS, field_value: 'open' }, { field_name: 'Opening_Hours', field_value: '8-20' }] };
			expect((await post('/fb/page/setBotFields', batch)).body).toEqual(OK);
			expect(state().botFields.map((field) => field.value)).toEqual(['open', '8-20']);
		});
	});

	describe('Subscriber API happy paths', () => {
		it('gets and finds subscribers; IDs are strings', async () => {
			const alice = dataOf<ManyChatSubscriber>(await get('/fb/subscriber/getInfo', { subscriber_id: SUBSCRIBER_ALICE }));
			expect(alice).toMatchObject({ id: SUBSCRIBER_ALICE, page_id: String(SIMULATOR_PAGE_ID), name: 'Alice Manager', tags: [{ id: TAG_MANAGER, name: 'manager' }] });
			expect(alice.custom_fields.map((field) => [field.name, field.value])).toEqual([
				['order_message', null],
				['order_total', null],
				['loyalty_member', null],
				['last_order_date', null],
			]);
			expect(Object.keys(alice).sort()).toEqual(
				[
					'id', 'page_id', 'user_refs', 'first_name', 'last_name', 'name', 'gender', 'profile_pic', 'locale', 'language', 'timezone',
					'live_chat_url', 'last_input_text', 'optin_phone', 'phone', 'optin_email', 'email', 'subscribed', 'last_interaction',
					'last_seen', 'is_followup_enabled', 'ig_username', 'ig_id', 'whatsapp_phone', 'whatsapp_bsuid', 'whatsapp_username',
					'optin_whatsapp', 'custom_fields', 'tags',
				].sort(),
			);

			const byName = await get('/fb/subscriber/findByName', { name: 'bob manager' });
			expect(dataOf<ManyChatSubscriber[]>(byName).map((found) => found.id)).toEqual([SUBSCRIBER_BOB]);
			expect(dataOf<ManyChatSubscriber>(await get('/fb/subscriber/findBySystemField', { email: 'CAROL@example.com' })).id).toBe(SUBSCRIBER_CAROL);
			expect(dataOf<ManyChatSubscriber>(await get('/fb/subscriber/findBySystemField', { phone: '+15550000001' })).id).toBe(SUBSCRIBER_ALICE);
			expect(dataOf<ManyChatSubscriber>(await get('/fb/subscriber/getInfoByUserRef', { user_ref: USER_REF_ALICE })).id).toBe(SUBSCRIBER_ALICE);
			expect((await get('/fb/subscriber/getInfoByUserRef', { user_ref: '42' })).body).toEqual({ status: 'error', message: "User_ref isn't registered", code: 2011 });
		});

		it('caps findByName and findByCustomField at 100 results', async () => {
			const alice = subscriber(SUBSCRIBER_ALICE);
			for (let n = 0; n < 120; n++) {
				const id = String(2_000_000_000 + n);
				const custom_fields = alice.custom_fields.map((field) => ({ ...field, value: field.id === FIELD_ORDER_MESSAGE ? 'same' : null }));
				state().subscribers[id] = { ...alice, id, name: 'Twin Shopper', custom_fields };
			}
			expect(dataOf<unknown[]>(await get('/fb/subscriber/findByName', { name: 'Twin Shopper' }))).toHaveLength(100);
			expect(dataOf<unknown[]>(await get('/fb/subscriber/findByCustomField', { field_id: String(FIELD_ORDER_MESSAGE), field_value: 'same' }))).toHaveLength(100);
		});

		it('adds and removes tags by ID and by name', async () => {
			expect((await post('/fb/subscriber/addTag', { subscriber_id: Number(SUBSCRIBER_ALICE), tag_id: TAG_VIP })).body).toEqual(OK);
			expect((await post('/fb/subscriber/addTagByName', { subscriber_id: SUBSCRIBER_ALICE, tag_name: 'newsletter' })).body).toEqual(OK);
			expect(subscriber(SUBSCRIBER_ALICE).tags.map((tag) => tag.id)).toEqual([TAG_MANAGER, TAG_VIP, TAG_NEWSLETTER]);
			expect((await post('/fb/subscriber/removeTag', { subscriber_id: SUBSCRIBER_ALICE, tag_id: TAG_MANAGER })).body).toEqual(OK);
			expect((await post('/fb/subscriber/removeTagByName', { subscriber_id: SUBSCRIBER_ALICE, tag_name: 'vip' })).body).toEqual(OK);
			expect(subscriber(SUBSCRIBER_ALICE).tags).toEqual([{ id: TAG_NEWSLETTER, name: 'newsletter' }]);
		});

		it('sets custom fields by ID, by case-insensitive name and in batches, then finds by them', async () => {
			expect((await post('/fb/subscriber/setCustomField', { subscriber_id: SUBSCRIBER_ALICE, field_id: FIELD_ORDER_TOTAL, field_value: 42.5 })).body).toEqual(OK);
			await new Promise((resolve) => setTimeout(resolve, 5)); // distinct update times, for the sort order
			expect((await post('/fb/subscriber/setCustomFieldByName', { subscriber_id: SUBSCRIBER_BOB, field_name: 'Order_Total', field_value: 42.5 })).body).toEqual(OK);
			const batch = {
				subscriber_id: SUBSCRIBER_CAROL,
				fields: [
					{ field_id: FIELD_ORDER_MESSAGE, field_value: 'Your order shipped' },
					{ field_name: 'loyalty_member', field_value: true },
					{ field_name: 'last_order_date', field_value: '2026-01-15' },
				],
			};
			expect((await post('/fb/subscriber/setCustomFields', batch)).body).toEqual(OK);
			expect(subscriber(SUBSCRIBER_CAROL).custom_fields.map((field) => field.value)).toEqual(['Your order shipped', null, true, '2026-01-15']);

			// Newest update first.
			const byTotal = await get('/fb/subscriber/findByCustomField', { field_id: String(FIELD_ORDER_TOTAL), field_value: '42.5' });
			expect(dataOf<ManyChatSubscriber[]>(byTotal).map((found) => found.id)).toEqual([SUBSCRIBER_BOB, SUBSCRIBER_ALICE]);
			const byText = await get('/fb/subscriber/findByCustomField', { field_id: String(FIELD_ORDER_MESSAGE), field_value: 'Your order shipped' });
			expect(dataOf<ManyChatSubscriber[]>(byText).map((found) => found.id)).toEqual([SUBSCRIBER_CAROL]);
		});

		it('creates a subscriber with a fresh string ID, updates it, and verifies a signed request', async () => {
			const created = await post('/fb/subscriber/createSubscriber', {
				first_name: 'Erin',
				last_name: 'New',
				phone: '+15550000005',
				has_opt_in_sms: true,
				consent_phrase: 'I agree to receive order texts',
				email: 'erin@example.com',
				has_opt_in_email: false,
			});
			expect(created.status).toBe(200);
			const erin = dataOf<ManyChatSubscriber>(created);
			expect(erin).toMatchObject({ id: '9007199254740994', name: 'Erin New', phone: '+15550000005', optin_phone: true, optin_email: false, last_interaction: null, tags: [] });
			expect(erin.custom_fields).toHaveLength(4);

			const updated = await post('/fb/subscriber/updateSubscriber', { subscriber_id: erin.id, last_name: 'Renamed', email: 'erin2@example.com', has_opt_in_email: true });
			expect(updated.body).toMatchObject({ status: 'success', data: { id: erin.id, name: 'Erin Renamed', email: 'erin2@example.com', optin_email: true } });

			const signed = '_1SXnOuwXiUrcDRxI1D6Dvr55aiNusDNMxyHb8PQe7Y.eyJhbGdvcml0aG0iOiJIT2FDLVNIQTI1NiJ9';
			expect((await post('/fb/subscriber/verifyBySignedRequest', { subscriber_id: SUBSCRIBER_ALICE, signed_request: signed })).body).toEqual(OK);
		});
	});

	describe('Sending API', () => {
		it('delivers content inside the 24-hour window and records it', async () => {
			const data = text('New order #1001');
			expect(await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_ALICE, data })).toMatchObject({ status: 200, body: OK });
			expect(state().deliveries).toEqual([
				expect.objectContaining({ subscriber_id: SUBSCRIBER_ALICE, kind: 'content', content: data.content, at: expect.any(String) }),
			]);
		});

		it('refuses content outside the 24-hour window with code 3011, but sends a flow', async () => {
			const reply = await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_CAROL, data: text('Hi') });
			expect(reply).toMatchObject({
				status: 400,
				body: {
					status: 'error',
					code: 3011,
					message: "Content can't be sent to the subscriber without a message tag. Subscriber's last interaction was over 72h ago (more than 24 hours ago)",
				},
			});
			expect(await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_CAROL, flow_ns: FLOW_ORDER_NOTIFICATION })).toMatchObject({ status: 200, body: OK });
			expect(state().deliveries.map((delivery) => [delivery.subscriber_id, delivery.kind])).toEqual([[SUBSCRIBER_CAROL, 'flow']]);
		});

		it('answers HTTP 200 with status "error" for a subscriber who blocked the page', async () => {
			const blocked = { status: 200, body: { status: 'error', message: 'Subscriber has blocked the page' } };
			expect(await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_DAN, data: text('Hi') })).toMatchObject(blocked);
			expect(await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_DAN, flow_ns: FLOW_CATALOG })).toMatchObject(blocked);
			expect(state().deliveries).toEqual([]);
		});

		it('refuses message tags', async () => {
			const reply = await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_ALICE, data: text('Hi'), message_tag: 'ACCOUNT_UPDATE' });
			expect(reply).toMatchObject({ status: 400, body: { status: 'error', message: 'Validation error', details: { messages: [{ message: 'Message tags are no longer supported' }] } } });
		});

		it('sends by user_ref (a negative 19-digit integer) without processing actions', async () => {
			const data = { version: 'v2', content: { messages: [{ type: 'text', text: 'Thanks!' }], actions: [{ action: 'add_tag', tag_name: 'vip' }] } };
			const raw = `{"user_ref":${USER_REF_ALICE},"data":${JSON.stringify(data)}}`;
			expect(await call('POST', '/fb/sending/sendContentByUserRef', raw)).toMatchObject({ status: 200, body: OK });
			expect(state().deliveries[0]).toMatchObject({ subscriber_id: SUBSCRIBER_ALICE, user_ref: USER_REF_ALICE, kind: 'content' });
			expect(subscriber(SUBSCRIBER_ALICE).tags.map((tag) => tag.name)).toEqual(['manager']);
			expect((await post('/fb/sending/sendContentByUserRef', { user_ref: 7, data })).body).toEqual(refusal("isn't registered"));
		});

		it('applies sendContent actions after delivery', async () => {
			const data = {
				version: 'v2',
				content: {
					messages: [{ type: 'text', text: 'Welcome to the club', buttons: [{ type: 'url', caption: 'Open', url: 'https://example.com' }] }],
					actions: [
						{ action: 'add_tag', tag_name: 'vip' },
						{ action: 'set_field_value', field_name: 'loyalty_member', value: true },
					],
				},
			};
			expect((await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_ALICE, data })).body).toEqual(OK);
			expect(subscriber(SUBSCRIBER_ALICE).tags.map((tag) => tag.name)).toEqual(['manager', 'vip']);
			expect(subscriber(SUBSCRIBER_ALICE).custom_fields.find((field) => field.id === FIELD_LOYALTY_MEMBER)?.value).toBe(true);
			expect(state().deliveries[0].custom_fields.loyalty_member).toBeNull(); // snapshot taken at send time
		});

		it('validates the Dynamic Block v2 payload', async () => {
			const send = async (data: unknown) => await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_ALICE, data });
			const message = { type: 'text', text: 'x' };
			const cases: Array<[unknown, string]> = [
				[undefined, 'data is required'],
				[{ version: 'v1', content: { messages: [message] } }, 'data.version must be "v2"'],
				[{ version: 'v2' }, 'data.content must be an object'],
				[{ version: 'v2', content: { messages: [] } }, 'data.content.messages must contain at least one message'],
				[{ version: 'v2', content: { messages: Array(11).fill(message) } }, 'data.content.messages: at most 10'],
				[{ version: 'v2', content: { messages: [message], quick_replies: Array(12).fill({ type: 'flow', caption: 'c', target: FLOW_CATALOG }) } }, 'quick_replies: at most 11'],
				[{ version: 'v2', content: { messages: [message], actions: Array(6).fill({ action: 'add_tag', tag_name: 'vip' }) } }, 'actions: at most 5'],
				[{ version: 'v2', content: { type: 'sms', messages: [message] } }, 'data.content.type must be one of: instagram, whatsapp, telegram'],
				[{ version: 'v2', content: { messages: [{ type: 'text' }] } }, 'data.content.messages[0].text is required'],
				[{ version: 'v2', content: { messages: [{ ...message, buttons: [{ type: 'node', caption: 'c', target: 'n' }] }] } }, 'Go to node buttons are not supported'],
				[{ version: 'v2', content: { type: 'whatsapp', messages: [{ type: 'video', url: 'https://example.com/v.mp4' }] } }, 'not supported on whatsapp'],
			];
			for (const [data, fragment] of cases) {
				const reply = await send(data);
				expect({ fragment, status: reply.status, body: reply.body }).toEqual({ fragment, status: 400, body: validationError(fragment) });
			}
			// Action tags must exist on the page.
			const unknownTag = await send({ version: 'v2', content: { messages: [message], actions: [{ action: 'add_tag', tag_name: 'nosuch' }] } });
			expect([unknownTag.status, unknownTag.body]).toEqual([400, refusal('tag named "nosuch"')]);
			expect(JSON.stringify(unknownTag.body)).toContain('data.content.actions[0].tag_name');
			expect(state().deliveries).toEqual([]);
		});

		it('refuses a channel the subscriber is not on (304X), and sends on one they are', async () => {
			for (const channel of ['whatsapp', 'instagram']) {
				const data = { version: 'v2', content: { type: channel, messages: [{ type: 'text', text: 'Hi' }] } };
				expect((await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_BOB, data })).body).toMatchObject({ status: 'error', code: 3041 });
				expect((await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_ALICE, data })).body).toEqual(OK);
			}
			expect(state().deliveries.map((delivery) => (delivery.content as { type: string }).type)).toEqual(['whatsapp', 'instagram']);
		});

		it('refuses an OTN send without tokens (3021) and an unknown topic', async () => {
			const send = async (topic: string) =>
				await post('/fb/sending/sendContent', { subscriber_id: SUBSCRIBER_CAROL, data: text('Back!'), otn_topic_name: topic });
			expect((await send('Back in stock')).body).toMatchObject({ status: 'error', code: 3021 });
			expect((await send('Nope')).body).toEqual(validationError('otn_topic_name'));
		});

		it('records per-recipient custom field snapshots: set field, then send flow', async () => {
			for (const [id, message] of [
				[SUBSCRIBER_ALICE, 'Order #1 for Alice'],
				[SUBSCRIBER_BOB, 'Order #2 for Bob'],
			]) {
				expect((await post('/fb/subscriber/setCustomFieldByName', { subscriber_id: id, field_name: 'order_message', field_value: message })).body).toEqual(OK);
				expect((await post('/fb/sending/sendFlow', { subscriber_id: id, flow_ns: FLOW_ORDER_NOTIFICATION })).body).toEqual(OK);
			}
			await post('/fb/subscriber/setCustomFieldByName', { subscriber_id: SUBSCRIBER_ALICE, field_name: 'order_message', field_value: 'later' });
			expect(state().deliveries.map(({ subscriber_id, kind, flow_ns, custom_fields }) => ({ subscriber_id, kind, flow_ns, message: custom_fields.order_message }))).toEqual([
				{ subscriber_id: SUBSCRIBER_ALICE, kind: 'flow', flow_ns: FLOW_ORDER_NOTIFICATION, message: 'Order #1 for Alice' },
				{ subscriber_id: SUBSCRIBER_BOB, kind: 'flow', flow_ns: FLOW_ORDER_NOTIFICATION, message: 'Order #2 for Bob' },
			]);
		});

		it('caps sendFlow at 100 per subscriber per hour', async () => {
			for (let n = 0; n < 100; n++) {
				expect((await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_ALICE, flow_ns: FLOW_CATALOG })).status).toBe(200);
			}
			const refused = await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_ALICE, flow_ns: FLOW_CATALOG });
			expect([refused.status, JSON.stringify(refused.body)]).toEqual([400, expect.stringContaining('100 requests per subscriber per hour')]);
			expect((await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_BOB, flow_ns: FLOW_CATALOG })).status).toBe(200);
		});

		it('lets an in-process load test raise the hourly cap', async () => {
			state().flowsPerSubscriberPerHour = 102;
			for (let n = 0; n < 102; n++) {
				expect((await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_ALICE, flow_ns: FLOW_CATALOG })).status).toBe(200);
			}
			const refused = await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_ALICE, flow_ns: FLOW_CATALOG });
			expect([refused.status, JSON.stringify(refused.body)]).toEqual([400, expect.stringContaining('102 requests per subscriber per hour')]);
		});
	});

	describe('validation and unknown records', () => {
		it('names the field that is wrong', async () => {
			const cases: Array<[string, unknown, string]> = [
				['/fb/page/createTag', {}, 'name is required'],
				['/fb/page/createTag', { name: 'vip' }, 'a tag named "vip" already exists'],
				['/fb/page/createCustomField', { name: 'x', type: 'text' }, 'caption is required (createCustomField takes "caption", not "name")'],
				['/fb/page/createCustomField', { caption: 'x', type: 'color' }, 'type must be one of: text, number, date, datetime, boolean'],
				['/fb/page/createBotField', { caption: 'x', type: 'text' }, 'name is required'],
				['/fb/page/setBotField', { field_id: BOT_FIELD_STORE_STATUS, field_value: 3 }, '"store_status" is a text field'],
				['/fb/subscriber/addTag', { subscriber_id: 'abc', tag_id: TAG_VIP }, 'subscriber_id must be an integer'],
				['/fb/subscriber/addTag', { tag_id: TAG_VIP }, 'subscriber_id is required'],
				['/fb/subscriber/setCustomField', { subscriber_id: SUBSCRIBER_ALICE, field_id: FIELD_ORDER_TOTAL, field_value: '12' }, '"order_total" is a number field'],
				['/fb/subscriber/setCustomField', { subscriber_id: SUBSCRIBER_ALICE, field_id: FIELD_ORDER_TOTAL }, 'field_value is required'],
				['/fb/subscriber/setCustomFieldByName', { subscriber_id: SUBSCRIBER_ALICE, field_name: 'last_order_date', field_value: '15/01/2026' }, 'a date such as'],
				['/fb/subscriber/setCustomFields', { subscriber_id: SUBSCRIBER_ALICE, fields: Array(21).fill({ field_id: FIELD_ORDER_TOTAL, field_value: 1 }) }, 'at most 20 fields'],
				['/fb/subscriber/setCustomFields', { subscriber_id: SUBSCRIBER_ALICE, fields: [{ field_value: 1 }] }, 'fields[0].field_id or fields[0].field_name is required'],
				['/fb/subscriber/verifyBySignedRequest', { subscriber_id: SUBSCRIBER_ALICE, signed_request: 'nope' }, 'signed_request'],
				['/fb/subscriber/createSubscriber', { first_name: 'X' }, 'One of phone, whatsapp_phone or email is required'],
				['/fb/subscriber/createSubscriber', { phone: '+15550009999' }, 'has_opt_in_sms is required when phone is set'],
				['/fb/subscriber/createSubscriber', { email: 'x@example.com' }, 'has_opt_in_email is required when email is set'],
				['/fb/subscriber/createSubscriber', { phone: '+15550009999', has_opt_in_sms: true }, 'consent_phrase is required'],
				['/fb/subscriber/createSubscriber', { phone: '5550009999', has_opt_in_sms: false }, 'phone must be in international format'],
				['/fb/subscriber/createSubscriber', { email: 'alice@example.com', has_opt_in_email: true }, 'already exists'],
				['/fb/subscriber/updateSubscriber', { subscriber_id: SUBSCRIBER_ALICE, whatsapp_phone: '+15550000009' }, 'whatsapp_phone cannot be changed'],
				['/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_ALICE }, 'flow_ns is required'],
				['/fb/subscriber/addTag', 'not json', 'The request body must be a JSON object'],
			];
			for (const [path, body, fragment] of cases) {
				const reply = await post(path, body);
				expect({ path, status: reply.status, body: reply.body }).toEqual({ path, status: 400, body: validationError(fragment) });
			}
		});

		it('validates the query of reads', async () => {
			const cases: Array<[string, Record<string, string>, string]> = [
				['/fb/subscriber/getInfo', {}, 'subscriber_id is required'],
				['/fb/subscriber/findByName', {}, 'name is required'],
				['/fb/subscriber/findBySystemField', {}, 'email or phone is required'],
				['/fb/subscriber/findBySystemField', { email: 'a@b.c', phone: '+15550000001' }, 'Set one parameter: email OR phone'],
				['/fb/subscriber/findByCustomField', { field_id: String(FIELD_LOYALTY_MEMBER), field_value: 'true' }, 'only works with text and number fields'],
				['/fb/subscriber/findByCustomField', { field_id: String(FIELD_ORDER_TOTAL), field_value: 'abc' }, 'must be a number'],
			];
			for (const [path, query, fragment] of cases) {
				const reply = await get(path, query);
				expect({ path, status: reply.status, body: reply.body }).toEqual({ path, status: 400, body: validationError(fragment) });
			}
		});

		it('refuses unknown subscribers, tags, fields and flows with a 400 error envelope', async () => {
			const cases: Array<[Promise<Reply>, string]> = [
				[get('/fb/subscriber/getInfo', { subscriber_id: '555' }), 'subscriber with ID 555'],
				[post('/fb/sending/sendFlow', { subscriber_id: 555, flow_ns: FLOW_CATALOG }), 'subscriber with ID 555'],
				[post('/fb/subscriber/addTag', { subscriber_id: SUBSCRIBER_ALICE, tag_id: 999 }), 'tag with ID 999'],
				[post('/fb/subscriber/addTagByName', { subscriber_id: SUBSCRIBER_ALICE, tag_name: 'VIP' }), 'tag named "VIP"'],
				[post('/fb/page/removeTag', { tag_id: 999 }), 'tag with ID 999'],
				[post('/fb/subscriber/setCustomField', { subscriber_id: SUBSCRIBER_ALICE, field_id: 999, field_value: 'x' }), 'custom field with ID 999'],
				[post('/fb/subscriber/setCustomFieldByName', { subscriber_id: SUBSCRIBER_ALICE, field_name: 'nope', field_value: 'x' }), 'custom field named "nope"'],
				[post('/fb/page/setBotFieldByName', { field_name: 'nope', field_value: 'x' }), 'bot field named "nope"'],
				[post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_ALICE, flow_ns: 'content_nope' }), 'flow "content_nope"'],
				[get('/fb/subscriber/findBySystemField', { email: 'nobody@example.com' }), 'subscriber with email nobody@example.com'],
			];
			for (const [pending, message] of cases) {
				const reply = await pending;
				expect([reply.status, reply.body]).toEqual([400, refusal(message)]);
			}
		});

		it('checks every batch item before writing any', async () => {
			const fields = [
				{ field_id: FIELD_ORDER_MESSAGE, field_value: 'should not stick' },
				{ field_name: 'order_total', field_value: 'not a number' },
			];
			expect((await post('/fb/subscriber/setCustomFields', { subscriber_id: SUBSCRIBER_ALICE, fields })).status).toBe(400);
			expect(subscriber(SUBSCRIBER_ALICE).custom_fields[0].value).toBeNull();
		});
	});

	describe('big subscriber IDs', () => {
		it('tags Bob from a raw body whose subscriber_id is beyond 2^53, and returns his ID as a string', async () => {
			const reply = await call('POST', '/fb/subscriber/addTag', '{"subscriber_id":9007199254740993,"tag_id":101}');
			expect(reply.body).toEqual(OK);
			expect(subscriber(SUBSCRIBER_BOB).tags.map((tag) => tag.id)).toEqual([TAG_MANAGER, TAG_VIP]);

			const info = await get('/fb/subscriber/getInfo', { subscriber_id: '9007199254740993' });
			expect(dataOf<ManyChatSubscriber>(info).id).toBe('9007199254740993');
			expect(info.text).toContain('"id":"9007199254740993"');
		});

		it('shows why: the same ID rounded by JSON.stringify names nobody', async () => {
			// 9007199254740993 is not representable; a JavaScript client sends 9007199254740992.
			const reply = await post('/fb/subscriber/addTag', { subscriber_id: Number(SUBSCRIBER_BOB), tag_id: TAG_VIP });
			expect([reply.status, reply.body]).toEqual([400, refusal('subscriber with ID 9007199254740992')]);
		});
	});

	describe('rate limits', () => {
		beforeEach(() => server.setFaults({ throttle: true }));

		it('throttles each endpoint on its own, with the error envelope and no Retry-After', async () => {
			const burst = await Promise.all(Array.from({ length: 11 }, async (_, n) => await post('/fb/page/createTag', { name: `burst-${n}` })));
			const throttled = burst.filter((reply) => reply.status === 429);
			expect(throttled.length).toBeGreaterThanOrEqual(1);
			expect(throttled[0].body).toEqual({ status: 'error', message: 'Too many requests' });
			expect(throttled[0].headers.get('retry-after')).toBeNull();
			// Another endpoint with the same key still answers in the same second.
			expect((await get('/fb/page/getTags')).status).toBe(200);

			server.setFaults({ throttle: false });
			const unthrottled = await Promise.all(Array.from({ length: 11 }, async (_, n) => await post('/fb/page/createTag', { name: `free-${n}` })));
			expect(unthrottled.map((reply) => reply.status)).toEqual(Array(11).fill(200));
		});

		it('uses the documented numbers per endpoint', async () => {
			const burst = async (count: number, request: () => Promise<Reply>) =>
				(await Promise.all(Array.from({ length: count }, request))).filter((reply) => reply.status === 429).length;
			expect(await burst(10, async () => await get('/fb/page/getFlows'))).toBe(0);
			expect(await burst(1, async () => await get('/fb/page/getFlows'))).toBe(1);
			expect(await burst(50, async () => await get('/fb/subscriber/findBySystemField', { email: 'alice@example.com' }))).toBe(0);
			expect(await burst(1, async () => await get('/fb/subscriber/findBySystemField', { email: 'alice@example.com' }))).toBe(1);
			expect(await burst(20, async () => await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_BOB, flow_ns: FLOW_CATALOG }))).toBe(0);
			expect(await burst(1, async () => await post('/fb/sending/sendFlow', { subscriber_id: SUBSCRIBER_BOB, flow_ns: FLOW_CATALOG }))).toBe(1);
		});
	});
});

describe('parseLossless', () => {
	it('turns integers with more than 15 digits into exact strings', () => {
		expect(parseLossless('{"id":9007199254740993,"list":[12345678901234567890,-1543835812530302162]}')).toEqual({
			id: '9007199254740993',
			list: ['12345678901234567890', '-1543835812530302162'],
		});
		expect(parseLossless('1234567890123456')).toBe('1234567890123456');
	});

	it('keeps integers of up to 15 digits as numbers', () => {
		expect(parseLossless('{"a":101,"b":-7,"c":0,"d":999999999999999}')).toEqual({ a: 101, b: -7, c: 0, d: 999999999999999 });
	});

	it('never touches digits inside strings, escapes included', () => {
		expect(parseLossless('{"s":"9007199254740993","t":"a\\"12345678901234567\\\\","u":"\\u0031"}')).toEqual({
			s: '9007199254740993',
			t: 'a"12345678901234567\\',
			u: '1',
		});
		expect(parseLossless('{"12345678901234567":1}')).toEqual({ '12345678901234567': 1 });
	});

	it('leaves decimals, exponents and negative numbers as numbers', () => {
		expect(parseLossless('[-1.5,2e3,1.25,-0,-12.5E-3,-42]')).toEqual([-1.5, 2000, 1.25, -0, -12.5e-3, -42]);
		// Long mantissas with a fraction or an exponent are not integer literals: JSON.parse decides.
		expect(parseLossless('[12345678901234567e2,1.2345678901234567890]')).toEqual(JSON.parse('[12345678901234567e2,1.2345678901234567890]'));
		expect(parseLossless(' { "n" : -9007199254740993 , "b" : true , "z" : null } ')).toEqual({ n: '-9007199254740993', b: true, z: null });
	});

	it('rejects invalid JSON like JSON.parse', () => {
		expect(() => parseLossless('{"a":}')).toThrow(SyntaxError);
		expect(() => parseLossless('012345678901234567')).toThrow(SyntaxError);
		expect(() => parseLossless('"unterminated 12345678901234567')).toThrow(SyntaxError);
	});
});
