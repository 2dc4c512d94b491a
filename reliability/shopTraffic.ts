/**
 * Merchant activity in the Shopify simulator's stores A, B, C (customer creates, edits, deletes;
 * new orders), remembering what each change should lead to, and the audit that compares it with
 * what CEGID, the other stores, BigQuery and the managers' ManyChat inbox hold in the end.
 *
 * "Lost" counts a change that is missing from a place it should have reached; "duplicated" counts
 * an extra copy of a record (a second CEGID customer, a second store copy, a second order row, a
 * second notification) and any write beyond one per change.
 */
import type { ReliabilityEnvironment } from './environment';
import { seededRandom } from '../simulators/frame/random';

export const STORE_KEYS = ['a', 'b', 'c'] as const;
export type StoreKey = (typeof STORE_KEYS)[number];
const MANAGERS = ['1000000001', '9007199254740993'];
const ORDER_FLOW = 'content20260101000000_000001';

interface TrackedCustomer {
	email: string;
	origin: StoreKey;
	firstName: string;
	lastName: string;
	deleted: boolean;
}

interface TrackedOrder {
	store: StoreKey;
	id: number;
	name: string;
	domain: string;
}

export interface TrafficAudit {
	customerEvents: number;
	orderEvents: number;
	/** Places each change should have reached, counted once each. */
	expectedEffects: number;
	lost: number;
	duplicated: number;
	/**
	 * Deleted customers of whom CEGID never heard: every change of theirs failed before reaching
	 * CEGID, and they were deleted before a replay (which then finds them gone and writes nothing).
	 * Counted apart, and only where the scenario allows it (faults); elsewhere they are lost.
	 */
	deletedBeforeReachingCegid: number;
	/** CEGID writes seen, against one per customer change. */
	cegidWrites: number;
	/** The first few problems, for the notes. */
	problems: string[];
}

export class ShopTraffic {
	readonly customers = new Map<string, TrackedCustomer>();

	readonly orders: TrackedOrder[] = [];

	customerEvents = 0;

	private readonly random: () => number;

	private readonly cegidWritesBefore: number;

