/** Unit and sandbox tests. The real-n8n end-to-end stage runs separately (npm run test:e2e). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// n8n's execution engine (n8n-core) reads its settings from the environment when it loads.
	setupFiles: ['<rootDir>/test/helpers/n8nEnvironment.ts'],
	// Each test file runs its own sandbox and n8n engine in-process; two workers use both cores.
	maxWorkers: 2,
	testTimeout: 30000,
};
