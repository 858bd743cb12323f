import type { PostgresVaultConfig, VaultConfig } from './types';

/** A vault configuration that cannot work; the message says which setting to fix. */
export class VaultConfigError extends Error {
	override readonly name = 'VaultConfigError';
}

const SSL_MODES = ['disable', 'require', 'no-verify'] as const;

/** Throws a VaultConfigError naming the first setting that is missing or invalid. */
export function validateVaultConfig(config: VaultConfig): void {
	if (!config || typeof config !== 'object') throw new VaultConfigError('Vault configuration is missing');
	if (config.backend === 'sqlite') {
		if (typeof config.path !== 'string' || config.path.trim() === '') {
			throw new VaultConfigError("Vault SQLite file path is missing (use ':memory:' for a throwaway vault)");
		}
		return;
	}
	if (config.backend !== 'postgres') {
		const backend = (config as { backend?: unknown }).backend;
		throw new VaultConfigError(`Vault backend '${String(backend)}' is not supported: use 'sqlite' or 'postgres'`);
	}
	requireText(config.host, 'Vault PostgreSQL host is missing');
	requireText(config.database, 'Vault PostgreSQL database is missing');
	requireText(config.user, 'Vault PostgreSQL user is missing');
	if (config.port !== undefined && !(Number.isInteger(config.port) && config.port > 0 && config.port < 65536)) {
		throw new VaultConfigError(`Vault PostgreSQL port ${String(config.port)} is not a port number (1-65535)`);
	}
	if (config.ssl !== undefined && !SSL_MODES.includes(config.ssl)) {
		throw new VaultConfigError(`Vault PostgreSQL SSL mode '${String(config.ssl)}' is unknown: use ${SSL_MODES.join(', ')}`);
	}
	if (config.maxConnections !== undefined && !(Number.isInteger(config.maxConnections) && config.maxConnections > 0)) {
		throw new VaultConfigError(`Vault PostgreSQL max connections ${String(config.maxConnections)} must be a positive whole number`);
	}
}

/** TLS mode in effect: as configured; when unset, 'require' if a CA is pinned, else 'disable'. The CA is only used with 'require'. */
export function postgresSslMode(config: PostgresVaultConfig): NonNullable<PostgresVaultConfig['ssl']> {
	return config.ssl ?? (config.caCertificate ? 'require' : 'disable');
}

/** Where a vault lives, safe to log or show: the file path, or postgres://user@host:port/database (never the password). */
export function describeVaultConfig(config: VaultConfig): string {
	if (config.backend === 'sqlite') return config.path;
	const user = encodeURIComponent(config.user);
	const database = encodeURIComponent(config.database);
	return `postgres://${user}@${config.host}:${config.port ?? 5432}/${database}`;
}

function requireText(value: unknown, message: string): void {
	if (typeof value !== 'string' || value.trim() === '') throw new VaultConfigError(message);
}
