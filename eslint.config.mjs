import tseslint from 'typescript-eslint';
import { configs as n8nCommunity } from '@n8n/eslint-plugin-community-nodes';

// n8n's community-node rules for self-hosted n8n: this package opens databases and
// directory connections (SQLite file, PostgreSQL, LDAP), which n8n Cloud does not allow,
// so the Cloud-only restrictions (restricted globals and imports) are not ours to meet.
const community = n8nCommunity.recommendedWithoutN8nCloudSupport;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'demo-output/**', 'test/support/*.js', 'gulpfile.js'] },
	{
		files: ['**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-require-imports': 'off', // CommonJS package: n8n loads nodes with require
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: community.plugins,
		rules: {
			...community.rules,
			// The engine needs a SQL client and directory clients (kysely, pg, ldapts, ...) at
			// run time; n8n installs a community package's dependencies next to it.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
);
