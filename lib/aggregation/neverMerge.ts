import type { Vault } from '../vault/types';
import { AggregationError } from './errors';
import { withAggregationLock } from './lock';
import { orderedPair } from './mergeWriter';
import { clusterMembers, describePerson, requirePerson } from './personLookup';

export interface NeverMergeResult {
	personA: string;
	personB: string;
	reason: string | null;
	/** Open suggestions between the two persons, now rejected. */
	rejectedSuggestions: number;
}

const LOCK_WAIT_MS = 30_000;

/**
 * Marks two persons as different people: aggregation never merges them (nor anything
 * merged into them) and never suggests them; open suggestions between them are rejected.
 */
export async function neverMerge(
	vault: Vault,
	personA: string,
	personB: string,
	reason?: string,
	by?: string,
): Promise<NeverMergeResult> {
	if (personA === personB) throw new AggregationError(`Never merge needs two different persons; both are '${personA}'`);
	return await withAggregationLock(vault, LOCK_WAIT_MS, async () =>
		vault.transaction(async (trx) => {
			const a = await requirePerson(trx, personA, 'Person A');
			const b = await requirePerson(trx, personB, 'Person B');
			const rootA = a.merged_into ?? a.id;
			const rootB = b.merged_into ?? b.id;
			if (rootA === rootB) {
				const merged = a.merged_into !== null ? a : b;
				throw new AggregationError(
					`Persons ${describePerson(a)} and ${describePerson(b)} are already merged`,
					`Unmerge person ${merged.id} first; unmerging also marks the pair as never merge.`,
				);
			}
			const now = new Date().toISOString();
			const [first, second] = orderedPair(personA, personB);
			const stored = reason?.trim() || null;
			await trx
				.insertInto('never_merge')
				.values({ person_a: first, person_b: second, reason: stored, created_at: now })
				.onConflict((oc) => oc.columns(['person_a', 'person_b']).doUpdateSet({ reason: stored }))
				.execute();
			const clusterA = await clusterMembers(trx, rootA);
			const clusterB = await clusterMembers(trx, rootB);
			const closed = await trx
				.updateTable('merge_suggestions')
				.set({ status: 'rejected', decided_at: now })
				.where('status', '=', 'open')
				.where((eb) =>
					eb.or([
						eb.and([eb('person_a', 'in', clusterA), eb('person_b', 'in', clusterB)]),
						eb.and([eb('person_a', 'in', clusterB), eb('person_b', 'in', clusterA)]),
					]),
				)
				.executeTakeFirst();
			await vault.appendAudit(trx, [
				{
					at: now,
					person_id: personA,
					action: 'aggregation.neverMerge',
					message: `Marked ${personA} and ${personB} as never merge${stored ? ` (${stored})` : ''}${by ? ` by ${by}` : ''}`,
					is_error: false,
				},
			]);
			return { personA, personB, reason: stored, rejectedSuggestions: Number(closed.numUpdatedRows) };
		}),
	);
}
