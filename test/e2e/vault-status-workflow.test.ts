import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { runInN8n, sqliteVaultCredential } from '../harness';
import { postgresCredentialFromEnv } from '../support/postgres';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vault-status-'));

describe('the vault status template in n8n’s engine', () => {
	test('reports a new SQLite vault file with its schema and empty tables', async () => {
		const file = path.join(tempDir(), 'nested', 'vault.sqlite');
		const result = await runInN8n('vault-status.json', [sqliteVaultCredential(file)]);

		expect(result.status).toBe('success');
		const [status] = result.json('Vault Status');
		expect(status).toMatchObject({ backend: 'sqlite', location: file });
		expect(status.schemaVersion).toMatch(/^\d{4}_/);
		expect(status.counts).toMatchObject({ persons: 0, imports: 0, plans: 0, audit_log: 0 });
		expect(fs.existsSync(file)).toBe(true);
	});

	test('without a credential uses the embedded vault in the n8n user folder and says where', async () => {
		const userFolder = tempDir();
		const previous = process.env.N8N_USER_FOLDER;
		process.env.N8N_USER_FOLDER = userFolder;
		try {
			const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, '../../workflows/vault-status.json'), 'utf8'));
			delete workflow.nodes[0].credentials;
			const result = await runInN8n(workflow);

			expect(result.status).toBe('success');
			const expected = path.join(userFolder, '.n8n', 'provisioning-vault.sqlite');
			expect(result.json('Vault Status')[0].location).toBe(expected);
			expect(fs.existsSync(expected)).toBe(true);
		} finally {
			process.env.N8N_USER_FOLDER = previous;
		}
	});

	const withPostgres = process.env.TEST_POSTGRES_URL ? test : test.skip; // PostgreSQL lane: CI sets TEST_POSTGRES_URL
	withPostgres('reports a PostgreSQL vault without showing its password', async () => {
		const { credential, dispose } = await postgresCredentialFromEnv();
		try {
			const result = await runInN8n('vault-status.json', [credential]);
			expect(result.status).toBe('success');
			const [status] = result.json('Vault Status');
			expect(status.backend).toBe('postgres');
			expect(status.location).toMatch(/^postgres:\/\/[^:@]+@127\.0\.0\.1:\d+\//);
			expect(JSON.stringify(result.json('Vault Status'))).not.toContain('s3cret-vault-pw');
		} finally {
			await dispose();
		}
	});

	test('a credential that cannot be found fails the run instead of using another vault', async () => {
		const result = await runInN8n('vault-status.json', [
			{ id: 'other', name: 'Other', type: 'provisioningVaultApi', data: {} },
			{ id: 'other2', name: 'Other 2', type: 'provisioningVaultApi', data: {} },
		]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('No credential of type "provisioningVaultApi" named "Provisioning Vault"');
	});
});
