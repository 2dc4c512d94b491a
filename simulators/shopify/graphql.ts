import { randomBytes } from 'node:crypto';
import { execute, getOperationAST, GraphQLError, parse, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

import { queryCost } from './cost';
import { validationErrors, variableErrors, type ShopifyGraphqlError } from './graphqlErrors';
import { StoreRecords } from './records';
import { adminSchema } from './schema';
import { matches, parseSearch } from './search';
import type { AppliedDiscountRecord, CustomerRecord, LineItemRecord, ProductRecord, ShopifyState, StoreState, VariantRecord } from './state';
import { connection, customerView, draftOrderView, orderView, productView, variantView } from './views';
import type { WebhookDispatcher } from './webhooks';

/** A single query may not ask for more than this (Shopify: MAX_COST_EXCEEDED). */
const MAX_QUERY_COST = 1000;

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL arguments

interface UserError {
	field: string[] | null;
	message: string;
	code?: string;
}

function numericId(value: unknown, type: string): number | undefined {
	const match = new RegExp(`^gid://shopify/${type}/(\\d+)$`).exec(String(value ?? ''));
	return match ? Number(match[1]) : undefined;
}

const sortByUpdated = <T extends { updatedAt: string; id: number }>(items: T[], reverse?: boolean) => {
	const sorted = [...items].sort((a, b) => (a.updatedAt === b.updatedAt ? a.id - b.id : a.updatedAt < b.updatedAt ? -1 : 1));
	return reverse ? sorted.reverse() : sorted;
};

function customerFields(customer: CustomerRecord) {
	return {
		email: customer.email,
		phone: customer.phone,
		first_name: customer.firstName,
		last_name: customer.lastName,
		updated_at: customer.updatedAt,
		created_at: customer.createdAt,
		tag: customer.tags,
		country: customer.addresses.map((address) => address.countryCode ?? ''),
	};
}

function productFields(product: ProductRecord) {
	return {
		title: product.title,
		handle: product.handle,
		sku: product.variants.map((variant) => variant.sku ?? ''),
		status: product.status.toLowerCase(),
		vendor: product.vendor,
		product_type: product.productType,
		tag: product.tags,
		updated_at: product.updatedAt,
		created_at: product.createdAt,
	};
}

/** Shopify's productVariants search fields the nodes use (`id` is the numeric ID). */
function variantFields(product: ProductRecord, variant: VariantRecord) {
	return {
		id: String(variant.id),
		sku: variant.sku ?? '',
		barcode: variant.barcode ?? '',
		title: variant.title,
		product_id: String(product.id),
		product_status: product.status.toLowerCase(),
		updated_at: variant.updatedAt,
	};
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

function validateCustomer(input: Args, prefix: string[]): UserError[] {
	const errors: UserError[] = [];
	if (input.email !== undefined && input.email !== null && !EMAIL.test(String(input.email))) errors.push({ field: [...prefix, 'email'], message: 'Email is invalid' });
	if (input.phone !== undefined && input.phone !== null && !PHONE.test(String(input.phone).replace(/[\s()-]/g, ''))) errors.push({ field: [...prefix, 'phone'], message: 'Phone is invalid' });
	for (const [index, address] of ((input.addresses as Args[] | undefined) ?? []).entries()) {
		if (address.countryCode && !/^[A-Z]{2}$/.test(String(address.countryCode))) errors.push({ field: [...prefix, 'addresses', String(index), 'countryCode'], message: 'Country is invalid' });
	}
	return errors;
}

function taken(store: StoreState, input: Args, except?: number): UserError[] {
	const errors: UserError[] = [];
	if (input.email && store.customers.some((c) => c.id !== except && c.email?.toLowerCase() === String(input.email).toLowerCase())) {
		errors.push({ field: ['email'], message: 'Email has already been taken' });
	}
	if (input.phone && store.customers.some((c) => c.id !== except && c.phone === String(input.phone).replace(/[\s()-]/g, ''))) {
		errors.push({ field: ['phone'], message: 'Phone has already been taken' });
	}
	return errors;
}

function customerChanges(records: StoreRecords, input: Args): Partial<CustomerRecord> {
	return {
		firstName: input.firstName,
		lastName: input.lastName,
		email: input.email === undefined ? undefined : input.email ? String(input.email).toLowerCase() : null,
		phone: input.phone === undefined ? undefined : input.phone ? String(input.phone).replace(/[\s()-]/g, '') : null,
		note: input.note,
		tags: input.tags,
		addresses: input.addresses === undefined ? undefined : records.addresses(input.addresses),
	};
}

function resolvers(state: ShopifyState, store: StoreState, records: StoreRecords) {
	const customerById = (id: unknown) => store.customers.find((c) => c.id === numericId(id, 'Customer'));
	const productById = (id: unknown) => store.products.find((p) => p.id === numericId(id, 'Product'));
	const view = (customer: CustomerRecord | undefined) => (customer ? customerView(store, customer) : null);

	return {
		shop: () => ({ id: 'gid://shopify/Shop/1', name: store.name, myshopifyDomain: store.domain, email: `owner@${store.domain}`, currencyCode: store.currency }),

		customer: ({ id }: Args) => view(customerById(id)),
		customers: (args: Args) => {
			const terms = parseSearch(args.query);
			const found = store.customers.filter((c) => matches(terms, customerFields(c), [c.firstName ?? '', c.lastName ?? '', c.email ?? '', c.phone ?? '']));
			return connection(sortByUpdated(found, args.reverse).map((c) => customerView(store, c)), args);
		},
		product: ({ id }: Args) => {
			const product = productById(id);
			return product ? productView(store, product) : null;
		},
		products: (args: Args) => {
			const terms = parseSearch(args.query);
			const found = store.products.filter((p) => matches(terms, productFields(p), [p.title, p.handle, p.vendor]));
			return connection(sortByUpdated(found, args.reverse).map((p) => productView(store, p)), args);
		},
		productVariants: (args: Args) => {
			const terms = parseSearch(args.query);
			const found = store.products.flatMap((p) => p.variants.map((v) => ({ p, v }))).filter(({ p, v }) => matches(terms, variantFields(p, v), [p.title, v.title, v.sku ?? '']));
			return connection(found.map(({ p, v }) => variantView(store, p, v)), args);
		},
		order: ({ id }: Args) => {
			const order = store.orders.find((o) => o.id === numericId(id, 'Order'));
			return order ? orderView(store, order) : null;
		},
		orders: (args: Args) => {
			const terms = parseSearch(args.query);
			const found = store.orders.filter((o) =>
				matches(terms, { updated_at: o.updatedAt, created_at: o.createdAt, email: o.email, name: `#${o.number}`, financial_status: o.financialStatus }, [o.email ?? '', `#${o.number}`]),
			);
			return connection(sortByUpdated(found, args.reverse).map((o) => orderView(store, o)), args);
		},
		draftOrder: ({ id }: Args) => {
			const draft = store.draftOrders.find((d) => d.id === numericId(id, 'DraftOrder'));
			return draft ? draftOrderView(store, draft, records.invoiceUrl(draft)) : null;
		},
		webhookSubscriptions: (args: Args) => {
			const list = store.subscriptions.filter((s) => !args.topics || (args.topics as string[]).includes(s.topic));
			return connection(list.map((s) => ({ id: `gid://shopify/WebhookSubscription/${s.id}`, topic: s.topic, uri: s.uri, format: s.format, createdAt: s.createdAt })), args);
		},

		customerCreate: ({ input }: Args) => {
			const userErrors = [...validateCustomer(input, ['input']), ...taken(store, input)];
			if (!input.email && !input.phone && !input.firstName && !input.lastName) userErrors.push({ field: null, message: 'A name, phone number, or email address must be present' });
			if (userErrors.length) return { customer: null, userErrors };
			const customer = records.createCustomer({
				...customerChanges(records, input),
				emailMarketingState: input.emailMarketingConsent?.marketingState,
			} as Partial<CustomerRecord>);
			return { customer: view(customer), userErrors: [] };
		},
		customerUpdate: ({ input }: Args) => {
			const customer = customerById(input.id);
			if (!customer) return { customer: null, userErrors: [{ field: ['id'], message: 'Customer does not exist' }] };
			const userErrors = [...validateCustomer(input, ['input']), ...taken(store, input, customer.id)];
			if (input.emailMarketingConsent) userErrors.push({ field: ['emailMarketingConsent'], message: 'To update emailMarketingConsent, please use the customerEmailMarketingConsentUpdate Mutation instead.' });
			if (userErrors.length) return { customer: null, userErrors };
			return { customer: view(records.updateCustomer(customer, customerChanges(records, input))), userErrors: [] };
		},
		customerSet: ({ identifier, input }: Args) => {
			const userErrors = validateCustomer(input, ['input']);
			if (userErrors.length) return { customer: null, userErrors: userErrors.map((e) => ({ ...e, code: 'INVALID' })) };
			let existing: CustomerRecord | undefined;
			let customIdKey: string | undefined;
			if (identifier?.id) {
				existing = customerById(identifier.id);
				if (!existing) return { customer: null, userErrors: [{ field: ['identifier', 'id'], message: 'Resource matching the identifier was not found.', code: 'NOT_FOUND' }] };
			} else if (identifier?.customId) {
				customIdKey = `${identifier.customId.namespace ?? 'custom'}.${identifier.customId.key}`;
				existing = store.customers.find((c) => c.metafields[customIdKey!] === identifier.customId.value);
			} else if (identifier?.email) {
				existing = store.customers.find((c) => c.email?.toLowerCase() === String(identifier.email).toLowerCase());
				if (input.email && String(input.email).toLowerCase() !== String(identifier.email).toLowerCase()) {
					return { customer: null, userErrors: [{ field: ['input', 'email'], message: 'The email in the input must match the identifier.', code: 'INPUT_MISMATCH' }] };
				}
			} else if (identifier?.phone) {
				existing = store.customers.find((c) => c.phone === identifier.phone);
			}
			const conflicts = taken(store, input, existing?.id);
			if (conflicts.length) return { customer: null, userErrors: conflicts.map((e) => ({ ...e, field: ['input', ...(e.field ?? [])], code: 'TAKEN' })) };
			const changes = customerChanges(records, { ...input, email: input.email ?? identifier?.email });
			if (existing) return { customer: view(records.updateCustomer(existing, changes)), userErrors: [] };
			const created = records.createCustomer({ ...changes, metafields: customIdKey ? { [customIdKey]: identifier.customId.value } : {} } as Partial<CustomerRecord>);
			return { customer: view(created), userErrors: [] };
		},
		customerDelete: ({ input }: Args) => {
			const customer = customerById(input.id);
			const shop = { id: 'gid://shopify/Shop/1', name: store.name, myshopifyDomain: store.domain, currencyCode: store.currency };
			if (!customer) return { deletedCustomerId: null, shop, userErrors: [{ field: ['id'], message: 'Customer can\'t be found' }] };
			if (customer.ordersCount > 0 || store.orders.some((o) => o.customerId === customer.id)) {
				return { deletedCustomerId: null, shop, userErrors: [{ field: null, message: 'Error deleting customer: Customer can’t be deleted because they have associated orders' }] };
			}
			records.deleteCustomer(customer);
			return { deletedCustomerId: input.id, shop, userErrors: [] };
		},
		customerEmailMarketingConsentUpdate: ({ input }: Args) => {
			const customer = customerById(input.customerId);
			if (!customer) return { customer: null, userErrors: [{ field: ['input', 'customerId'], message: 'Customer not found', code: 'INVALID' }] };
			if (!customer.email) return { customer: null, userErrors: [{ field: ['input', 'customerId'], message: 'Customer must have an email address', code: 'MISSING_ARGUMENT' }] };
			records.updateCustomer(customer, { emailMarketingState: input.emailMarketingConsent.marketingState, emailConsentUpdatedAt: new Date().toISOString() });
			return { customer: view(customer), userErrors: [] };
		},

		productSet: ({ identifier, input }: Args) => {
			let product: ProductRecord | undefined;
			let customIdKey: string | undefined;
			if (identifier?.id) product = productById(identifier.id);
			else if (identifier?.handle) product = store.products.find((p) => p.handle === identifier.handle);
			else if (identifier?.customId) {
				customIdKey = `${identifier.customId.namespace ?? 'custom'}.${identifier.customId.key}`;
				product = store.products.find((p) => p.metafields[customIdKey!] === identifier.customId.value);
			} else if (input.handle) product = store.products.find((p) => p.handle === input.handle);
			if (!input.title && !product) return { product: null, userErrors: [{ field: ['input', 'title'], message: 'Title can\'t be blank', code: 'INVALID_INPUT' }] };
			const now = new Date().toISOString();
			const created = !product;
			const title = input.title ?? product?.title ?? '';
			const record: ProductRecord = product ?? {
				id: records.nextId(),
				title,
				handle: input.handle ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
				status: 'ACTIVE',
				vendor: store.name,
				productType: '',
				tags: [],
				descriptionHtml: '',
				options: [{ name: 'Title', values: ['Default Title'] }],
				variants: [],
				metafields: customIdKey ? { [customIdKey]: identifier.customId.value } : {},
				createdAt: now,
				updatedAt: now,
			};
			for (const key of ['title', 'handle', 'status', 'vendor', 'productType', 'tags', 'descriptionHtml'] as const) {
				if (input[key] !== undefined && input[key] !== null) (record as unknown as Args)[key] = input[key];
			}
			if (input.productOptions) record.options = (input.productOptions as Args[]).map((o) => ({ name: o.name, values: (o.values ?? []).map((v: Args) => v.name) }));
			if (input.variants || created) {
				const previous = record.variants;
				const rows: Args[] = input.variants ?? [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], price: '0.00' }];
				// List fields are replaced: variants left out are deleted, matching ones keep their ID.
				record.variants = rows.map((row): VariantRecord => {
					const options = (row.optionValues as Args[]).map((v) => ({ name: String(v.optionName), value: String(v.name) }));
					const title = options.map((o) => o.value).join(' / ');
					const same = previous.find((v) => v.title === title);
					return {
						id: same?.id ?? records.nextId(),
						title,
						sku: row.inventoryItem?.sku ?? same?.sku ?? null,
						barcode: row.barcode ?? same?.barcode ?? null,
						price: row.price ?? same?.price ?? '0.00',
						compareAtPrice: row.compareAtPrice ?? same?.compareAtPrice ?? null,
						inventoryQuantity: same?.inventoryQuantity ?? 0,
						options,
						updatedAt: now,
					};
				});
			}
			record.updatedAt = now;
			records.saveProduct(record, created);
			return { product: productView(store, record), userErrors: [] };
		},
		productVariantsBulkUpdate: ({ productId, variants }: Args) => {
			const product = productById(productId);
			if (!product) return { product: null, productVariants: null, userErrors: [{ field: ['productId'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }] };
			const userErrors: UserError[] = [];
			for (const [index, row] of (variants as Args[]).entries()) {
				if (!product.variants.some((v) => v.id === numericId(row.id, 'ProductVariant'))) {
					userErrors.push({ field: ['variants', String(index), 'id'], message: 'Product variant does not exist', code: 'PRODUCT_VARIANT_DOES_NOT_EXIST' });
				}
			}
			if (userErrors.length) return { product: null, productVariants: null, userErrors };
			const now = new Date().toISOString();
			const changed = (variants as Args[]).map((row) => {
				const variant = product.variants.find((v) => v.id === numericId(row.id, 'ProductVariant'))!;
				if (row.price !== undefined) variant.price = row.price;
				if (row.compareAtPrice !== undefined) variant.compareAtPrice = row.compareAtPrice;
				if (row.barcode !== undefined) variant.barcode = row.barcode;
				if (row.inventoryItem?.sku !== undefined) variant.sku = row.inventoryItem.sku;
				variant.updatedAt = now;
				return variant;
			});
			product.updatedAt = now;
			records.saveProduct(product, false);
			return { product: productView(store, product), productVariants: changed.map((v) => variantView(store, product, v)), userErrors: [] };
		},

		draftOrderCreate: ({ input }: Args) => {
			const userErrors: UserError[] = [];
			const lineItems: LineItemRecord[] = [];
			for (const [index, row] of ((input.lineItems as Args[] | undefined) ?? []).entries()) {
				const discountErrors = appliedDiscountErrors(row, index);
				if (discountErrors.length) {
					userErrors.push(...discountErrors);
					continue;
				}
				if (row.variantId) {
					const variantId = numericId(row.variantId, 'ProductVariant');
					const product = store.products.find((p) => p.variants.some((v) => v.id === variantId));
					const variant = product?.variants.find((v) => v.id === variantId);
					if (!product || !variant) {
						userErrors.push({ field: ['lineItems', String(index), 'variantId'], message: 'Product with ID could not be found.' });
						continue;
					}
					if (fixedDiscountOverPrice(row, variant.price)) {
						userErrors.push({ field: ['lineItems', String(index), 'appliedDiscount', 'value'], message: 'Discount amount can\'t be greater than the price' });
						continue;
					}
					lineItems.push({ id: records.nextId(), title: `${product.title}${variant.title === 'Default Title' ? '' : ` - ${variant.title}`}`, sku: variant.sku, quantity: row.quantity, price: variant.price, variantId: variant.id, productId: product.id, appliedDiscount: discountRecord(row) });
				} else if (row.title && row.originalUnitPrice !== undefined) {
					const price = Number(row.originalUnitPrice).toFixed(2);
					if (fixedDiscountOverPrice(row, price)) {
						userErrors.push({ field: ['lineItems', String(index), 'appliedDiscount', 'value'], message: 'Discount amount can\'t be greater than the price' });
						continue;
					}
					lineItems.push({ id: records.nextId(), title: row.title, sku: row.sku ?? null, quantity: row.quantity, price, variantId: null, productId: null, appliedDiscount: discountRecord(row) });
				} else {
					userErrors.push({ field: ['lineItems', String(index)], message: 'Title and price are required for custom line items' });
				}
			}
			if (lineItems.length === 0 && userErrors.length === 0) userErrors.push({ field: ['lineItems'], message: 'Add at least 1 product' });
			const customerId = input.purchasingEntity?.customerId ? numericId(input.purchasingEntity.customerId, 'Customer') : undefined;
			if (input.purchasingEntity?.customerId && !store.customers.some((c) => c.id === customerId)) userErrors.push({ field: ['purchasingEntity', 'customerId'], message: 'Customer does not exist' });
			const shipping = input.shippingLine?.priceWithCurrency as { amount: string; currencyCode: string } | undefined;
			// Assumed message: Shopify asks for one presentment currency per draft order, the shop's unless set.
			if (shipping && shipping.currencyCode !== store.currency) userErrors.push({ field: ['shippingLine', 'priceWithCurrency', 'currencyCode'], message: `Currency must be the draft order's currency (${store.currency})` });
			if (userErrors.length) return { draftOrder: null, userErrors };
			const now = new Date().toISOString();
			const customer = store.customers.find((c) => c.id === customerId);
			const draft = {
				id: records.nextId(),
				number: 1 + store.draftOrders.length,
				status: 'OPEN',
				email: input.email ?? customer?.email ?? null,
				customerId: customerId ?? null,
				lineItems,
				shippingAddress: input.shippingAddress ? records.addresses([input.shippingAddress])[0] : null,
				shippingLine: input.shippingLine ? { title: String(input.shippingLine.title ?? ''), code: null, price: Number(shipping?.amount ?? 0).toFixed(2) } : null,
				note: input.note ?? null,
				tags: input.tags ?? [],
				invoiceSentAt: null,
				invoiceToken: randomBytes(16).toString('hex'),
				createdAt: now,
				updatedAt: now,
			};
			records.saveDraftOrder(draft, true);
			return { draftOrder: draftOrderView(store, draft, records.invoiceUrl(draft)), userErrors: [] };
		},
		draftOrderInvoiceSend: ({ id, email }: Args) => {
			const draft = store.draftOrders.find((d) => d.id === numericId(id, 'DraftOrder'));
			if (!draft) return { draftOrder: null, userErrors: [{ field: ['id'], message: 'Draft order does not exist' }] };
			const to = email?.to ?? draft.email;
			if (!to) return { draftOrder: null, userErrors: [{ field: ['email', 'to'], message: 'To email address can\'t be blank' }] };
			draft.invoiceSentAt = new Date().toISOString();
			draft.status = 'INVOICE_SENT';
			draft.updatedAt = draft.invoiceSentAt;
			(state as ShopifyState & { invoices?: unknown[] }).invoices?.push({ shop: store.domain, draftOrderId: draft.id, to, subject: email?.subject ?? null });
			records.saveDraftOrder(draft, false);
			return { draftOrder: draftOrderView(store, draft, records.invoiceUrl(draft)), userErrors: [] };
		},

		webhookSubscriptionCreate: ({ topic, webhookSubscription }: Args) => {
			const uri = String(webhookSubscription?.uri ?? '');
			if (!/^https?:\/\/[^/]+/.test(uri)) return { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address is invalid' }] };
			if (store.subscriptions.some((s) => s.topic === topic && s.uri === uri)) {
				return { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }] };
			}
			const subscription = { id: records.nextId(), topic, uri, format: webhookSubscription.format ?? 'JSON', createdAt: new Date().toISOString() };
			store.subscriptions.push(subscription);
			return { webhookSubscription: { ...subscription, id: `gid://shopify/WebhookSubscription/${subscription.id}` }, userErrors: [] };
		},
		webhookSubscriptionDelete: ({ id }: Args) => {
			const numeric = numericId(id, 'WebhookSubscription');
			if (!store.subscriptions.some((s) => s.id === numeric)) return { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
			store.subscriptions = store.subscriptions.filter((s) => s.id !== numeric);
			return { deletedWebhookSubscriptionId: id, userErrors: [] };
		},
	};
}

/**
 * A line's custom discount, checked as Shopify's DraftOrderAppliedDiscountInput allows it: a value
 * of at least 0, a percentage of at most 100 (messages assumed; Shopify documents no error texts).
 */
function appliedDiscountErrors(row: Args, index: number): UserError[] {
	const discount = row.appliedDiscount as Args | undefined | null;
	if (!discount) return [];
	const field = ['lineItems', String(index), 'appliedDiscount', 'value'];
	if (!(discount.value >= 0)) return [{ field, message: 'Value must be greater than or equal to 0' }];
	if (discount.valueType === 'PERCENTAGE' && discount.value > 100) return [{ field, message: 'Value must be less than or equal to 100' }];
	return [];
}

/** A fixed discount (per unit) larger than the unit price; message assumed, as above. */
function fixedDiscountOverPrice(row: Args, price: string): boolean {
	return row.appliedDiscount?.valueType === 'FIXED_AMOUNT' && Math.round(row.appliedDiscount.value * 100) > Math.round(Number(price) * 100);
}

function discountRecord(row: Args): AppliedDiscountRecord | null {
	const discount = row.appliedDiscount as Args | undefined | null;
	if (!discount) return null;
	return { valueType: discount.valueType, value: Number(discount.value), title: discount.title ?? null, description: discount.description ?? '' };
}

/** Leaky bucket per store (Shopify meters per app and store), restored continuously. */
function refill(store: StoreState, now: number): void {
	const bucket = store.bucket;
	bucket.currentlyAvailable = Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + ((now - bucket.updatedAt) / 1000) * bucket.restoreRate);
	bucket.updatedAt = now;
}

