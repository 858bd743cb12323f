import { PostgresDialect } from 'kysely';
import { Pool, types, type CustomTypesConfig, type PoolConfig } from 'pg';
import { postgresSslMode } from '../config';
import type { PostgresVaultConfig } from '../types';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * count(*) and bigint columns arrive as int8, which pg returns as strings by default. Read
 * them as numbers for this pool only: changing pg's global parsers would change them for
 * every other pg user in the n8n process (n8n's own Postgres node among them).
 */
const vaultTypes: CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
		if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
		return types.getTypeParser(oid, format);
	}) as CustomTypesConfig['getTypeParser'],
};

export function postgresPoolConfig(config: PostgresVaultConfig): PoolConfig {
	return {
		host: config.host,
		port: config.port ?? 5432,
		database: config.database,
		user: config.user,
		password: config.password,
		ssl: sslOptions(config),
		max: config.maxConnections ?? 10,
		connectionTimeoutMillis: 15_000,
		application_name: 'n8n-provisioning-vault',
		types: vaultTypes,
	};
}

function sslOptions(config: PostgresVaultConfig): PoolConfig['ssl'] {
	switch (postgresSslMode(config)) {
		case 'disable':
			return false;
		case 'no-verify':
			return { rejectUnauthorized: false };
		case 'require':
			// Without a pinned CA, Node verifies against its built-in root certificates.
			return { rejectUnauthorized: true, ca: config.caCertificate || undefined };
	}
}

export function createPostgresDialect(config: PostgresVaultConfig): PostgresDialect {
	const pool = new Pool(postgresPoolConfig(config));
	// An idle connection dropped by the server emits 'error' on the pool; unhandled, that
	// would crash n8n. The next query on a fresh connection reports any lasting problem.
	pool.on('error', () => undefined);
	return new PostgresDialect({ pool });
}
