import { describeVaultConfig, validateVaultConfig, type PostgresVaultConfig, type VaultConfig } from '../../../lib/vault';
import { postgresPoolConfig } from '../../../lib/vault/postgres/dialect';

const postgres: PostgresVaultConfig = { backend: 'postgres', host: 'db.example.com', database: 'vault', user: 'n8n', password: 'secret' };

describe('vault configuration', () => {
	test.each([
		[{ backend: 'sqlite', path: ' ' }, 'Vault SQLite file path is missing'],
		[{ ...postgres, host: '' }, 'Vault PostgreSQL host is missing'],
		[{ ...postgres, database: '' }, 'Vault PostgreSQL database is missing'],
		[{ ...postgres, user: '' }, 'Vault PostgreSQL user is missing'],
		[{ ...postgres, port: 70_000 }, 'Vault PostgreSQL port 70000 is not a port number'],
		[{ ...postgres, ssl: 'verify-full' }, "Vault PostgreSQL SSL mode 'verify-full' is unknown"],
		[{ ...postgres, maxConnections: 0 }, 'Vault PostgreSQL max connections 0 must be a positive whole number'],
		[{ backend: 'mysql' }, "Vault backend 'mysql' is not supported"],
	])('%j is refused: %s', (config, message) => {
		expect(() => validateVaultConfig(config as VaultConfig)).toThrow(message);
	});

	test('a complete configuration is accepted', () => {
		expect(() => validateVaultConfig(postgres)).not.toThrow();
		expect(() => validateVaultConfig({ backend: 'sqlite', path: ':memory:' })).not.toThrow();
	});

	test('the location shown never contains the password', () => {
		expect(describeVaultConfig(postgres)).toBe('postgres://n8n@db.example.com:5432/vault');
		expect(describeVaultConfig({ ...postgres, port: 6432 })).toBe('postgres://n8n@db.example.com:6432/vault');
		expect(describeVaultConfig({ backend: 'sqlite', path: '/data/vault.sqlite' })).toBe('/data/vault.sqlite');
	});

	test('SSL modes become the TLS settings of the connection', () => {
		expect(postgresPoolConfig(postgres).ssl).toBe(false);
		expect(postgresPoolConfig({ ...postgres, ssl: 'disable' }).ssl).toBe(false);
		expect(postgresPoolConfig({ ...postgres, ssl: 'no-verify' }).ssl).toEqual({ rejectUnauthorized: false });
		expect(postgresPoolConfig({ ...postgres, ssl: 'require' }).ssl).toEqual({ rejectUnauthorized: true, ca: undefined });
		expect(postgresPoolConfig({ ...postgres, ssl: 'require', caCertificate: 'PEM' }).ssl).toEqual({ rejectUnauthorized: true, ca: 'PEM' });
		// A pinned CA with no mode set means verified TLS, not plain TCP.
		expect(postgresPoolConfig({ ...postgres, caCertificate: 'PEM' }).ssl).toEqual({ rejectUnauthorized: true, ca: 'PEM' });
	});

	test('the pool reads bigint and numeric values as numbers', () => {
		const { types } = postgresPoolConfig(postgres);
		expect(types!.getTypeParser(20, 'text')('9007199254740991')).toBe(9007199254740991);
		expect(types!.getTypeParser(1700, 'text')('0.25')).toBe(0.25);
		expect(types!.getTypeParser(23, 'text')('7')).toBe(7);
	});
});
