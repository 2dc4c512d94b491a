import {
	FIELD_LOYALTY_MEMBER,
	FIELD_ORDER_MESSAGE,
	FIELD_ORDER_TOTAL,
	SUBSCRIBER_ALICE,
	SUBSCRIBER_BOB,
	SUBSCRIBER_CAROL,
	TAG_VIP,
} from '../../../simulators/manychat/state';
import { runWorkflow } from '../harness/runWorkflow';
import { manyChatWorkflow, NODE, useManyChat } from './setup';

describe('ManyChat node › Subscriber', () => {
	const { sim, credentials } = useManyChat();
	const run = async (parameters: Record<string, unknown>) =>
		await runWorkflow(manyChatWorkflow({ resource: 'subscriber', ...parameters } as never), { credentials: credentials() });
	const subscriber = (id: string) => sim.server.state.subscribers[id];
	const tagNames = (id: string) => subscriber(id).tags.map((tag: { name: string }) => tag.name).sort();

	it('Get returns a subscriber whose ID is beyond 2^53, exactly, as text', async () => {
		const result = await run({ operation: 'get', subscriberId: SUBSCRIBER_BOB });
		expect(result.output(NODE)[0].json).toMatchObject({ id: '9007199254740993', name: 'Bob Manager' });
		expect(sim.server.requests[0].query).toEqual({ subscriber_id: '9007199254740993' });
	});

	it('Get names the field to fix when the ID is not a number', async () => {
		const result = await run({ operation: 'get', subscriberId: 'alice' });
		expect(result.error(NODE)?.message).toBe('Subscriber ID: "alice" is not a ManyChat subscriber ID');
		expect(sim.server.requests).toHaveLength(0);
	});

	it('Find by Name returns the matches', async () => {
		const result = await run({ operation: 'findByName', name: 'Alice Manager' });
		expect(result.output(NODE).map((item) => item.json.id)).toEqual([SUBSCRIBER_ALICE]);
	});

	it('Find by System Field finds by email, and explains a malformed phone', async () => {
		const byEmail = await run({ operation: 'findBySystemField', systemField: 'email', value: 'carol@example.com' });
		expect(byEmail.output(NODE)[0].json.id).toBe(SUBSCRIBER_CAROL);
		const badPhone = await run({ operation: 'findBySystemField', systemField: 'phone', value: '555-0100' });
		expect(badPhone.error(NODE)?.message).toBe('Value: "555-0100" is not an international phone number');
	});

	it('Set Custom Fields sets one field by name, several by ID and name in one call, with typed values', async () => {
		const one = await run({
			operation: 'setCustomFields',
			subscriberId: SUBSCRIBER_ALICE,
			fields: { field: [{ customField: { __rl: true, mode: 'name', value: 'order_message' }, value: 'Hello Alice' }] },
		});
		expect(one.output(NODE)[0].json).toEqual({ subscriber_id: SUBSCRIBER_ALICE, fields_set: 1 });
		expect(sim.server.requests.map((request) => request.path)).toEqual(['/fb/subscriber/setCustomFieldByName']);

		await run({
			operation: 'setCustomFields',
			subscriberId: SUBSCRIBER_BOB,
			fields: {
				field: [
					{ customField: { __rl: true, mode: 'list', value: String(FIELD_ORDER_TOTAL) }, value: '84.90' },
					{ customField: { __rl: true, mode: 'name', value: 'loyalty_member' }, value: 'true' },
				],
			},
		});
		expect(sim.server.requests.at(-1)?.path).toBe('/fb/subscriber/setCustomFields');
		const bobFields = Object.fromEntries(subscriber(SUBSCRIBER_BOB).custom_fields.map((field: { id: number; value: unknown }) => [field.id, field.value]));
		expect(bobFields[FIELD_ORDER_TOTAL]).toBe(84.9);
		expect(bobFields[FIELD_LOYALTY_MEMBER]).toBe(true);
		const aliceMessage = subscriber(SUBSCRIBER_ALICE).custom_fields.find((field: { id: number }) => field.id === FIELD_ORDER_MESSAGE);
		expect(aliceMessage?.value).toBe('Hello Alice');
	});

	it('Find by Custom Field resolves a field given by name to its ID', async () => {
		await run({
			operation: 'setCustomFields',
			subscriberId: SUBSCRIBER_CAROL,
			fields: { field: [{ customField: { __rl: true, mode: 'id', value: String(FIELD_ORDER_MESSAGE) }, value: 'gift wrap' }] },
		});
		const result = await run({
			operation: 'findByCustomField',
			customField: { __rl: true, mode: 'name', value: 'Order_Message' },
			value: 'gift wrap',
		});
		expect(result.output(NODE).map((item) => item.json.id)).toEqual([SUBSCRIBER_CAROL]);
		expect(sim.server.requests.at(-1)?.query).toEqual({ field_id: String(FIELD_ORDER_MESSAGE), field_value: 'gift wrap' });
	});

	it('Add Tag and Remove Tag work by ID and by name, also for a big subscriber ID', async () => {
		await run({ operation: 'addTag', subscriberId: SUBSCRIBER_BOB, tag: { __rl: true, mode: 'list', value: String(TAG_VIP) } });
		await run({ operation: 'addTag', subscriberId: SUBSCRIBER_BOB, tag: { __rl: true, mode: 'name', value: 'newsletter' } });
		expect(tagNames(SUBSCRIBER_BOB)).toEqual(['manager', 'newsletter', 'vip']);

		const removed = await run({ operation: 'removeTag', subscriberId: SUBSCRIBER_BOB, tag: { __rl: true, mode: 'name', value: 'manager' } });
		expect(removed.output(NODE)[0].json).toEqual({ subscriber_id: SUBSCRIBER_BOB, tag: 'manager', status: 'removed' });
		expect(tagNames(SUBSCRIBER_BOB)).toEqual(['newsletter', 'vip']);
		expect(sim.server.requests.map((request) => request.path)).toEqual([
			'/fb/subscriber/addTag',
			'/fb/subscriber/addTagByName',
			'/fb/subscriber/removeTagByName',
		]);
		expect(sim.server.requests[0].body).toEqual({ subscriber_id: SUBSCRIBER_BOB, tag_id: TAG_VIP });
	});

	it('Add Tag explains an unknown tag name with ManyChat\'s own message', async () => {
		const result = await run({ operation: 'addTag', subscriberId: SUBSCRIBER_ALICE, tag: { __rl: true, mode: 'name', value: 'nosuchtag' } });
		expect(result.error(NODE)?.message).toMatch(/^ManyChat: HTTP 400: .*nosuchtag/);
	});

	it('Create makes a contact from an email, with the opt-in answer ManyChat requires', async () => {
		const result = await run({ operation: 'create', contactFields: { email: 'erin@example.com', first_name: 'Erin' } });
		const created = result.output(NODE)[0].json;
		expect(created).toMatchObject({ first_name: 'Erin', email: 'erin@example.com' });
		expect(sim.server.state.subscribers[String(created.id)]).toBeDefined();
		expect(sim.server.requests[0].body).toEqual({ email: 'erin@example.com', first_name: 'Erin', has_opt_in_email: false });
	});

	it('Create refuses a contact without email or phone, naming the fields', async () => {
		const result = await run({ operation: 'create', contactFields: { first_name: 'Nobody' } });
		expect(result.error(NODE)?.message).toBe('Contact Fields: no way to reach the contact');
		expect(result.error(NODE)?.description).toBe('Add Email, Phone or WhatsApp Phone.');
	});

	it('Update changes contact details', async () => {
		const result = await run({ operation: 'update', subscriberId: SUBSCRIBER_ALICE, updateFields: { last_name: 'Boss' } });
		expect(result.output(NODE)[0].json).toMatchObject({ id: SUBSCRIBER_ALICE, last_name: 'Boss' });
		expect(subscriber(SUBSCRIBER_ALICE).last_name).toBe('Boss');
	});
});
