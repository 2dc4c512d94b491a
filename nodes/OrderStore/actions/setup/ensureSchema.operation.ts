import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { type Field, LATEST_VIEW, latestViewSql, TABLES } from '../../helpers/schema';
import { settle, storeFor } from '../../helpers/store';
import { type Store, storeError, withStore } from '../../transport/client';

export const description: INodeProperties[] = [];

const isNotFound = (error: unknown) => Number((error as { code?: unknown })?.code) === 404;

/** Columns of `wanted` missing from `actual` (top level; nested records are compared whole). */
const missingColumns = (wanted: Field[], actual: Field[]) => wanted.filter((field) => !actual.some((column) => column.name === field.name));

async function ensure(store: Store): Promise<IDataObject> {
	const report: IDataObject = { projectId: store.account.projectId, dataset: store.dataset, location: store.account.location };
	const dataset = store.bq.dataset(store.dataset);
	const [datasetExists] = await dataset.exists();
	if (!datasetExists) {
		await store.bq.createDataset(store.dataset, { location: store.account.location });
		report.datasetOutcome = 'created';
	} else report.datasetOutcome = 'exists';

	const tables: IDataObject = {};
	for (const spec of TABLES) {
		const table = dataset.table(spec.name);
		const [metadata] = await table.getMetadata().catch((error: unknown) => {
			if (isNotFound(error)) return [undefined];
			throw error;
		});
		if (!metadata) {
			await dataset.createTable(spec.name, {
				schema: { fields: spec.fields },
				timePartitioning: { type: 'DAY', field: spec.partitionField },
				clustering: { fields: spec.clusterFields },
				description: spec.description,
			});
			tables[spec.name] = 'created';
			continue;
		}
		const actual = ((metadata as { schema?: { fields?: Field[] } }).schema?.fields ?? []) as Field[];
		const missing = missingColumns(spec.fields, actual).map((field) => ({ ...field, mode: field.mode === 'REQUIRED' ? 'NULLABLE' : field.mode }));
		if (missing.length) {
			await table.setMetadata({ schema: { fields: [...actual, ...missing] } });
			tables[spec.name] = `columns added: ${missing.map((field) => field.name).join(', ')}`;
		} else tables[spec.name] = 'exists';
	}
	report.tables = tables;

	const view = dataset.table(LATEST_VIEW);
	const sql = latestViewSql(store.account.projectId, store.dataset);
	const [viewMetadata] = await view.getMetadata().catch((error: unknown) => {
		if (isNotFound(error)) return [undefined];
		throw error;
	});
	if (!viewMetadata) {
		await dataset.createTable(LATEST_VIEW, { view: { query: sql, useLegacySql: false }, description: 'Order Store: the latest version of each order' });
		report.view = 'created';
	} else if ((viewMetadata as { view?: { query?: string } }).view?.query !== sql) {
		await view.setMetadata({ view: { query: sql, useLegacySql: false } });
		report.view = 'updated';
	} else report.view = 'exists';
	return report;
}

/** Creates what is missing and changes nothing that is already right; runs once per execution. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const store = await storeFor.call(this);
	const result = await settle(withStore(store, ensure));
	if (!result.ok) throw storeError(this.getNode(), result.error, store.account);
	return [{ json: result.value, pairedItem: this.getInputData().map((_, item) => ({ item })) }];
}
