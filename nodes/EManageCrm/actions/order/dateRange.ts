import type { INodeProperties } from 'n8n-workflow';

export const dateRange = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'First moment of the range (UTC)',
		displayOptions: { show },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Last moment of the range (UTC); empty means now',
		displayOptions: { show },
	},
];
