import { sql, type Kysely } from 'kysely';

/** The persons an evaluation must look at apart from the walk over everyone: gone or blocked. */
export const PERSONS_NEEDING_ATTENTION = sql<boolean>`status <> 'active' or blocked_reason is not null`;

/**
 * Indexes for what an evaluation reads of persons besides its walk over everyone: the persons
 * gone or blocked (a partial index: a few rows, whatever the population), the persons changed
 * since the last plan (updated_at), and the active survivors and merged records it counts
 * ((merged_into, status), in place of the index on merged_into alone, whose lookups it serves
 * too). Each of these was a read of the whole persons table, documents and all: 25-60 ms each
 * for 115,000 records, on the evaluation's thread before the worker could start, and in every
 * incremental evaluation however few persons changed.
 * `if not exists`: safe to run again on a vault that has them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.createIndex('persons_attention_idx').ifNotExists().on('persons').column('id').where(PERSONS_NEEDING_ATTENTION).execute();
	await db.schema.createIndex('persons_updated_at_idx').ifNotExists().on('persons').column('updated_at').execute();
	await db.schema.createIndex('persons_merged_into_status_idx').ifNotExists().on('persons').columns(['merged_into', 'status']).execute();
	await db.schema.dropIndex('persons_merged_into_idx').ifExists().execute();
}
