/**
 * The real-n8n lane's browser check: not part of `npm test` (the default config only runs
 * *.test.ts and needs no running n8n). scripts/n8n-real.sh check <dir> runs it against the n8n
 * that `scripts/n8n-real.sh start <dir>` started.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/real-n8n'],
	testMatch: ['**/*.check.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// A cold editor loads a few MB of scripts and every node type before the canvas draws.
	testTimeout: 120_000,
};
