import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import type { CredentialRecord } from '../../cli/credentials';

/**
 * A fresh database on the PostgreSQL server named by TEST_POSTGRES_URL (CI starts one
 * with scripts/postgres-test-server.sh), dropped again by dispose().
 */
export async function freshPostgresDatabase(): Promise<{ url: URL; dispose: () => Promise<void> }> {
	const serverUrl = process.env.TEST_POSTGRES_URL;
	if (!serverUrl) throw new Error('TEST_POSTGRES_URL is not set');
	const name = `vault_test_${randomUUID().replace(/-/g, '')}`;
	const admin = new Client({ connectionString: serverUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url,
		dispose: async () => {
			const client = new Client({ connectionString: serverUrl });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await client.end();
		},
	};
}

export async function postgresCredentialFromEnv(): Promise<{ credential: CredentialRecord; dispose: () => Promise<void> }> {
	const { url, dispose } = await freshPostgresDatabase();
	return {
		credential: {
			id: 'demo-vault',
			name: 'Provisioning Vault',
			type: 'provisioningVaultApi',
			data: {
				backend: 'postgres',
				host: url.hostname,
				port: Number(url.port),
				database: url.pathname.slice(1),
				user: decodeURIComponent(url.username),
				// The test server trusts loopback, so any password works: it proves none leaks into output.
				password: 's3cret-vault-pw',
				ssl: 'disable',
			},
		},
		dispose,
	};
}
