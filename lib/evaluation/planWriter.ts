import { newId } from '../vault/ids';
import type { InsertRow, Vault, VaultDb } from '../vault/types';
import { ACTION_PHASE, type ActionCounts, type PlannedAction } from './types';

/** seq = phase × PHASE_SPAN + running number: PostgreSQL integers hold 8 phases of 100 million actions. */
export const PHASE_SPAN = 100_000_000;
const BATCH = 1000;

export interface WrittenAction extends PlannedAction {
	seq: number;
}

/**
 * Streams a plan's actions into plan_actions inside the evaluation's transaction, so memory
 * stays bounded however many actions a plan has, and counts them on the way.
 */
export class PlanWriter {
	readonly counts: ActionCounts = {};
	readonly persons = new Set<string>();
	total = 0;
	productsNotRevoked = 0;
	private counter = 0;
	private queued: Array<InsertRow<'plan_actions'>> = [];
	/** The first actions of each phase, lowest seq first: the plan's first maxItems come from these. */
	private readonly firstByPhase = new Map<number, WrittenAction[]>();

	constructor(
		private readonly vault: Vault,
		private readonly db: VaultDb,
		private readonly planId: string,
		private readonly now: string,
		private readonly maxItems: number,
	) {}

	async add(actions: readonly PlannedAction[]): Promise<void> {
		for (const action of actions) {
			const phase = ACTION_PHASE[action.action];
			const seq = phase * PHASE_SPAN + ++this.counter;
			this.queued.push({
				id: newId(),
				plan_id: this.planId,
				seq,
				person_id: action.personId,
				target: action.target,
				action: action.action,
				entitlement: JSON.stringify(action.entitlement),
				reason: action.reason,
				due_date: action.dueDate,
				status: 'pending',
				claimed_by: null,
				claimed_at: null,
				result: null,
				account_ref: action.accountRef,
				error: null,
				updated_at: this.now,
			});
			const perTarget = (this.counts[action.target] ??= {});
			perTarget[action.action] = (perTarget[action.action] ?? 0) + 1;
			this.total++;
			this.persons.add(action.personId);
			const first = this.firstByPhase.get(phase) ?? [];
			if (first.length < this.maxItems) first.push({ ...action, seq });
			this.firstByPhase.set(phase, first);
		}
		if (this.queued.length >= BATCH) await this.flush();
	}

	async flush(): Promise<void> {
		const rows = this.queued.splice(0);
		if (rows.length > 0) await this.vault.insertMany(this.db, 'plan_actions', rows);
	}

	/** The plan's first maxItems actions in seq order. */
	firstActions(): WrittenAction[] {
		return [...this.firstByPhase.values()]
			.flat()
			.sort((a, b) => a.seq - b.seq)
			.slice(0, this.maxItems);
	}
}
