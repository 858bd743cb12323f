import type { PlanRow } from '../vault/schema';
import type { VaultDb } from '../vault/types';
import { addDays, type TimeWindow } from './timeWindow';
import { inChunks } from '../vault/inChunks';

/** What a plan records about how it was made, so the next evaluation can build on it. */
export interface EvaluationRecord {
	mode: 'full' | 'incremental';
	fullReason?: string;
	evaluated: number;
	/** Absent in plans made before evaluations could use a worker thread. */
	threads?: number;
	ruleSetVersion: number;
	ruleSetStatus: string;
	/** Hash of the rule set document: a draft edited in place keeps its id but not its hash. */
	documentHash: string;
	targets: string[] | null;
	correlate: string[];
	/** Person ids excluded when the plan was made (an exclusion lifted since means re-evaluate). */
	excludedIds: string[];
	preview: boolean;
	superseded: string[];
}

export interface IncrementalSettings {
	asOf: string;
	ruleSetId: string;
	documentHash: string;
	targets: string[] | null;
	correlate: string[];
	excludedIds: ReadonlySet<string>;
	window: TimeWindow;
}

export type IncrementalStart = { base: PlanRow; changed: Set<string> } | { fullReason: string };

const sameList = (a: readonly string[] | null, b: readonly string[] | null) => JSON.stringify(a) === JSON.stringify(b);

export function evaluationRecord(plan: PlanRow): EvaluationRecord | undefined {
	try {
		return (JSON.parse(plan.summary) as { evaluation?: EvaluationRecord }).evaluation;
	} catch {
		return undefined;
	}
}

/**
 * The last plan and the ids (person records or survivors, as they were) of everyone whose plan
 * may differ from it: new snapshots' changes, merges and unmerges, exclusions set or lifted,
 * audit entries about a person (enforcement journals every action it carries out, so accounts
 * and grants it wrote show up here), actions of the last plan that are no longer pending, and,
 * when the as-of date moved, everyone with a pending action tied to the as-of date and everyone
 * with a contract date near the dates crossed. Persons rewritten since (persons.updated_at)
 * come from personScan, which also finds the blocked persons in the same pass. Checks are
 * conservative: re-evaluating a person too many costs time, never correctness. Returns a
 * reason instead when only a full evaluation can be right.
 */
export async function incrementalStart(db: VaultDb, settings: IncrementalSettings): Promise<IncrementalStart> {
	const base = await db.selectFrom('plans').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
	if (!base) return { fullReason: 'there is no earlier plan to build on' };
	const record = evaluationRecord(base);
	if (!record) return { fullReason: `the last plan ${base.id} does not say how it was made` };
	if (base.rule_set_id !== settings.ruleSetId || record.documentHash !== settings.documentHash) {
		return { fullReason: 'the rules changed since the last plan' };
	}
	if (!sameList(record.targets, settings.targets) || !sameList(record.correlate, settings.correlate)) {
		return { fullReason: 'the targets or the correlation setting differ from the last plan' };
	}
	const asOfMoved = base.as_of !== settings.asOf;
	if (asOfMoved && settings.window.anyone) {
		return { fullReason: "the as-of date changed and a rule compares a date other than a contract's with today" };
	}

	const since = base.created_at;
	const changed = new Set<string>();
	const add = (ids: Iterable<string | null>) => {
		for (const id of ids) if (id) changed.add(id);
	};

	const baseSeq = base.snapshot_id
		? Number((await db.selectFrom('snapshots').select('seq').where('id', '=', base.snapshot_id).executeTakeFirst())?.seq ?? 0)
		: 0;
	const snapshots = await db.selectFrom('snapshots').select('id').where('seq', '>', baseSeq).execute();
	const changes = await inChunks(
		snapshots.map((s) => s.id),
		(chunk) => db.selectFrom('person_changes').select('person_id').where('snapshot_id', 'in', chunk).execute(),
	);
	add(changes.map((row) => row.person_id));
	const merges = await db
		.selectFrom('merges')
		.select(['survivor_id', 'merged_id'])
		.where((eb) => eb.or([eb('created_at', '>=', since), eb('undone_at', '>=', since)]))
		.execute();
	add(merges.flatMap((row) => [row.survivor_id, row.merged_id]));
	const before = new Set(record.excludedIds);
	add([...settings.excludedIds].filter((id) => !before.has(id)));
	add([...before].filter((id) => !settings.excludedIds.has(id)));
	add(
		(await db.selectFrom('audit_log').select('person_id').where('at', '>=', since).where('person_id', 'is not', null).execute()).map(
			(row) => row.person_id,
		),
	);
	add(
		(await db.selectFrom('plan_actions').select('person_id').where('plan_id', '=', base.id).where('status', '!=', 'pending').execute()).map(
			(row) => row.person_id,
		),
	);

	if (asOfMoved) {
		// Pending actions that depend on the as-of date itself: due "now" (on the old date),
		// dated from it (a contract without a start date is due as of the evaluation), or due
		// after the new date (the date moved back). Everything else dated stays as it was,
		// unless the move crossed one of the person's contract dates (below).
		const pending = await db
			.selectFrom('plan_actions')
			.select('person_id')
			.where('plan_id', '=', base.id)
			.where('status', '=', 'pending')
			.where((eb) =>
				eb.or([eb('due_date', '=', base.as_of), eb('due_date', '>', settings.asOf), eb('entitlement', 'like', `%"${base.as_of}"%`)]),
			)
			.execute();
		add(pending.map((row) => row.person_id));
		const [from, to] = [base.as_of, settings.asOf].sort();
		const { start, end } = settings.window;
		const near = await db
			.selectFrom('contracts')
			.select('person_id')
			.where((eb) =>
				eb.or([
					eb.and([eb('start_date', '>=', addDays(from, -start.after)), eb('start_date', '<=', addDays(to, start.before))]),
					eb.and([eb('end_date', '>=', addDays(from, -end.after)), eb('end_date', '<=', addDays(to, end.before))]),
				]),
			)
			.execute();
		add(near.map((row) => row.person_id));
	}
	return { base, changed };
}
