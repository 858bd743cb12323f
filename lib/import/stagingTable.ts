import { sql } from 'kysely';

import type { VaultDb } from '../vault/types';

/**
 * Where an import's rows wait while it is staged and applied: `staged_rows`, a temporary
 * table of the import's own transaction, or `raw_records` for a held import that waits for
 * approval. Both have the same columns.
 *
 * A temporary table is written once: not to SQLite's write-ahead log and back into the
 * database file, not to PostgreSQL's WAL. Rows of an import that is applied at once are never
 * read again, so they need not outlive the transaction.
 */
export type StagingTable = 'staged_rows' | 'raw_records';

export async function createStagingTable(db: VaultDb): Promise<void> {
	await dropStagingTable(db);
	// raw_records' columns, in its order, on both backends; every staged row sets all of them.
	await sql`create temporary table staged_rows as select * from raw_records where 1 = 0`.execute(db);
	// Applying walks the rows grouped by person key; comparing with the persons sums their hashes.
	await db.schema.createIndex('staged_rows_key_idx').on('staged_rows').columns(['import_id', 'record_type', 'external_id', 'h1', 'h2']).execute();
}

export async function dropStagingTable(db: VaultDb): Promise<void> {
	await db.schema.dropTable('staged_rows').ifExists().execute();
}

/** Keeps a held import's rows for its approval. */
export async function keepStagedRows(db: VaultDb): Promise<void> {
	await sql`insert into raw_records select * from staged_rows`.execute(db);
}

/** Once an import is applied or rejected its rows are no longer needed. */
export async function forgetRawRecords(db: VaultDb, importId: string): Promise<void> {
	await db.deleteFrom('raw_records').where('import_id', '=', importId).execute();
}
