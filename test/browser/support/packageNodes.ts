/**
 * This package's node and credential types as package.json lists them, loaded from the build
 * (dist/), so the browser tests compare the editor against the descriptions that ship.
 */
import type { ICredentialType, INodeProperties, INodeType } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { PACKAGE_NAME, ROOT } from '../../../scripts/lib/paths';

export interface PackageNode {
	/** e.g. n8n-nodes-shop-sync.shopifyTrigger */
	type: string;
	/** File stem, e.g. ShopifyTrigger */
	stem: string;
	/** The node's folder under nodes/, whose icon it shows, e.g. Shopify */
	folder: string;
	properties: INodeProperties[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };

function load<T>(file: string): T {
	const stem = basename(file).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built classes, as n8n loads them
	const module = require(join(ROOT, file)) as Record<string, new () => T>;
	return new module[stem]();
}

export function packageNodes(): PackageNode[] {
	return manifest.n8n.nodes.map((file) => {
		const node = load<INodeType>(file);
		return {
			type: `${PACKAGE_NAME}.${node.description.name}`,
			stem: basename(file).split('.')[0],
			folder: basename(dirname(file)),
			properties: node.description.properties,
		};
	});
}

export function packageCredentialTypes(): string[] {
	return manifest.n8n.credentials.map((file) => load<ICredentialType>(file).name);
}

/** Names of an options parameter's choices, for the given values of the parameters it depends on. */
export function optionNames(node: PackageNode, parameter: string, values: Record<string, unknown>): string[] {
	const matches = node.properties.filter((property) => {
		if (property.name !== parameter) return false;
		const show = property.displayOptions?.show ?? {};
		return Object.entries(show).every(([name, allowed]) => (allowed as unknown[]).includes(values[name]));
	});
	if (matches.length !== 1) throw new Error(`${node.type}: ${matches.length} "${parameter}" parameters shown for ${JSON.stringify(values)}`);
	return (matches[0].options ?? []).map((option) => String((option as { name: string }).name));
}
