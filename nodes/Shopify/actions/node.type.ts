import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	customer: 'create' | 'delete' | 'get' | 'search' | 'update' | 'upsert';
	draftOrder: 'create' | 'get' | 'sendInvoice';
	graphql: 'query';
	order: 'get' | 'getChangedSince';
	product: 'get' | 'getMany' | 'updateVariants' | 'upsert';
};

export type ShopifyType = AllEntities<NodeMap>;
