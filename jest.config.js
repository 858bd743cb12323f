/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// Engine and database tests share one process-wide n8n engine and open real servers.
	testTimeout: 60_000,
	setupFiles: ['<rootDir>/test/setupEnv.ts'],
	// Everything tests write to the temporary folder goes into one folder per run, removed at the end.
	globalSetup: '<rootDir>/test/globalSetup.js',
	globalTeardown: '<rootDir>/test/globalTeardown.js',
};
