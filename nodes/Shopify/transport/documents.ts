/**
 * Every Admin GraphQL document the nodes send, in one place. Field names are Shopify's: a unit test
 * validates each against Shopify's published Admin schema of every version the credential offers.
 */

const ADDRESS = 'id firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone';

const CUSTOMER = `id legacyResourceId firstName lastName displayName email phone note tags state verifiedEmail
createdAt updatedAt numberOfOrders amountSpent { amount currencyCode }
defaultAddress { ${ADDRESS} } addresses { ${ADDRESS} }
emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }`;

const MONEY = 'shopMoney { amount currencyCode }';

const VARIANT = 'id legacyResourceId title sku barcode price compareAtPrice inventoryQuantity selectedOptions { name value } updatedAt';

const PRODUCT = (variants: number) => `id legacyResourceId title handle status vendor productType tags descriptionHtml createdAt updatedAt
options { name values } variants(first: ${variants}) { nodes { ${VARIANT} } pageInfo { hasNextPage endCursor } }
onlineStoreUrl featuredMedia { preview { image { url altText } } } priceRangeV2 { minVariantPrice { amount currencyCode } }`;

const ORDER = (lineItems: number) => `id legacyResourceId name email phone createdAt updatedAt processedAt cancelledAt cancelReason
displayFinancialStatus displayFulfillmentStatus currencyCode tags note test paymentGatewayNames
app { id name } customer { id email firstName lastName phone }
totalPriceSet { ${MONEY} } subtotalPriceSet { ${MONEY} } totalShippingPriceSet { ${MONEY} } totalTaxSet { ${MONEY} }
shippingAddress { ${ADDRESS} } billingAddress { ${ADDRESS} }
shippingLine { title code originalPriceSet { ${MONEY} } }
lineItems(first: ${lineItems}) { nodes { id title name sku quantity variant { id } originalUnitPriceSet { ${MONEY} } originalTotalSet { ${MONEY} } } pageInfo { hasNextPage } }`;

// DraftOrder's note is `note2` in Shopify's schema (the input field stays `note`); the alias keeps
// the node's output field `note`.
const DRAFT_ORDER = `id legacyResourceId name status invoiceUrl invoiceSentAt email note: note2 tags createdAt updatedAt currencyCode
customer { id email displayName } order { id name }
totalPriceSet { ${MONEY} } subtotalPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} } totalShippingPriceSet { ${MONEY} }
shippingAddress { ${ADDRESS} } shippingLine { title originalPriceSet { ${MONEY} } }
lineItems(first: 50) { nodes { id title name sku quantity variant { id } originalUnitPriceSet { ${MONEY} } discountedTotalSet { ${MONEY} }
  appliedDiscount { title description value valueType amountSet { ${MONEY} } } } }`;

const USER_ERRORS = 'userErrors { field message code }';
const USER_ERRORS_PLAIN = 'userErrors { field message }';
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const documents = {
	shopName: 'query ShopName { shop { name myshopifyDomain } }',

	customerGet: `query CustomerGet($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`,
	customerSearch: `query CustomerSearch($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { nodes { ${CUSTOMER} } ${PAGE_INFO} } }`,
	// What the merge rule compares, and no more: it runs before every upsert by email.
	customerByEmail: `query CustomerByEmail($query: String!) {
  customers(first: 3, query: $query) { nodes { id email firstName lastName phone note tags
  addresses { address1 address2 city company countryCodeV2 firstName lastName phone provinceCode zip }
  defaultAddress { phone countryCodeV2 } emailMarketingConsent { marketingState } } } }`,
	customerCreate: `mutation CustomerCreate($input: CustomerInput!) {
  customerCreate(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS_PLAIN} } }`,
	customerUpdate: `mutation CustomerUpdate($input: CustomerInput!) {
  customerUpdate(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS_PLAIN} } }`,
	customerSet: `mutation CustomerSet($identifier: CustomerSetIdentifiers, $input: CustomerSetInput!) {
  customerSet(identifier: $identifier, input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS} } }`,
	customerDelete: `mutation CustomerDelete($input: CustomerDeleteInput!) {
  customerDelete(input: $input) { deletedCustomerId ${USER_ERRORS_PLAIN} } }`,
	customerEmailMarketingConsentUpdate: `mutation CustomerEmailConsent($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) { customer { id } ${USER_ERRORS} } }`,

	// The editor's customer and product pickers (methods/listSearch.ts).
	pickCustomers: `query PickCustomers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {
    nodes { id displayName email } pageInfo { hasNextPage endCursor } } }`,
	pickProducts: `query PickProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {
    nodes { id title handle } pageInfo { hasNextPage endCursor } } }`,

	productGet: `query ProductGet($id: ID!) { product(id: $id) { ${PRODUCT(100)} } }`,
	productSearch: `query ProductSearch($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { nodes { ${PRODUCT(20)} } ${PAGE_INFO} } }`,
	productSet: `mutation ProductSet($identifier: ProductSetIdentifiers, $input: ProductSetInput!) {
  productSet(identifier: $identifier, input: $input, synchronous: true) { product { ${PRODUCT(100)} } ${USER_ERRORS} } }`,
	productVariantsBulkUpdate: `mutation ProductVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: false) {
    product { id } productVariants { ${VARIANT} } ${USER_ERRORS} } }`,

	draftOrderCatalog: `query DraftOrderCatalog($first: Int!, $query: String) {
  shop { currencyCode }
  productVariants(first: $first, query: $query) { nodes { id sku price title product { title } } pageInfo { hasNextPage } } }`,
	shopCurrency: 'query ShopCurrency { shop { currencyCode } }',
	draftOrderCreate: `mutation DraftOrderCreate($input: DraftOrderInput!) {
  draftOrderCreate(input: $input) { draftOrder { ${DRAFT_ORDER} } ${USER_ERRORS_PLAIN} } }`,
	draftOrderGet: `query DraftOrderGet($id: ID!) { draftOrder(id: $id) { ${DRAFT_ORDER} } }`,
	draftOrderInvoiceSend: `mutation DraftOrderInvoiceSend($id: ID!, $email: EmailInput) {
  draftOrderInvoiceSend(id: $id, email: $email) { draftOrder { ${DRAFT_ORDER} } ${USER_ERRORS_PLAIN} } }`,

	orderGet: `query OrderGet($id: ID!) { order(id: $id) { ${ORDER(50)} } }`,
	orderSearch: `query OrderSearch($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { nodes { ${ORDER(10)} } ${PAGE_INFO} } }`,

	webhookSubscriptions: `query WebhookSubscriptions($first: Int!, $after: String) {
  webhookSubscriptions(first: $first, after: $after) { nodes { id topic uri } ${PAGE_INFO} } }`,
	webhookSubscriptionCreate: `mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) { webhookSubscription { id topic uri } ${USER_ERRORS_PLAIN} } }`,
	webhookSubscriptionDelete: `mutation WebhookSubscriptionDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId ${USER_ERRORS_PLAIN} } }`,
} as const;
