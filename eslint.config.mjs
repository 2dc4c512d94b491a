import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

/** What users install. n8n's community-node rules are written for this code. */
const SHIPPED = ['nodes/**/*.ts', 'credentials/**/*.ts'];

/**
 * n8n's rules that only make sense for node code (e.g. "no child_process", "no console", "throw
 * NodeApiError") apply to the shipped code. The tooling that is never published (tests,
 * simulators, scripts that start n8n) keeps the general JavaScript, TypeScript and import rules.
 */
const isNodeCodeOnly = (block) =>
	block.files?.includes('**/*.ts') &&
	Object.keys(block.rules ?? {}).some((rule) => rule.startsWith('@n8n/community-nodes/') || rule === 'no-console');

export default [
	{ ignores: ['build/**', '.runtime/**', 'coverage/**'] },
	...configWithoutCloudSupport.map((block) => (isNodeCodeOnly(block) ? { ...block, files: SHIPPED } : block)),
	{
		rules: {
			// Self-hosted package by design: it bundles several services and needs their libraries at runtime.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
