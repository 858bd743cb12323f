import type { Vault } from '../vault/types';
import { AggregationError } from './errors';
import { withAggregationLock } from './lock';
import { orderedPair } from './mergeWriter';
import { describePerson, requirePerson } from './personLookup';

export interface UnmergeOptions {
	/** Who asked, for the audit log. */
	by?: string;
	/** Stored with the never-merge that keeps the next run from merging them again. */
	reason?: string;
}

export interface UnmergeResult {
	personId: string;
	/** The person it was merged into. */
	formerSurvivorId: string;
}

const LOCK_WAIT_MS = 30_000;

/**
 * Undoes the merge of one person: it stands on its own again (merged_into null, its merge
 * marked undone) and a never-merge with its former survivor keeps later runs from merging
 * them again.
 */
export async function unmerge(vault: Vault, personId: string, options: UnmergeOptions = {}): Promise<UnmergeResult> {
	return await withAggregationLock(vault, LOCK_WAIT_MS, async () =>
		vault.transaction(async (trx) => {
			const person = await requirePerson(trx, personId);
			if (person.merged_into === null) {
				const merged = await trx.selectFrom('persons').select('id').where('merged_into', '=', personId).execute();
				if (merged.length > 0) {
					throw new AggregationError(
						`Person ${describePerson(person)} is a survivor, not merged into another person`,
						`Unmerge the persons merged into it instead: ${merged.map((row) => row.id).join(', ')}.`,
					);
				}
				throw new AggregationError(`Person ${describePerson(person)} is not merged`);
			}
			const survivorId = person.merged_into;
			const now = new Date().toISOString();
			await trx.updateTable('persons').set({ merged_into: null }).where('id', '=', personId).execute();
			await trx
				.updateTable('merges')
				.set({ undone_at: now })
				.where('merged_id', '=', personId)
				.where('undone_at', 'is', null)
				.execute();
			const [a, b] = orderedPair(personId, survivorId);
			const reason = options.reason ?? 'unmerged';
			await trx
				.insertInto('never_merge')
				.values({ person_a: a, person_b: b, reason, created_at: now })
				.onConflict((oc) => oc.columns(['person_a', 'person_b']).doUpdateSet({ reason }))
				.execute();
			await vault.appendAudit(trx, [
				{
					at: now,
					person_id: personId,
					action: 'aggregation.unmerge',
					message: `Unmerged person ${personId} from ${survivorId}${options.by ? ` by ${options.by}` : ''}`,
					is_error: false,
					before: { mergedInto: survivorId },
					after: { mergedInto: null },
				},
			]);
			return { personId, formerSurvivorId: survivorId };
		}),
	);
}
