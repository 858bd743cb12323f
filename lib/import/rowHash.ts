import { hash } from 'node:crypto';

/**
 * Two 40-bit numbers from a row's SHA-1. A person's rows are summarised by the sums of these
 * parts and the row count: equal sums mean the same rows in any order (a false match would
 * need two 80-bit collisions), and sums of 40-bit values stay exact as JavaScript numbers
 * and PostgreSQL bigints for millions of rows per person.
 */
export function rowHash(serialisedRow: string): [number, number] {
	const hex = hash('sha1', serialisedRow, 'hex');
	return [parseInt(hex.slice(0, 10), 16), parseInt(hex.slice(10, 20), 16)];
}
