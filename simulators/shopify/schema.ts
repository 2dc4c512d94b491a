/**
 * The part of Shopify's Admin GraphQL API (2026-10) that n8n-nodes-shop-sync uses, with Shopify's own
 * type, field, argument and enum names. Anything not listed here is not simulated.
 */
export const SHOPIFY_SCHEMA_SDL = /* GraphQL */ `

scalar DateTime
scalar Decimal
scalar URL
scalar HTML
scalar UnsignedInt64

type Query {
  shop: Shop!
  customer(id: ID!): Customer
  customers(first: Int, after: String, query: String, sortKey: CustomerSortKeys, reverse: Boolean): CustomerConnection!
  product(id: ID!): Product
  products(first: Int, after: String, query: String, sortKey: ProductSortKeys, reverse: Boolean): ProductConnection!
  productVariants(first: Int, after: String, query: String): ProductVariantConnection!
  order(id: ID!): Order
  orders(first: Int, after: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
  draftOrder(id: ID!): DraftOrder
  webhookSubscriptions(first: Int, after: String, topics: [WebhookSubscriptionTopic!]): WebhookSubscriptionConnection!
}

type Mutation {
  customerCreate(input: CustomerInput!): CustomerCreatePayload
  customerUpdate(input: CustomerInput!): CustomerUpdatePayload
  customerSet(identifier: CustomerSetIdentifiers, input: CustomerSetInput!): CustomerSetPayload
  customerDelete(input: CustomerDeleteInput!): CustomerDeletePayload
  customerEmailMarketingConsentUpdate(input: CustomerEmailMarketingConsentUpdateInput!): CustomerEmailMarketingConsentUpdatePayload
  productSet(identifier: ProductSetIdentifiers, input: ProductSetInput!, synchronous: Boolean = true): ProductSetPayload
  productVariantsBulkUpdate(productId: ID!, variants: [ProductVariantsBulkInput!]!, allowPartialUpdates: Boolean = false): ProductVariantsBulkUpdatePayload
  draftOrderCreate(input: DraftOrderInput!): DraftOrderCreatePayload
  draftOrderInvoiceSend(id: ID!, email: EmailInput): DraftOrderInvoiceSendPayload
  webhookSubscriptionCreate(topic: WebhookSubscriptionTopic!, webhookSubscription: WebhookSubscriptionInput!): WebhookSubscriptionCreatePayload
  webhookSubscriptionDelete(id: ID!): WebhookSubscriptionDeletePayload
}

type Shop { id: ID! name: String! myshopifyDomain: String! email: String currencyCode: String! }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

type MoneyV2 { amount: Decimal! currencyCode: String! }
# Shopify's CurrencyCode enum lists every ISO 4217 code; these are the ones a simulated store uses.
enum CurrencyCode { CAD CHF EUR GBP USD }
input MoneyInput { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

type MailingAddress {
  id: ID! firstName: String lastName: String company: String address1: String address2: String city: String
  province: String provinceCode: String country: String countryCodeV2: String zip: String phone: String
}

enum CustomerEmailMarketingState { NOT_SUBSCRIBED PENDING SUBSCRIBED UNSUBSCRIBED REDACTED INVALID }
enum CustomerSmsMarketingState { NOT_SUBSCRIBED PENDING SUBSCRIBED UNSUBSCRIBED REDACTED }
enum CustomerMarketingOptInLevel { SINGLE_OPT_IN CONFIRMED_OPT_IN UNKNOWN }
enum CustomerState { DISABLED INVITED ENABLED DECLINED }
enum CustomerSortKeys { CREATED_AT ID NAME RELEVANCE UPDATED_AT }
enum ProductSortKeys { CREATED_AT ID TITLE UPDATED_AT RELEVANCE }
enum OrderSortKeys { CREATED_AT ID PROCESSED_AT UPDATED_AT RELEVANCE }
enum ProductStatus { ACTIVE ARCHIVED DRAFT }
enum DraftOrderStatus { COMPLETED INVOICE_SENT OPEN }
enum WebhookSubscriptionFormat { JSON XML }
enum WebhookSubscriptionTopic {
  APP_UNINSTALLED CUSTOMERS_CREATE CUSTOMERS_DELETE CUSTOMERS_UPDATE DRAFT_ORDERS_CREATE DRAFT_ORDERS_DELETE
  DRAFT_ORDERS_UPDATE ORDERS_CANCELLED ORDERS_CREATE ORDERS_FULFILLED ORDERS_PAID ORDERS_UPDATED PRODUCTS_CREATE
  PRODUCTS_DELETE PRODUCTS_UPDATE
}

type CustomerEmailMarketingConsentState { marketingState: CustomerEmailMarketingState! marketingOptInLevel: CustomerMarketingOptInLevel consentUpdatedAt: DateTime }
type CustomerSmsMarketingConsentState { marketingState: CustomerSmsMarketingState! marketingOptInLevel: CustomerMarketingOptInLevel! consentUpdatedAt: DateTime }

type Customer {
  id: ID! legacyResourceId: UnsignedInt64! firstName: String lastName: String displayName: String!
  email: String phone: String note: String tags: [String!]! state: CustomerState! verifiedEmail: Boolean!
  createdAt: DateTime! updatedAt: DateTime! numberOfOrders: UnsignedInt64! amountSpent: MoneyV2!
  defaultAddress: MailingAddress addresses: [MailingAddress!]!
  emailMarketingConsent: CustomerEmailMarketingConsentState smsMarketingConsent: CustomerSmsMarketingConsentState
}
type CustomerConnection { nodes: [Customer!]! pageInfo: PageInfo! }

type UserError { field: [String!] message: String! }
type CustomerSetUserError { field: [String!] message: String! code: String }
type CustomerEmailMarketingConsentUpdateUserError { field: [String!] message: String! code: String }
type ProductSetUserError { field: [String!] message: String! code: String }
type ProductVariantsBulkUpdateUserError { field: [String!] message: String! code: String }

input MailingAddressInput {
  address1: String address2: String city: String company: String countryCode: String firstName: String
  lastName: String phone: String provinceCode: String zip: String
}
input CustomerEmailMarketingConsentInput { marketingState: CustomerEmailMarketingState! marketingOptInLevel: CustomerMarketingOptInLevel consentUpdatedAt: DateTime }
input MetafieldInput { namespace: String key: String value: String type: String }
input CustomerInput {
  id: ID firstName: String lastName: String email: String phone: String note: String tags: [String!]
  addresses: [MailingAddressInput!] emailMarketingConsent: CustomerEmailMarketingConsentInput metafields: [MetafieldInput!]
}
input CustomerSetInput {
  firstName: String lastName: String email: String phone: String note: String tags: [String!] addresses: [MailingAddressInput!]
}
input UniqueMetafieldValueInput { namespace: String key: String! value: String! }
input CustomerSetIdentifiers { id: ID email: String phone: String customId: UniqueMetafieldValueInput }
input CustomerDeleteInput { id: ID! }
input CustomerEmailMarketingConsentUpdateInput { customerId: ID! emailMarketingConsent: CustomerEmailMarketingConsentInput! }

type CustomerCreatePayload { customer: Customer userErrors: [UserError!]! }
type CustomerUpdatePayload { customer: Customer userErrors: [UserError!]! }
type CustomerSetPayload { customer: Customer userErrors: [CustomerSetUserError!]! }
type CustomerDeletePayload { deletedCustomerId: ID shop: Shop! userErrors: [UserError!]! }
type CustomerEmailMarketingConsentUpdatePayload { customer: Customer userErrors: [CustomerEmailMarketingConsentUpdateUserError!]! }

type SelectedOption { name: String! value: String! }
type ProductOption { name: String! values: [String!]! }
type ProductVariant {
  id: ID! legacyResourceId: UnsignedInt64! title: String! sku: String barcode: String price: Decimal! compareAtPrice: Decimal
  inventoryQuantity: Int selectedOptions: [SelectedOption!]! updatedAt: DateTime! product: Product!
}
type ProductVariantConnection { nodes: [ProductVariant!]! pageInfo: PageInfo! }
type Product {
  id: ID! legacyResourceId: UnsignedInt64! title: String! handle: String! status: ProductStatus! vendor: String!
  productType: String! tags: [String!]! descriptionHtml: HTML! createdAt: DateTime! updatedAt: DateTime!
  options: [ProductOption!]! variants(first: Int, after: String): ProductVariantConnection!
  onlineStoreUrl: URL featuredMedia: Media priceRangeV2: ProductPriceRangeV2!
}
# Shopify's Media is an interface (MediaImage, Video, …); one object type is enough for the fields read here.
type Image { url: URL! altText: String width: Int height: Int }
type MediaPreviewImage { image: Image }
type Media { id: ID! alt: String mediaContentType: String! preview: MediaPreviewImage }
type ProductPriceRangeV2 { minVariantPrice: MoneyV2! maxVariantPrice: MoneyV2! }
type ProductConnection { nodes: [Product!]! pageInfo: PageInfo! }

input ProductSetIdentifiers { id: ID handle: String customId: UniqueMetafieldValueInput }
input OptionValueSetInput { name: String }
input OptionSetInput { name: String values: [OptionValueSetInput!] }
input VariantOptionValueInput { optionName: String name: String }
input InventoryItemInput { sku: String }
input ProductVariantSetInput { optionValues: [VariantOptionValueInput!]! price: Decimal compareAtPrice: Decimal barcode: String inventoryItem: InventoryItemInput }
input ProductSetInput {
  title: String handle: String status: ProductStatus vendor: String productType: String tags: [String!] descriptionHtml: String
  productOptions: [OptionSetInput!] variants: [ProductVariantSetInput!]
}
input ProductVariantsBulkInput { id: ID price: Decimal compareAtPrice: Decimal barcode: String inventoryItem: InventoryItemInput }
type ProductSetPayload { product: Product userErrors: [ProductSetUserError!]! }
type ProductVariantsBulkUpdatePayload { product: Product productVariants: [ProductVariant!] userErrors: [ProductVariantsBulkUpdateUserError!]! }

type OrderApp { id: ID! name: String! }
type ShippingLine { title: String! code: String originalPriceSet: MoneyBag! }
type LineItem {
  id: ID! title: String! name: String! sku: String quantity: Int! variant: ProductVariant
  originalUnitPriceSet: MoneyBag! originalTotalSet: MoneyBag!
}
type LineItemConnection { nodes: [LineItem!]! pageInfo: PageInfo! }
type Order {
  id: ID! legacyResourceId: UnsignedInt64! name: String! email: String phone: String createdAt: DateTime! updatedAt: DateTime!
  processedAt: DateTime! cancelledAt: DateTime cancelReason: String displayFinancialStatus: String displayFulfillmentStatus: String!
  currencyCode: String! tags: [String!]! note: String test: Boolean! paymentGatewayNames: [String!]! app: OrderApp customer: Customer
  totalPriceSet: MoneyBag! subtotalPriceSet: MoneyBag totalShippingPriceSet: MoneyBag! totalTaxSet: MoneyBag
  shippingAddress: MailingAddress billingAddress: MailingAddress shippingLine: ShippingLine
  lineItems(first: Int, after: String): LineItemConnection!
}
type OrderConnection { nodes: [Order!]! pageInfo: PageInfo! }

enum DraftOrderAppliedDiscountType { FIXED_AMOUNT PERCENTAGE }
type DraftOrderAppliedDiscount {
  amountSet: MoneyBag! description: String! title: String value: Float! valueType: DraftOrderAppliedDiscountType!
}
type DraftOrderLineItem {
  id: ID! title: String! name: String! sku: String quantity: Int! variant: ProductVariant originalUnitPriceSet: MoneyBag!
  appliedDiscount: DraftOrderAppliedDiscount originalTotalSet: MoneyBag! discountedTotalSet: MoneyBag!
}
type DraftOrderLineItemConnection { nodes: [DraftOrderLineItem!]! pageInfo: PageInfo! }
type DraftOrder {
  id: ID! legacyResourceId: UnsignedInt64! name: String! status: DraftOrderStatus! invoiceUrl: URL invoiceSentAt: DateTime
  email: String note: String tags: [String!]! createdAt: DateTime! updatedAt: DateTime! currencyCode: String!
  customer: Customer order: Order totalPriceSet: MoneyBag! subtotalPriceSet: MoneyBag! shippingAddress: MailingAddress
  totalDiscountsSet: MoneyBag! totalShippingPriceSet: MoneyBag! shippingLine: ShippingLine
  lineItems(first: Int, after: String): DraftOrderLineItemConnection!
}
# Not simulated: amountWithCurrency and the deprecated amount (Shopify computes the amount from value and valueType).
input DraftOrderAppliedDiscountInput { description: String title: String value: Float! valueType: DraftOrderAppliedDiscountType! }
input DraftOrderLineItemInput {
  variantId: ID title: String originalUnitPrice: Decimal quantity: Int! sku: String appliedDiscount: DraftOrderAppliedDiscountInput
}
# Not simulated: the deprecated price (shop currency).
input ShippingLineInput { priceWithCurrency: MoneyInput shippingRateHandle: String title: String }
input PurchasingEntityInput { customerId: ID }
input DraftOrderInput {
  lineItems: [DraftOrderLineItemInput!] purchasingEntity: PurchasingEntityInput email: String note: String tags: [String!]
  shippingAddress: MailingAddressInput billingAddress: MailingAddressInput shippingLine: ShippingLineInput
}
input EmailInput { to: String subject: String customMessage: String from: String }
type DraftOrderCreatePayload { draftOrder: DraftOrder userErrors: [UserError!]! }
type DraftOrderInvoiceSendPayload { draftOrder: DraftOrder userErrors: [UserError!]! }

type WebhookSubscription { id: ID! topic: WebhookSubscriptionTopic! uri: String! format: WebhookSubscriptionFormat! createdAt: DateTime! }
type WebhookSubscriptionConnection { nodes: [WebhookSubscription!]! pageInfo: PageInfo! }
input WebhookSubscriptionInput { uri: String format: WebhookSubscriptionFormat includeFields: [String!] filter: String }
type WebhookSubscriptionCreatePayload { webhookSubscription: WebhookSubscription userErrors: [UserError!]! }
type WebhookSubscriptionDeletePayload { deletedWebhookSubscriptionId: ID userErrors: [UserError!]! }
`;
