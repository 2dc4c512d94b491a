import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	page: 'getBotFields' | 'getCustomFields' | 'getFlows' | 'getGrowthTools' | 'getInfo' | 'getTags';
	subscriber:
		| 'addTag'
		| 'create'
		| 'findByCustomField'
		| 'findByName'
		| 'findBySystemField'
		| 'get'
		| 'removeTag'
		| 'setCustomFields'
		| 'update';
	sending: 'notifySubscribers' | 'sendContent' | 'sendFlow';
	dynamicBlock: 'buildResponse';
};

export type ManyChatType = AllEntities<NodeMap>;