/**
 * Serves the fields the package uses and nothing else: a field the published schema has but the
 * simulator does not fill is an explicit error, never a silent null.
 */
const simulatedOnly: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
	if (source !== null && typeof source === 'object' && Object.prototype.hasOwnProperty.call(source, info.fieldName)) {
		const value = (source as Record<string, unknown>)[info.fieldName];
		return typeof value === 'function' ? (value as (...rest: unknown[]) => unknown)(args, context, info) : value;
	}
	throw new GraphQLError(`Field '${info.fieldName}' on type '${info.parentType.name}' is not simulated: the Shopify simulator serves only the fields n8n-nodes-shop-sync uses (simulators/shopify/views.ts).`, {
		extensions: { code: 'NOT_SIMULATED', typeName: info.parentType.name, fieldName: info.fieldName },
	});
};

/** Parsed and validated documents, per API version (a document valid in one may not be in another). */
const checkedDocuments = new Map<string, DocumentNode | ShopifyGraphqlError[]>();

function checkDocument(schema: GraphQLSchema, apiVersion: string, query: string): DocumentNode | ShopifyGraphqlError[] {
	const key = `${apiVersion}\n${query}`;
	let checked = checkedDocuments.get(key);
	if (!checked) {
		try {
			const document = parse(query);
			const errors = validationErrors(schema, document);
			checked = errors.length ? errors : document;
		} catch (error) {
			const syntax = error as GraphQLError;
			checked = [{ message: syntax.message, locations: syntax.locations, extensions: { code: 'PARSE_ERROR' } }];
		}
		if (checkedDocuments.size > 500) checkedDocuments.clear();
		checkedDocuments.set(key, checked);
	}
	return checked;
}

