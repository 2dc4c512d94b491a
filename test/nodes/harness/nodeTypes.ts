import { PackageDirectoryLoader } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

import { PACKAGE_NAME, ROOT } from '../../../scripts/lib/paths';

/**
 * Stand-ins for the two core nodes test workflows start from. n8n-nodes-base is not a dependency
 * of this package; these behave like the originals for what the tests need (pass items through).
 */
const passThrough = (name: string, displayName: string, isTrigger: boolean): INodeType => ({
	description: {
		displayName,
		name,
		group: isTrigger ? ['trigger'] : ['organization'],
		version: 1,
		description: `Harness stand-in for ${name}`,
		defaults: { name: displayName },
		inputs: isTrigger ? [] : [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
});

const STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', 'Manual Trigger', true),
	'n8n-nodes-base.noOp': passThrough('noOp', 'No Operation', false),
};

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads the built package from dist/ through n8n-core's own package loader (as n8n does). */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		const byName = (type: string): INodeType | IVersionedNodeType => {
			if (STAND_INS[type]) return STAND_INS[type];
			const prefix = `${PACKAGE_NAME}.`;
			const entry = type.startsWith(prefix) ? loader.nodeTypes[type.slice(prefix.length)] : undefined;
			if (!entry) throw new Error(`Unknown node type "${type}" (is it listed in package.json n8n.nodes and built?)`);
			return entry.type;
		};
		const nodeTypes: INodeTypes = {
			getByName: byName,
			getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(byName(type), version),
			getKnownTypes: () => ({}) as IDataObject,
		};
		const credentialTypes = Object.fromEntries(
			Object.entries(loader.credentialTypes).map(([name, entry]) => [name, entry.type]),
		);
		return { nodeTypes, credentialTypes };
	})();
	return await loaded;
}
