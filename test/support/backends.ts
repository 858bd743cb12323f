import { openVault } from '../../lib/vault';
import type { Vault } from '../../lib/vault/types';
import { freshPostgresDatabase } from './postgres';

export type OpenVault = () => Promise<Vault>;

/**
 * Runs a suite on an in-memory SQLite vault and, when TEST_POSTGRES_URL is set (CI always
 * sets it), on a fresh PostgreSQL database per vault. Closing the vault drops the database.
 */
export function forEachBackend(define: (open: OpenVault) => void): void {
	describe('SQLite', () => define(() => openVault({ backend: 'sqlite', path: ':memory:' })));
	if (!process.env.TEST_POSTGRES_URL) return; // the PostgreSQL lane runs where a server is given
	describe('PostgreSQL', () =>
		define(async () => {
			const { url, dispose } = await freshPostgresDatabase();
			const vault = await openVault({
				backend: 'postgres',
				host: url.hostname,
				port: Number(url.port),
				database: url.pathname.slice(1),
				user: decodeURIComponent(url.username),
				ssl: 'disable',
			});
			const close = vault.close.bind(vault);
			return Object.assign(vault, {
				close: async () => {
					await close();
					await dispose();
				},
			});
		}));
}

/** Opens a vault for one test and always closes it. */
export async function withVault<T>(open: OpenVault, fn: (vault: Vault) => Promise<T>): Promise<T> {
	const vault = await open();
	try {
		return await fn(vault);
	} finally {
		await vault.close();
	}
}
