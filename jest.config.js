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
		layer('unit', { setupFilesAfterEnv: ['<rootDir>/test/support/timeout.ts'] }),
		layer('packaging'),
		layer('nodes', { setupFiles: ['<rootDir>/test/nodes/harness/setupEnv.ts'], setupFilesAfterEnv: ['<rootDir>/test/support/timeout.ts'] }),
		layer('e2e'),
	],
};
