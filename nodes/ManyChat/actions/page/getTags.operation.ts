import type { INodeProperties } from 'n8n-workflow';

import { readList } from './readList';

export const description: INodeProperties[] = [];

export const execute = readList('/fb/page/getTags', 'pageRead');
