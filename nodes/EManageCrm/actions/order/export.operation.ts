import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { buildApiError, parameterError, redactSecrets } from '../../../shared/errors';
import { runForEachItem } from '../../../shared/execute';
import { httpOrigin, isOnOrigin } from '../../../shared/transport/origin';
import { parseCsv } from '../../helpers/csv';
import { dedupeReceiptRows, type ExportRow, groupByOrder } from '../../helpers/exportRows';
import { dateParameter } from '../../helpers/parameters';
import { eManageCredentials, eManageRawRequest, eManageRequest } from '../../transport';
import { publicApiUrl } from '../../transport/auth';
import { formatExportDate } from '../../transport/assumedContract';
import { dateRange } from './dateRange';

const show = { resource: ['order'], operation: ['export'] };

export const description: INodeProperties[] = [
	...dateRange(show),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Order', value: 'order', description: 'Order columns once, with its receipts as a list' },
			{ name: 'One Item per Receipt Row', value: 'row', description: 'The CSV rows, with repeated receipt rows removed' },
		],
		default: 'order',
		displayOptions: { show },
	},
	{
		displayName: 'Page Size',
		name: 'pageSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 5000 },
		default: 500,
		description: 'Orders per export page; the node follows "nextExport" until eManageCRM reports no more',
		displayOptions: { show },
	},
];

interface ExportAnswer {
	link?: string;
	hasMoreToExport?: boolean;
	nextExport?: string;
}

const MAX_EXPORT_PAGES = 200;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runForEachItem.call(this, async (itemIndex) => {
		const start = dateParameter.call(this, 'startDate', 'Start Date', itemIndex);
		const end = dateParameter.call(this, 'endDate', 'End Date', itemIndex, new Date());
		if (end < start) throw parameterError(this.getNode(), 'End Date', 'is before Start Date', 'Swap the dates or leave End Date empty for today.', itemIndex);
		const pageSize = Number(this.getNodeParameter('pageSize', itemIndex, 500));
		const dates = { StartDate: formatExportDate(start), EndDate: formatExportDate(end) };

		const rows: ExportRow[] = [];
		let answer = (await eManageRequest.call(this, 'orderExport', { page: 1, pageSize }, { qs: dates, itemIndex })) as ExportAnswer;
		for (let page = 1; ; page++) {
			if (answer.link) rows.push(...(await downloadCsv.call(this, answer.link, itemIndex)));
			if (!answer.hasMoreToExport || !answer.nextExport || page >= MAX_EXPORT_PAGES) break;
			// The link comes from the server and gets the bearer token: follow it only on the credential's own origin.
			const base = publicApiUrl(await eManageCredentials.call(this));
			if (!isOnOrigin(answer.nextExport, base)) {
				throw buildApiError(this.getNode(), {
					service: 'eManageCRM',
					message: `refused to follow "nextExport" to ${httpOrigin(answer.nextExport) ?? 'an address that is not http(s)'}: it is not the origin of "Public API Base URL" (${httpOrigin(base) ?? base})`,
					fix: 'Nothing was sent there and the token stays private. If eManageCRM moved its API, correct "Public API Base URL" in the "eManageCRM API" credential; otherwise report the export answer to eManageCRM support.',
					itemIndex,
					secrets: [],
				});
			}
			// The continuation link keeps the filters in most answers; the dates are set again in case it does not.
			const next = new URL(answer.nextExport);
			for (const [key, value] of Object.entries(dates)) if (!next.searchParams.has(key)) next.searchParams.set(key, value);
			answer = (await eManageRawRequest.call(this, 'public', 'GET', next.toString(), { itemIndex })).body as ExportAnswer;
		}
		const { rows: unique } = dedupeReceiptRows(rows);
		return this.getNodeParameter('output', itemIndex) === 'row' ? (unique as IDataObject[]) : groupByOrder(unique);
	});
}

/** The CSV behind an export link (a storage link that needs no credential; none is sent). */
async function downloadCsv(this: IExecuteFunctions, link: string, itemIndex: number): Promise<ExportRow[]> {
	let text: string | undefined;
	let problem: string | undefined;
	try {
		const response = (await this.helpers.httpRequest({ method: 'GET', url: link, json: false, encoding: 'text', returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: 120_000 })) as { statusCode: number; body: unknown };
		if (response.statusCode >= 400) problem = `HTTP ${response.statusCode}`;
		else text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.body ?? '');
	} catch (error) {
		problem = (error as Error).message;
	}
	const where = link.split('?', 1)[0];
	if (text === undefined) {
		throw buildApiError(this.getNode(), {
			service: 'eManageCRM',
			message: `could not download the export file ${where} (${redactSecrets(problem ?? '', [])})`,
			fix: 'Export links expire quickly: run the node again. If it keeps failing, check that n8n can reach eManageCRM\'s storage host.',
			itemIndex,
			secrets: [],
		});
	}
	let parsed: ReturnType<typeof parseCsv> | undefined;
	try {
		parsed = parseCsv(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (!parsed) {
		throw buildApiError(this.getNode(), { service: 'eManageCRM', message: `the export file ${where} is not valid CSV: ${problem ?? ''}`, fix: 'Run the export again; if it persists, narrow the date range and report the file to eManageCRM support.', itemIndex, secrets: [] });
	}
	return parsed.rows;
}
