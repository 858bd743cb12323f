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
	await db.schema
		.createTable('staged_rows')
		.temporary()
		.addColumn('import_id', 'text', (c) => c.notNull())
		.addColumn('row_no', 'integer', (c) => c.notNull())
		.addColumn('record_type', 'text', (c) => c.notNull())
		.addColumn('external_id', 'text')
		.addColumn('has_error', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('h1', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('h2', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('data', 'text', (c) => c.notNull())
		.execute();
	// Applying walks the rows grouped by person key.
	await db.schema.createIndex('staged_rows_key_idx').on('staged_rows').columns(['import_id', 'record_type', 'external_id']).execute();
}

export async function dropStagingTable(db: VaultDb): Promise<void> {
	await db.schema.dropTable('staged_rows').ifExists().execute();
}

/** Keeps a held import's rows for its approval. */
export async function keepStagedRows(db: VaultDb): Promise<void> {
	await sql`insert into raw_records (import_id, row_no, record_type, external_id, has_error, h1, h2, data)
		select import_id, row_no, record_type, external_id, has_error, h1, h2, data from staged_rows`.execute(db);
}

/** Once an import is applied or rejected its rows are no longer needed. */
export async function forgetRawRecords(db: VaultDb, importId: string): Promise<void> {
	await db.deleteFrom('raw_records').where('import_id', '=', importId).execute();
}
