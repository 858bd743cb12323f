import { sql } from 'kysely';

import type { Vault, VaultDb } from '../vault/types';

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
}

/**
 * Applying walks the rows grouped by person key; comparing with the persons sums their hashes.
 * Built once the rows are in: sorting them once is cheaper than keeping an index in order
 * while rows arrive in the export's order.
 */
export async function indexStagingTable(db: VaultDb): Promise<void> {
	await db.schema.createIndex('staged_rows_key_idx').on('staged_rows').columns(['import_id', 'record_type', 'external_id', 'h1', 'h2']).execute();
}

export async function dropStagingTable(db: VaultDb): Promise<void> {
	await db.schema.dropTable('staged_rows').ifExists().execute();
}

/** A staged row as read back: its number and the JSON stored for it. */
export interface StagedRow {
	row_no: number;
	data: string;
}

/**
 * Reads a staged HR row back: from its JSON, or from the array the rows came in. Rows given as
 * an array (as n8n gives a node its items) are already in memory: staging stores their hash and
 * key but not the row, and applying reads them from the array.
 */
export type HrRowReader = (staged: StagedRow) => object;

export const rowFromJson: HrRowReader = (staged) => JSON.parse(staged.data) as object;

export const rowFromArray =
	(rows: readonly object[]): HrRowReader =>
	(staged) =>
		rows[staged.row_no - 1];

/** Rows copied per statement when a held import's rows are kept. */
const KEEP_CHUNK = 2000;

/** Keeps a held import's rows for its approval, with the rows staging did not store. */
export async function keepStagedRows(vault: Vault, db: VaultDb, importId: string, readRow: HrRowReader): Promise<void> {
	if (readRow === rowFromJson) {
		await sql`insert into raw_records select * from staged_rows`.execute(db);
		return;
	}
	for (let after = 0; ; ) {
		const rows = await db.selectFrom('staged_rows').selectAll().where('import_id', '=', importId).where('row_no', '>', after).orderBy('row_no').limit(KEEP_CHUNK).execute();
		if (rows.length === 0) return;
		await vault.insertMany(db, 'raw_records', rows.map((row) => (row.data === '' ? { ...row, data: JSON.stringify(readRow(row)) } : row)));
		after = rows[rows.length - 1].row_no;
	}
}

/** Once an import is applied or rejected its rows are no longer needed. */
export async function forgetRawRecords(db: VaultDb, importId: string): Promise<void> {
	await db.deleteFrom('raw_records').where('import_id', '=', importId).execute();
}
