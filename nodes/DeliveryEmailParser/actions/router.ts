import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as parse from './email/parse.operation';

/** One resource and operation today; the router keeps the layout of the other nodes. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await parse.execute.call(this);
}
