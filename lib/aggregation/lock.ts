import { randomUUID } from 'node:crypto';

import type { Vault } from '../vault/types';
import { AggregationError } from './errors';

const LOCK_NAME = 'person-aggregation';
/** A run of a million persons finishes well within this; a crashed holder's lock expires. */
const LOCK_TTL_MS = 30 * 60_000;
const RETRY_MS = 200;

/**
 * Aggregation reads the persons, decides, then writes: a second run or an admin decision in
 * between would be overwritten by a plan made on stale data. One holder at a time; others
 * wait up to waitMs.
 */
export async function withAggregationLock<T>(vault: Vault, waitMs: number, fn: () => Promise<T>): Promise<T> {
	const owner = randomUUID();
	const deadline = Date.now() + waitMs;
	while (!(await vault.acquireLock(LOCK_NAME, owner, LOCK_TTL_MS))) {
		if (Date.now() >= deadline) {
			throw new AggregationError(
				'Another person aggregation is running on this vault',
				'Wait until it has finished, then try again.',
			);
		}
		await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
	}
	try {
		return await fn();
	} finally {
		await vault.releaseLock(LOCK_NAME, owner);
	}
}
