/**
 * Records the ManyChat simulator keeps, and its seed. Field names follow ManyChat's OpenAPI schemas
 * (contracts/manychat/*.yml), so records can be served as they are stored. The simulator serves one
 * page; `pages` and `apiKeys` say which key belongs to it.
 */
export type FieldType = 'text' | 'number' | 'date' | 'datetime' | 'boolean';
export type FieldValue = string | number | boolean | null;

export interface ManyChatPage {
	id: number;
	name: string;
	category: string;
	avatar_link: string;
	username: string;
	about: string;
	description: string;
	is_pro: boolean;
	timezone: string;
}

export interface ManyChatTag {
	id: number;
	name: string;
}

export interface ManyChatCustomField {
	id: number;
	name: string;
	type: FieldType;
	description: string;
}

export interface ManyChatBotField extends ManyChatCustomField {
	value: FieldValue;
}

export interface ManyChatFlow {
	/** "Automation namespace": the ID sendFlow takes. */
	ns: string;
	name: string;
	folder_id: number;
}

export interface ManyChatFolder {
	id: number;
	name: string;
	parent_id: number;
}

export interface ManyChatGrowthTool {
	id: number;
	name: string;
	type: string;
}

export interface ManyChatOtnTopic {
	id: number;
	name: string;
	description: string;
}

export interface ManyChatUserRef {
	user_ref: string;
	opted_in: string;
}

/**
 * The spec's `Subscriber`. Absent contact data is null, as real ManyChat answers (the spec marks
 * those fields as plain strings, but third parties see nulls on the wire).
 */
export interface ManyChatSubscriber {
	/** A string: IDs can exceed JavaScript's safe integer range. */
	id: string;
	page_id: string;
	user_refs: ManyChatUserRef[];
	first_name: string;
	last_name: string;
	name: string;
	gender: string | null;
	profile_pic: string | null;
	locale: string | null;
	language: string | null;
	timezone: string | null;
	live_chat_url: string;
	last_input_text: string | null;
	optin_phone: boolean;
	phone: string | null;
	optin_email: boolean;
	email: string | null;
	subscribed: string;
	last_interaction: string | null;
	last_seen: string | null;
	is_followup_enabled: boolean;
	ig_username: string | null;
	ig_id: number | null;
	whatsapp_phone: string | null;
	whatsapp_bsuid: string | null;
	whatsapp_username: string | null;
	optin_whatsapp: boolean;
	/** Every page custom field, value null unless set. */
	custom_fields: Array<ManyChatCustomField & { value: FieldValue }>;
	tags: ManyChatTag[];
}

/** One accepted send, for tests to inspect what a recipient would have seen. */
export interface ManyChatDelivery {
	subscriber_id: string;
	kind: 'content' | 'flow';
	at: string;
	/** sendContent's `data.content` (messages, actions, quick_replies, channel type). */
	content?: unknown;
	flow_ns?: string;
	/** Set for sendContentByUserRef. */
	user_ref?: string;
	/** The subscriber's custom fields (name → value) at send time: what a flow would render. */
	custom_fields: Record<string, unknown>;
}

export interface ManyChatState {
	/** API key (`page_id:key`) → page ID. */
	apiKeys: Record<string, number>;
	pages: Record<string, ManyChatPage>;
	tags: ManyChatTag[];
	customFields: ManyChatCustomField[];
	botFields: ManyChatBotField[];
	flows: ManyChatFlow[];
	folders: ManyChatFolder[];
	growthTools: ManyChatGrowthTool[];
	otnTopics: ManyChatOtnTopic[];
	subscribers: Record<string, ManyChatSubscriber>;
	/** Not part of the Subscriber schema, so kept aside: sends to these answer "blocked the page". */
	blockedSubscriberIds: string[];
	/** subscriber ID → custom field ID → when it was last set; findByCustomField sorts by it. */
	fieldUpdatedAt: Record<string, Record<string, string>>;
	deliveries: ManyChatDelivery[];
	/**
	 * sendFlow's per-subscriber hourly cap, when a load test lifts it (in-process only). ManyChat
	 * documents 100; absent means that.
	 */
	flowsPerSubscriberPerHour?: number;
}