export interface GraphqlResult {
	data?: unknown;
	errors?: unknown[];
	extensions?: unknown;
}

/**
 * One Admin GraphQL request against the published schema of `apiVersion` (the version served,
 * after falling forward): the document and its variables are checked first, as Shopify does, and
 * refused with HTTP 200 and `errors[]`.
 */
export async function runGraphql(
	state: ShopifyState,
	store: StoreState,
	dispatcher: WebhookDispatcher | undefined,
	apiVersion: string,
	body: { query?: unknown; variables?: unknown; operationName?: unknown },
	throttle: boolean,
): Promise<{ status: number; body: GraphqlResult }> {
	if (typeof body?.query !== 'string' || body.query.trim() === '') {
		return { status: 400, body: { errors: [{ message: 'Parameter Missing or Invalid' }] } };
	}
	const schema = await adminSchema(apiVersion);
	const checked = checkDocument(schema, apiVersion, body.query);
	if (Array.isArray(checked)) return { status: 200, body: { errors: checked } };
	const document = checked;
	const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
	const operation = getOperationAST(document, operationName);
	if (!operation) {
		const message = operationName ? `No operation named "${operationName}"` : 'An operation name is required';
		return { status: 200, body: { errors: [{ message, extensions: { code: 'OPERATION_NAME_REQUIRED' } }] } };
	}
	const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>;
	const invalidVariables = variableErrors(schema, operation, variables);
	if (invalidVariables.length) return { status: 200, body: { errors: invalidVariables } };
	const requested = queryCost(schema, document, variables);
	const now = Date.now();
	refill(store, now);
	const throttleStatus = () => ({
		maximumAvailable: store.bucket.maximumAvailable,
		currentlyAvailable: Math.floor(store.bucket.currentlyAvailable),
		restoreRate: store.bucket.restoreRate,
	});
	if (requested > MAX_QUERY_COST) {
		return {
			status: 200,
			body: {
				errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST } }],
				extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
			},
		};
	}
	if (throttle && requested > store.bucket.currentlyAvailable) {
		return {
			status: 200,
			body: {
				errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
				extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
			},
		};
	}
	if (throttle) store.bucket.currentlyAvailable -= requested;
	const records = new StoreRecords(state, store, dispatcher);
	const result = await execute({
		schema,
		document,
		operationName,
		rootValue: resolvers(state, store, records),
		variableValues: variables,
		fieldResolver: simulatedOnly,
	});
	return {
		status: 200,
		body: {
			...(result.data !== undefined ? { data: result.data } : {}),
			...(result.errors?.length
				? { errors: result.errors.map((error) => ({ message: error.message, locations: error.locations, path: error.path, ...(error.extensions && Object.keys(error.extensions).length ? { extensions: error.extensions } : {}) })) }
				: {}),
			extensions: { cost: { requestedQueryCost: requested, actualQueryCost: requested, throttleStatus: throttleStatus() } },
		},
	};
}
