import type { Kysely } from 'kysely';

/**
 * persons.hash (a SHA-1 of the person document) told an import whether a person changed.
 * Comparing the stored document itself says that exactly, and an import of 100,000 persons no
 * longer hashes every document.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('persons').dropColumn('hash').execute();
}