export const SIMULATOR_PAGE_ID = 1234567890123456;
/** The key the dev instance's "ManyChat" credential uses. Not a real secret. */
export const SIMULATOR_API_KEY = `${SIMULATOR_PAGE_ID}:SIMULATORKEY0000000000000000000001`;

export const TAG_VIP = 101;
export const TAG_MANAGER = 102;
export const TAG_NEWSLETTER = 103;
export const FIELD_ORDER_MESSAGE = 201;
export const FIELD_ORDER_TOTAL = 202;
export const FIELD_LOYALTY_MEMBER = 203;
export const FIELD_LAST_ORDER_DATE = 204;
export const BOT_FIELD_STORE_STATUS = 301;
export const FLOW_ORDER_NOTIFICATION = 'content20260101000000_000001';
export const FLOW_CATALOG = 'content20260101000000_000002';
export const FOLDER_SHOP_SYNC = 1;
export const GROWTH_TOOL_WIDGET = 401;
export const OTN_BACK_IN_STOCK = 501;
/** Inside the 24-hour window; reachable on Messenger, WhatsApp and Instagram. */
export const SUBSCRIBER_ALICE = '1000000001';
/** Beyond 2^53: exact only when handled as a string. */
export const SUBSCRIBER_BOB = '9007199254740993';
/** Last interaction 72 h ago: outside the 24-hour window. */
export const SUBSCRIBER_CAROL = '1000000003';
/** Blocked the page. */
export const SUBSCRIBER_DAN = '1000000004';
/** Alice's Messenger checkbox-plugin reference (the spec's example value). */
export const USER_REF_ALICE = '-1543835812530302162';

const HOUR = 3_600_000;

/** W3C datetime as ManyChat writes it: seconds precision with a numeric offset. */
export function w3cTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

interface SeedPerson {
	id: string;
	first_name: string;
	last_name: string;
	gender: string;
	email: string;
	phone?: string;
	whatsapp?: boolean;
	instagram?: { ig_id: number; ig_username: string };
	hoursSinceInteraction: number;
	tag?: ManyChatTag;
	user_refs?: ManyChatUserRef[];
}

function seedSubscriber(person: SeedPerson, fields: ManyChatCustomField[], now: number): ManyChatSubscriber {
	const lastInteraction = w3cTime(now - person.hoursSinceInteraction * HOUR);
	return {
		id: person.id,
		page_id: String(SIMULATOR_PAGE_ID),
		user_refs: person.user_refs ?? [],
		first_name: person.first_name,
		last_name: person.last_name,
		name: `${person.first_name} ${person.last_name}`,
		gender: person.gender,
		profile_pic: `https://example.invalid/avatars/${person.id}.png`,
		locale: 'en_US',
		language: 'English',
		timezone: 'UTC+01',
		live_chat_url: `https://app.manychat.com/fb${SIMULATOR_PAGE_ID}/chat/${person.id}`,
		last_input_text: 'Hi',
		optin_phone: person.phone !== undefined,
		phone: person.phone ?? null,
		optin_email: true,
		email: person.email,
		subscribed: w3cTime(now - 30 * 24 * HOUR),
		last_interaction: lastInteraction,
		last_seen: lastInteraction,
		is_followup_enabled: true,
		ig_username: person.instagram?.ig_username ?? null,
		ig_id: person.instagram?.ig_id ?? null,
		whatsapp_phone: person.whatsapp ? (person.phone ?? null) : null,
		whatsapp_bsuid: null,
		whatsapp_username: null,
		optin_whatsapp: person.whatsapp === true,
		custom_fields: fields.map((field) => ({ ...field, value: null })),
		tags: person.tag ? [{ ...person.tag }] : [],
	};
}

