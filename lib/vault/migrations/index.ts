import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { VaultBackend } from '../types';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_evaluation_indexes';
import * as m0003 from './0003_persons_without_hash';
import * as m0004 from './0004_grant_summaries';
import * as m0005 from './0005_holdings';
import * as m0006 from './0006_person_scan_indexes';

interface VaultMigration {
	up(db: Kysely<unknown>, backend: VaultBackend): Promise<void>;
}

/**
 * Every migration, in order. Listed by hand rather than read from the folder, so the same
 * list works from the TypeScript sources (tests) and from compiled dist/ (n8n).
 * Forward only: a new schema change is a new file here, never an edit of a shipped one.
 */
const MIGRATIONS: ReadonlyArray<[name: string, migration: VaultMigration]> = [
	['0001_initial', m0001],
	['0002_evaluation_indexes', m0002],
	['0003_persons_without_hash', m0003],
	['0004_grant_summaries', m0004],
	['0005_holdings', m0005],
	['0006_person_scan_indexes', m0006],
];

export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);
export const LATEST_MIGRATION = MIGRATION_NAMES[MIGRATION_NAMES.length - 1];

/** Kysely's own bookkeeping table: one row per applied migration. */
export const MIGRATION_TABLE = 'kysely_migration';

class StaticMigrationProvider implements MigrationProvider {
	constructor(private readonly backend: VaultBackend) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		const migrations: Record<string, Migration> = {};
		for (const [name, migration] of MIGRATIONS) {
			migrations[name] = { up: (db) => migration.up(db, this.backend) };
		}
		return migrations;
	}
}

/**
 * Brings the vault's schema up to date and returns the names of the migrations this call
 * applied (empty when it was current). Safe when several processes open a fresh vault at
 * once: PostgreSQL serializes them with Kysely's advisory lock; on SQLite the whole run is
 * one `begin immediate` transaction, so the second process waits and then finds nothing to do.
 */
export async function migrateToLatest<DB>(db: Kysely<DB>, backend: VaultBackend): Promise<string[]> {
	const migrator = new Migrator({ db, provider: new StaticMigrationProvider(backend) });
	const { error, results = [] } = await migrator.migrateToLatest();
	if (error) {
		const failed = results.find((r) => r.status === 'Error')?.migrationName;
		const reason = error instanceof Error ? error.message : String(error);
		const which = failed ? `Vault migration ${failed}` : 'Vault migration';
		throw new Error(`${which} failed: ${reason}`, { cause: error });
	}
	return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
