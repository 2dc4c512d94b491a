/**
 * What every file in workflows/ promises admins, checked without n8n: stable IDs, unpublished in
 * the file, the error handler wired in, only node types this package or n8n ships, and
 * credentials referenced by the names and IDs the README lists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIAL_SLOTS } from '../../../scripts/lib/devCredentials';
import { N8N_API_CREDENTIAL } from '../../../scripts/lib/n8nApiKey';
import { ROOT } from '../../../scripts/lib/paths';

interface WorkflowNode {
	name: string;
	type: string;
	credentials?: Record<string, { id: string; name: string }>;
}
interface WorkflowFile {
	id: string;
	name: string;
	active: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string }> | null>>>;
	settings: Record<string, unknown>;
}

const ERROR_WORKFLOW = 'shopSyncErrorHandler';
const dir = join(ROOT, 'workflows');
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const workflows = files.map((file) => [file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowFile] as const);

/** Node names this package registers: the `name` of each node's description, read from its source. */
const packageNodeNames = (() => {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return manifest.n8n.nodes.map((built) => {
		const source = readFileSync(join(ROOT, built.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
		const match = /\bname: '([A-Za-z]+)'/.exec(source);
		if (!match) throw new Error(`${built}: no description name found`);
		return match[1];
	});
})();

const knownCredentials = [...CREDENTIAL_SLOTS.map(({ id, name, type }) => ({ id, name, type })), N8N_API_CREDENTIAL];

describe('shipped workflows (workflows/*.json)', () => {
	it('are the nine seed flows, each with a unique stable ID of 1–21 characters, unpublished', () => {
		expect(files).toHaveLength(9);
		const ids = workflows.map(([, workflow]) => workflow.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const [file, workflow] of workflows) {
			expect({ file, id: /^[A-Za-z0-9]{1,21}$/.test(workflow.id), active: workflow.active }).toEqual({ file, id: true, active: false });
		}
	});

	it('all name the error handler as their error workflow and keep failed executions for replay', () => {
		expect(workflows.some(([, workflow]) => workflow.id === ERROR_WORKFLOW)).toBe(true);
		for (const [file, workflow] of workflows) {
			const expected = workflow.id === ERROR_WORKFLOW ? undefined : ERROR_WORKFLOW;
			expect({ file, errorWorkflow: workflow.settings.errorWorkflow, saved: workflow.settings.saveDataErrorExecution }).toEqual({
				file,
				errorWorkflow: expected,
				saved: 'all',
			});
		}
	});

	it('use only n8n core nodes and nodes this package registers, under its prefix', () => {
		for (const [file, workflow] of workflows) {
			for (const node of workflow.nodes) {
				const [prefix, name] = node.type.split(/\.(?=[^.]+$)/);
				const known = prefix === 'n8n-nodes-base' || (prefix === 'n8n-nodes-shop-sync' && packageNodeNames.includes(name));
				expect({ file, node: node.name, type: node.type, known }).toEqual({ file, node: node.name, type: node.type, known: true });
			}
		}
	});

	it('reference credentials by the IDs, names and types the README lists', () => {
		for (const [file, workflow] of workflows) {
			for (const node of workflow.nodes) {
				for (const [type, { id, name }] of Object.entries(node.credentials ?? {})) {
					const listed = knownCredentials.some((credential) => credential.type === type && credential.id === id && credential.name === name);
					expect({ file, node: node.name, type, id, name, listed }).toEqual({ file, node: node.name, type, id, name, listed: true });
				}
			}
		}
	});

	it('explain themselves on the canvas and connect only nodes that exist', () => {
		for (const [file, workflow] of workflows) {
			const names = workflow.nodes.map((node) => node.name);
			expect({ file, duplicates: names.filter((name, index) => names.indexOf(name) !== index) }).toEqual({ file, duplicates: [] });
			expect({ file, stickyNotes: workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length >= 2 }).toEqual({ file, stickyNotes: true });
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				const targets = Object.values(outputs).flat().flat().filter((target): target is { node: string } => target !== null);
				for (const target of [{ node: from }, ...targets]) expect({ file, node: target.node, exists: names.includes(target.node) }).toEqual({ file, node: target.node, exists: true });
			}
		}
	});
});