export function initialManyChatState(): ManyChatState {
	const now = Date.now();
	const tags: ManyChatTag[] = [
		{ id: TAG_VIP, name: 'vip' },
		{ id: TAG_MANAGER, name: 'manager' },
		{ id: TAG_NEWSLETTER, name: 'newsletter' },
	];
	const [vip, manager] = tags;
	const customFields: ManyChatCustomField[] = [
		{ id: FIELD_ORDER_MESSAGE, name: 'order_message', type: 'text', description: 'Text shown by the order notification flow' },
		{ id: FIELD_ORDER_TOTAL, name: 'order_total', type: 'number', description: '' },
		{ id: FIELD_LOYALTY_MEMBER, name: 'loyalty_member', type: 'boolean', description: '' },
		{ id: FIELD_LAST_ORDER_DATE, name: 'last_order_date', type: 'date', description: '' },
	];
	const people: SeedPerson[] = [
		{
			id: SUBSCRIBER_ALICE,
			first_name: 'Alice',
			last_name: 'Manager',
			gender: 'female',
			email: 'alice@example.com',
			phone: '+15550000001',
			whatsapp: true,
			instagram: { ig_id: 6384638001, ig_username: 'alice.manager' },
			hoursSinceInteraction: 1,
			tag: manager,
			user_refs: [{ user_ref: USER_REF_ALICE, opted_in: w3cTime(now - 10 * 24 * HOUR) }],
		},
		{ id: SUBSCRIBER_BOB, first_name: 'Bob', last_name: 'Manager', gender: 'male', email: 'bob@example.com', hoursSinceInteraction: 2, tag: manager },
		{
			id: SUBSCRIBER_CAROL,
			first_name: 'Carol',
			last_name: 'Shopper',
			gender: 'female',
			email: 'carol@example.com',
			phone: '+15550000003',
			hoursSinceInteraction: 72,
			tag: vip,
		},
		{ id: SUBSCRIBER_DAN, first_name: 'Dan', last_name: 'Blocked', gender: 'male', email: 'dan@example.com', hoursSinceInteraction: 1 },
	];
	return {
		apiKeys: { [SIMULATOR_API_KEY]: SIMULATOR_PAGE_ID },
		pages: {
			[SIMULATOR_PAGE_ID]: {
				id: SIMULATOR_PAGE_ID,
				name: 'Shop Sync Demo Store',
				category: 'Shopping & Retail',
				avatar_link: 'https://example.invalid/avatar.png',
				username: 'shopsyncdemo',
				about: 'Demo page served by the ManyChat simulator',
				description: '',
				is_pro: true,
				timezone: 'Europe/Paris',
			},
		},
		tags,
		customFields,
		botFields: [{ id: BOT_FIELD_STORE_STATUS, name: 'store_status', type: 'text', description: '', value: 'open' }],
		flows: [
			{ ns: FLOW_ORDER_NOTIFICATION, name: 'Order notification', folder_id: FOLDER_SHOP_SYNC },
			{ ns: FLOW_CATALOG, name: 'Product catalog', folder_id: FOLDER_SHOP_SYNC },
		],
		folders: [{ id: FOLDER_SHOP_SYNC, name: 'Shop Sync', parent_id: 0 }],
		growthTools: [{ id: GROWTH_TOOL_WIDGET, name: 'Website widget', type: 'bar' }],
		otnTopics: [{ id: OTN_BACK_IN_STOCK, name: 'Back in stock', description: 'Tell me when it is back' }],
		subscribers: Object.fromEntries(people.map((person) => [person.id, seedSubscriber(person, customFields, now)])),
		blockedSubscriberIds: [SUBSCRIBER_DAN],
		fieldUpdatedAt: {},
		deliveries: [],
	};
}