	constructor(
		private readonly env: ReliabilityEnvironment,
		/** Keeps this run's records apart from other scenarios' on the same simulators. */
		private readonly tag: string,
		seed: number,
		private readonly options: { allowDeletedBeforeReachingCegid?: boolean } = {},
	) {
		this.random = seededRandom(seed);
		this.cegidWritesBefore = this.cegidWrites();
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.random() * list.length)];
	}

	shuffled<T>(list: readonly T[]): T[] {
		const copy = [...list];
		for (let index = copy.length - 1; index > 0; index--) {
			const other = Math.floor(this.random() * (index + 1));
			[copy[index], copy[other]] = [copy[other], copy[index]];
		}
		return copy;
	}

	/** CEGID customer writes that succeeded (creates, updates, closes), from its request log. */
	cegidWrites(): number {
		return this.env.cegid.requests.filter((request) => request.method !== 'GET' && /customer/i.test(request.path) && !/search|token|\.svc/i.test(request.path) && (request.status ?? 0) >= 200 && (request.status ?? 0) < 300).length;
	}

	async createCustomer(index: number, fields: { firstName?: string; lastName?: string } = {}): Promise<TrackedCustomer> {
		const origin = STORE_KEYS[index % 3];
		const customer: TrackedCustomer = { email: `${this.tag}-c${index}@example.com`, origin, firstName: fields.firstName ?? `First${index}`, lastName: fields.lastName ?? `Last${index}`, deleted: false };
		this.customers.set(customer.email, customer);
		this.customerEvents++;
		await this.env.admin('POST', origin, '/customers', { first_name: customer.firstName, last_name: customer.lastName, email: customer.email });
		return customer;
	}

	/** An edit of one name field in a random store that holds the customer. */
	async editCustomer(customer: TrackedCustomer, round: number, value?: string): Promise<void> {
		const { store, copy } = this.copyInSomeStore(customer);
		const field = this.random() < 0.5 ? 'firstName' : 'lastName';
		const next = value ?? `${field === 'firstName' ? 'F' : 'L'}${round}x${Math.floor(this.random() * 1e6)}`;
		customer[field] = next;
		this.customerEvents++;
		await this.env.admin('PUT', store, `/customers/${copy.id}`, { [field === 'firstName' ? 'first_name' : 'last_name']: next });
	}

	/** A random store holding the customer now (under faults a copy may still wait for its replay). */
	private copyInSomeStore(customer: TrackedCustomer): { store: StoreKey; copy: { id: number } } {
		const holding = STORE_KEYS.flatMap((store) => {
			const copy = this.env.store(store).customers.find((candidate) => candidate.email === customer.email);
			return copy ? [{ store, copy }] : [];
		});
		if (holding.length === 0) throw new Error(`${customer.email} is in no store, not even ${customer.origin} where it was created`);
		return this.pick(holding);
	}

	async deleteCustomer(customer: TrackedCustomer): Promise<void> {
		const { store, copy } = this.copyInSomeStore(customer);
		customer.deleted = true;
		this.customerEvents++;
		await this.env.admin('DELETE', store, `/customers/${copy.id}`);
	}

	async createOrder(index: number, extra: { note?: string; shippingLastName?: string; title?: string } = {}): Promise<TrackedOrder> {
		const store = STORE_KEYS[index % 3];
		const created = await this.env.admin<{ id: number; name: string }>('POST', store, '/orders', {
			email: `${this.tag}-buyer${index}@orders.example`,
			lineItems: [
				{ title: extra.title ?? 'Serum', sku: 'SER-30', quantity: 2, price: '24.50' },
				{ title: 'Cream', sku: 'CRM-50', quantity: 1, price: '10.00' },
			],
			shippingAddress: { firstName: 'Buyer', lastName: extra.shippingLastName ?? `N${index}`, address1: '1 rue X', city: 'Paris', zip: '75001', countryCode: 'FR' },
			shippingLine: { title: 'Standard', code: 'STD', price: '4.90' },
			...(extra.note !== undefined && { note: extra.note }),
		});
		const order = { store, id: created.id, name: created.name, domain: this.env.store(store).domain };
		this.orders.push(order);
		return order;
	}

	audit(): TrafficAudit {
		let lost = 0;
		let duplicated = 0;
		let deletedBeforeReachingCegid = 0;
		let expectedEffects = 0;
		const problems: string[] = [];
		const problem = (text: string) => problems.length < 10 && problems.push(text);
		const cegid = Object.values(this.env.cegid.state.customers);

		for (const customer of this.customers.values()) {
			// CEGID: exactly one record, closed when deleted, else with the last names given.
			expectedEffects++;
			const records = cegid.filter((record) => record.emails.some((entry) => entry.value.toLowerCase() === customer.email));
			if (records.length === 0 && customer.deleted && this.options.allowDeletedBeforeReachingCegid) {
				deletedBeforeReachingCegid++;
				problem(`${customer.email}: deleted before any change of theirs reached CEGID (no CEGID record; counted apart, not as lost)`);
			} else if (records.length === 0) {
				lost++;
				problem(`${customer.email}: not in CEGID`);
			} else {
				duplicated += records.length - 1;
				if (records.length > 1) problem(`${customer.email}: ${records.length} CEGID records`);
				const record = records[0];
				if (record.closed !== customer.deleted || (!customer.deleted && (record.firstName !== customer.firstName || record.lastName !== customer.lastName))) {
					lost++;
					problem(`${customer.email}: CEGID has ${record.firstName} ${record.lastName} closed=${record.closed}, expected ${customer.firstName} ${customer.lastName} closed=${customer.deleted}`);
				}
			}
			// Every store: one copy with the last names, or none once deleted.
			for (const key of STORE_KEYS) {
				expectedEffects++;
				const copies = this.env.store(key).customers.filter((candidate) => candidate.email === customer.email);
				if (customer.deleted) {
					if (copies.length > 0) {
						lost++;
						problem(`${customer.email}: still in store ${key} after its deletion`);
					}
					continue;
				}
				if (copies.length === 0) {
					lost++;
					problem(`${customer.email}: not in store ${key}`);
					continue;
				}
				duplicated += copies.length - 1;
				if (copies.length > 1) problem(`${customer.email}: ${copies.length} copies in store ${key}`);
				if (copies[0].firstName !== customer.firstName || copies[0].lastName !== customer.lastName) {
					lost++;
					problem(`${customer.email}: store ${key} has ${copies[0].firstName} ${copies[0].lastName}, expected ${customer.firstName} ${customer.lastName}`);
				}
			}
		}
		// Compare-first: one CEGID write per customer change at most (echoes and repeats write nothing).
		const cegidWrites = this.cegidWrites() - this.cegidWritesBefore;
		if (cegidWrites > this.customerEvents) {
			duplicated += cegidWrites - this.customerEvents;
			problem(`${cegidWrites} CEGID writes for ${this.customerEvents} customer changes`);
		}

		const rows = this.env.orderRows();
		const rowsByKey = new Map<string, number>();
		for (const row of rows) rowsByKey.set(String(row.order_key), (rowsByKey.get(String(row.order_key)) ?? 0) + 1);
		const notifications = new Map<string, number>();
		for (const delivery of this.env.manychat.state.deliveries) {
			if (delivery.flow_ns !== ORDER_FLOW) continue;
			const text = String(delivery.custom_fields.order_message ?? '');
			const head = /^New order (\S+) in (\S+)\n/.exec(text);
			if (head) notifications.set(`${delivery.subscriber_id}|${head[1]}|${head[2]}`, (notifications.get(`${delivery.subscriber_id}|${head[1]}|${head[2]}`) ?? 0) + 1);
		}
		for (const order of this.orders) {
			expectedEffects++;
			const count = rowsByKey.get(`shopify:${order.domain}:${order.id}`) ?? 0;
			if (count === 0) {
				lost++;
				problem(`order ${order.name} of ${order.domain}: no row in BigQuery`);
			}
			duplicated += Math.max(0, count - 1);
			if (count > 1) problem(`order ${order.name} of ${order.domain}: ${count} rows`);
			for (const manager of MANAGERS) {
				expectedEffects++;
				const told = notifications.get(`${manager}|${order.name}|${order.domain}`) ?? 0;
				if (told === 0) {
					lost++;
					problem(`order ${order.name} of ${order.domain}: manager ${manager} not told`);
				}
				duplicated += Math.max(0, told - 1);
				if (told > 1) problem(`order ${order.name} of ${order.domain}: manager ${manager} told ${told} times`);
			}
		}
		return { customerEvents: this.customerEvents, orderEvents: this.orders.length, expectedEffects, lost, duplicated, deletedBeforeReachingCegid, cegidWrites, problems };
	}
}
