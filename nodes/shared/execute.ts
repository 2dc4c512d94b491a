import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from './errors';

/** What one item produced: one object, or several (none for a search without matches). */
export type ItemResult = IDataObject | IDataObject[];

/**
 * Runs `operation` for every input item and pairs each output with its input.
 * With "Continue On Fail", a failing item yields an `error` item instead of stopping the node,
 * so no item is ever dropped silently.
 */
export async function runForEachItem(
	this: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<ItemResult>,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation(itemIndex);
			const objects = Array.isArray(result) ? result : [result];
			for (const json of objects) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				output.push({
					json: {
						error: nodeError.message,
						...(nodeError.description ? { errorDescription: nodeError.description } : {}),
						...('httpCode' in nodeError && nodeError.httpCode ? { httpCode: nodeError.httpCode } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return output;
}
