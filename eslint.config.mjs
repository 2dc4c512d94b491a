import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{
		rules: {
			// Self-hosted package by design: it bundles several services and needs their libraries at runtime.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
