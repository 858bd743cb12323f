import { sql } from 'kysely';

import type { VaultBackend, VaultDb } from '../types';

/** As much of the file as SQLite maps: its build caps mmap_size just under 2 GiB and lowers larger values to that. */
const MAPPED_BYTES = 2 ** 31;

/**
 * Runs fn with the SQLite connection reading the vault file through a memory map: pages come
 * from memory instead of one read call each, which counts when fn reads every person, account
 * and grant. The map is removed afterwards, so an idle n8n process does not hold the file mapped.
 * Other backends run fn as it is.
 */
export async function withMappedReads<T>(backend: VaultBackend, db: VaultDb, fn: () => Promise<T>): Promise<T> {
	if (backend !== 'sqlite') return await fn();
	await mapFile(db, MAPPED_BYTES);
	try {
		return await fn();
	} finally {
		await mapFile(db, 0);
	}
}

/** Maps the vault file for reading on this connection for as long as it stays open (a worker thread's reader). */
export async function mapForReads(db: VaultDb): Promise<void> {
	await mapFile(db, MAPPED_BYTES);
}

async function mapFile(db: VaultDb, bytes: number): Promise<void> {
	// A pragma takes no bound parameters; the size is one of the numbers above.
	await sql.raw(`pragma mmap_size = ${bytes}`).execute(db);
}
