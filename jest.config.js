/** Test layers; `npm test` runs all but `queue` (`npm run test:queue`, also run by CI). Each layer can also run alone: jest --selectProjects <name>. */
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
};

const layer = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	transform,
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	...extra,
});

module.exports = {
	projects: [
		layer('unit', { setupFilesAfterEnv: ['<rootDir>/test/support/timeout.ts'] }),
		layer('packaging'),
		layer('nodes', { setupFiles: ['<rootDir>/test/nodes/harness/setupEnv.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/timeout.ts'] }),
		layer('e2e'),
		// Quick sizes of benchmarks/ (coverage only; `npm run bench` prints the figures).
		layer('bench', { setupFiles: ['<rootDir>/test/nodes/harness/setupEnv.ts'] }),
		// The n8n editor in headless Debian Chromium (`npm test` first runs scripts/ensure-chromium.ts).
		layer('browser'),
		// Reliability and security scenarios at their quick size (`npm run reliability` runs them full size).
		layer('reliability'),
		// n8n queue mode against local PostgreSQL and Redis: `npm run test:queue` (not part of `npm test`).
		layer('queue'),
	],
};
