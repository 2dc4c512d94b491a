import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	page: 'getInfo';
};

export type ManyChatType = AllEntities<NodeMap>;
