/** Test layers; `npm test` runs them all. Each layer can also run alone: jest --selectProjects <name>. */
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
		layer('unit'),
		layer('packaging'),
		layer('nodes', { setupFiles: ['<rootDir>/test/nodes/harness/setupEnv.ts'] }),
		layer('e2e'),
		// Quick sizes of benchmarks/ (coverage only; `npm run bench` prints the figures).
		layer('bench', { setupFiles: ['<rootDir>/test/nodes/harness/setupEnv.ts'] }),
	],
};
