import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

/** Operations of a node, by resource and operation value. */
export type OperationTable = Record<string, Record<string, Operation>>;

/** Runs the operation the node's Resource and Operation parameters pick. */
export async function routeOperation(this: IExecuteFunctions, operations: OperationTable): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `Operation "${operation}" is not supported for resource "${resource}"`, {
			description: 'Pick the operation again in the node: this one may come from a newer version of the package.',
		});
	}
	return [await handler.execute.call(this)];
}
