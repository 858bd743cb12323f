import type { Vault } from '../vault/types';
import { AggregationError } from './errors';
import { withAggregationLock } from './lock';
import { writeMerges } from './mergeWriter';
import { clusterMembers, describePerson, neverMergeBetween, requirePerson } from './personLookup';
import { compareBySourcePriority, loadSourceRanking } from './sourcePriority';

export type SuggestionDecision = 'accept' | 'reject';

export interface DecideSuggestionOptions {
	/** Source names, highest priority first, to choose the survivor; default: sources.priority. */
	sourcePriority?: string[];
}

export interface DecisionResult {
	suggestionId: string;
	decision: SuggestionDecision;
	status: 'accepted' | 'rejected';
	/** Accept: the person both are now merged into. */
	survivorId?: string;
	/** Accept: the person merged into the survivor (none when they were already together). */
	mergedIds: string[];
}

/** How long an admin decision waits for a running aggregation. */
const LOCK_WAIT_MS = 30_000;

/**
 * Accepting merges the suggestion's two persons (with everything already merged into them)
 * as an automatic merge would, recorded as decided by 'admin'. Rejecting closes it; the pair
 * is not suggested again.
 */
export async function decideSuggestion(
	vault: Vault,
	suggestionId: string,
	decision: SuggestionDecision,
	by?: string,
	options: DecideSuggestionOptions = {},
): Promise<DecisionResult> {
	if (decision !== 'accept' && decision !== 'reject') {
		throw new AggregationError(`Unknown decision '${String(decision)}': use 'accept' or 'reject'`);
	}
	return await withAggregationLock(vault, LOCK_WAIT_MS, async () => {
		const ranking = decision === 'accept' ? await loadSourceRanking(vault.db, options.sourcePriority) : undefined;
		return await vault.transaction(async (trx) => {
			const suggestion = await trx.selectFrom('merge_suggestions').selectAll().where('id', '=', suggestionId).executeTakeFirst();
			if (!suggestion) throw new AggregationError(`Merge suggestion '${suggestionId}' does not exist`);
			if (suggestion.status !== 'open') {
				throw new AggregationError(
					`Merge suggestion '${suggestionId}' is already ${suggestion.status}`,
					`It was decided at ${suggestion.decided_at ?? 'an unknown time'}; a decided suggestion cannot be decided again.`,
				);
			}
			const now = new Date().toISOString();
			const status = decision === 'accept' ? 'accepted' : 'rejected';
			await trx
				.updateTable('merge_suggestions')
				.set({ status, decided_at: now })
				.where('id', '=', suggestionId)
				.execute();

			if (decision === 'reject') {
				await vault.appendAudit(trx, [
					{
						at: now,
						person_id: suggestion.person_a,
						action: 'aggregation.suggestionRejected',
						message: `Rejected merging ${suggestion.person_a} and ${suggestion.person_b}${by ? ` by ${by}` : ''}`,
						is_error: false,
					},
				]);
				return { suggestionId, decision, status, mergedIds: [] };
			}

			const a = await requirePerson(trx, suggestion.person_a);
			const b = await requirePerson(trx, suggestion.person_b);
			const rootA = await requirePerson(trx, a.merged_into ?? a.id, 'Survivor');
			const rootB = await requirePerson(trx, b.merged_into ?? b.id, 'Survivor');
			if (rootA.id === rootB.id) return { suggestionId, decision, status, survivorId: rootA.id, mergedIds: [] };

			const blocked = await neverMergeBetween(trx, await clusterMembers(trx, rootA.id), await clusterMembers(trx, rootB.id));
			if (blocked.length > 0) {
				const [first] = blocked;
				throw new AggregationError(
					`Persons ${describePerson(a)} and ${describePerson(b)} must never be merged`,
					`Never merge is set for ${first.person_a} and ${first.person_b}${first.reason ? ` (${first.reason})` : ''}. Reject the suggestion instead.`,
				);
			}
			const [survivor, merged] = compareBySourcePriority(ranking!, rootA, rootB) <= 0 ? [rootA, rootB] : [rootB, rootA];
			await writeMerges(
				vault,
				trx,
				[{ survivorId: survivor.id, mergedId: merged.id, rules: JSON.parse(suggestion.rules) as string[], score: suggestion.score }],
				'admin',
				by,
			);
			return { suggestionId, decision, status, survivorId: survivor.id, mergedIds: [merged.id] };
		});
	});
}
