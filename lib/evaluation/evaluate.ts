import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';

import { loadAggregatedPersons } from '../aggregation';
import { newId } from '../vault/ids';
import type { PlanStatus, VaultSchema } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import { incrementalStart, type EvaluationRecord } from './incremental';
import { pageBounds, plannedPages, type Helper } from './plannedPages';
import { releasePlanningThread, takePlanningThread, type PlanningThread } from './planningThread';
import { planPage, type PagePlan, type PlanningContext, type RulesForPlanning } from './planPage';
import { PlanWriter } from './planWriter';
import { actionView, plannedActionOf } from './plans';
import { checkThresholds, validateThresholds } from './thresholds';
import { timeWindow } from './timeWindow';
import type { EvaluateOptions, EvaluationResult, PlanSummary } from './types';
import { inChunks } from '../vault/inChunks';
import { countActivePersons, liveAccountHolders, managedAccounts, personScan, recordsOfSurvivors, survivorsOf } from './vaultState';

/** A rule set ready to evaluate: lib/rules' rule set version with its compiled desired state. */
export interface RuleSetForEvaluation extends RulesForPlanning {
	id: string;
	version: number;
	status: string;
	/** True when it is the published rule set: only then is the plan enforceable (else a preview). */
	published: boolean;
	/** True when desiredState is the compiled document's: a worker thread can then compile the same rules. */
	compiledFromDocument?: boolean;
}

/**
 * Persons per page. What a page holds while it is planned (its persons, accounts and grants)
 * is what each young-generation garbage collection copies: pages of 1,000 spent about 0.8 s
 * of 100,000 persons' evaluation copying them, pages of 250 about 0.3 s.
 */
const PAGE_SIZE = 250;
/** Person records from which a full evaluation takes a worker thread: below, starting it costs more than it saves. */
const RECORDS_FOR_A_WORKER = 20_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PLAN_STATUSES_SUPERSEDED: PlanStatus[] = ['ready', 'blocked', 'approved', 'enforcing'];

export function todayUtc(): string {
	return new Date().toISOString().slice(0, 10);
}

function checkOptions(options: EvaluateOptions): void {
	if (options.asOf !== undefined && (!DATE.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))) {
		throw new Error(`The as-of date '${options.asOf}' is not a date in the form YYYY-MM-DD`);
	}
	if (options.maxItems !== undefined && (!Number.isInteger(options.maxItems) || options.maxItems < 0)) {
		throw new Error(`Max action items must be a whole number of at least 0, got ${options.maxItems}`);
	}
	if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
		throw new Error(`The page size must be a whole number of at least 1, got ${options.pageSize}`);
	}
	if (options.mode !== undefined && options.mode !== 'full' && options.mode !== 'incremental') {
		throw new Error(`The mode must be 'full' or 'incremental', got '${String(options.mode)}'`);
	}
	if (options.parallel !== undefined && typeof options.parallel !== 'boolean') {
		throw new Error(`Parallel must be true or false, got ${JSON.stringify(options.parallel)}`);
	}
	validateThresholds(options.thresholds ?? []);
}

/** The vault with its queries running in the transaction (SQLite has one connection: the transaction holds it). */
function onTransaction(vault: Vault, trx: Transaction<VaultSchema>): Vault {
	return Object.create(vault, { db: { value: trx } }) as Vault;
}

const sortedUnique = (values: readonly string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].sort();

/**
 * Evaluates a rule set against the vault and stores the plan with its actions in one
 * transaction: nothing is written to any target. Use `evaluate` from lib/evaluation, which
 * loads the rule set; this is its core, with the rules given.
 */
export async function evaluateWithRules(
	vault: Vault,
	rules: RuleSetForEvaluation,
	excludedIds: ReadonlySet<string>,
	options: EvaluateOptions = {},
): Promise<EvaluationResult> {
	checkOptions(options);
	const asOf = options.asOf ?? todayUtc();
	const maxItems = options.maxItems ?? 100;
	const pageSize = options.pageSize ?? PAGE_SIZE;
	const targets = options.targets && options.targets.length > 0 ? sortedUnique(options.targets) : null;
	const correlate = sortedUnique(options.correlate);
	const targetSet = targets ? new Set(targets) : undefined;
	const correlateSet = new Set(correlate);
	const documentHash = createHash('sha1').update(JSON.stringify(rules.document)).digest('base64');
	const preview = !rules.published;
	const planId = newId();
	const createdAt = new Date().toISOString();

	return await vault.transaction(async (trx) => {
		const reader = onTransaction(vault, trx);
		const snapshot = await trx.selectFrom('snapshots').select('id').orderBy('seq', 'desc').limit(1).executeTakeFirst();
		const excludedSurvivors = new Set((await survivorsOf(trx, excludedIds)).values());
		const hasMerges = (await trx.selectFrom('merges').select('id').limit(1).executeTakeFirst()) !== undefined;
		const writer = new PlanWriter(vault, trx, planId, createdAt, maxItems);

		let mode: 'full' | 'incremental' = 'full';
		let fullReason: string | undefined;
		let evaluated = 0;
		let persons = 0;
		let excludedCount = 0;
		let blockedCount = 0;
		const start =
			options.mode === 'incremental'
				? await incrementalStart(trx, {
						asOf,
						ruleSetId: rules.id,
						documentHash,
						targets,
						correlate,
						excludedIds,
						window: timeWindow(rules.document),
					})
				: undefined;
		if (start && 'fullReason' in start) fullReason = start.fullReason;
		// Started before the rest is read: the worker thread loads, compiles the rules and opens its
		// connection meanwhile.
		const thread = start && 'base' in start ? undefined : await planningThread(vault, trx, rules, options, pageSize);
		try {
			const scan = await personScan(trx, start && 'base' in start ? start.base.created_at : undefined);
			const context: PlanningContext = {
				vault: reader,
				rules,
				asOf,
				targets: targetSet,
				correlate: correlateSet,
				excludedSurvivors,
				blocked: scan.blocked,
				hasMerges,
			};
			const write = async (page: PagePlan) => {
				writer.productsNotRevoked += page.productsNotRevoked;
				await writer.add(page.actions);
			};
			let threads = 1;

			if (start && 'base' in start) {
				mode = 'incremental';
				const survivorOf = await survivorsOf(trx, [...start.changed, ...scan.changed]);
				const survivors = new Set(survivorOf.values());
				const touched = new Set([...start.changed, ...(await recordsOfSurvivors(trx, survivors)).map((r) => r.id)]);
				await carryPending(trx, writer, start.base.id, touched, pageSize);
				const list = [...survivors].sort();
				for (let i = 0; i < list.length; i += pageSize) {
					const chunk = list.slice(i, i + pageSize);
					const loaded = await loadAggregatedPersons(reader, { ids: chunk });
					const active = new Set(loaded.map((p) => p.id));
					await write(await planPage(context, loaded, chunk.filter((id) => !active.has(id))));
					evaluated += loaded.length;
				}
				persons = await countActivePersons(trx);
				excludedCount = (await activeSurvivors(trx, excludedSurvivors)).size;
				blockedCount = [...scan.blocked].filter((id) => !excludedSurvivors.has(id)).length;
			} else {
				const covered = new Set<string>();
				const helper = thread && { thread, bounds: await pageBounds(trx, pageSize), task: pagesTask(context, pageSize) };
				if (helper) threads = 2;
				for await (const page of plannedPages(context, pageSize, helper)) {
					await write(page);
					for (const id of page.inactiveRecords) covered.add(id);
					persons += page.persons;
					excludedCount += page.excluded;
					blockedCount += page.blocked;
				}
				evaluated = persons;
				// Persons no longer in any source who still hold a live account: their inactive
				// records are on no page (pages hold the records of persons with an active one).
				const uncovered = await liveAccountHolders(
					trx,
					scan.inactive.filter((id) => !covered.has(id)),
				);
				const gone = [...new Set((await survivorsOf(trx, uncovered)).values())].sort();
				for (let i = 0; i < gone.length; i += pageSize) await write(await planPage(context, [], gone.slice(i, i + pageSize)));
			}
			await writer.flush();

			const summary: PlanSummary = {
				persons,
				personsAffected: writer.persons.size,
				blocked: blockedCount,
				excluded: excludedCount,
				totalActions: writer.total,
				actions: writer.counts,
				productsNotRevoked: writer.productsNotRevoked,
			};
			const thresholds = options.thresholds ?? [];
			// Counting managed accounts reads every account: only when a percentage asks for it.
			const managed = thresholds.some((t) => t.maxPercent !== undefined) ? await managedAccounts(trx) : {};
			const breaches = checkThresholds(thresholds, writer.counts, managed);
			const status: PlanStatus = breaches.length > 0 ? 'blocked' : 'ready';

			// A preview (draft or older rules) leaves the plans enforcement would use alone.
			let superseded: string[] = [];
			if (!preview) {
				const older = await trx.selectFrom('plans').select(['id', 'rule_set_id']).where('status', 'in', PLAN_STATUSES_SUPERSEDED).execute();
				superseded = older.map((row) => row.id);
				if (superseded.length > 0) {
					await inChunks(superseded, async (chunk) => {
						await trx.updateTable('plans').set({ status: 'superseded' }).where('id', 'in', chunk).execute();
						return [];
					});
				}
			}
			const evaluation: EvaluationRecord = {
				mode,
				...(fullReason ? { fullReason } : {}),
				evaluated,
				threads,
				ruleSetVersion: rules.version,
				ruleSetStatus: rules.status,
				documentHash,
				targets,
				correlate,
				excludedIds: [...excludedIds].sort(),
				preview,
				superseded,
			};
			await trx
				.insertInto('plans')
				.values({
					id: planId,
					created_at: createdAt,
					as_of: asOf,
					rule_set_id: rules.id,
					snapshot_id: snapshot?.id ?? null,
					status,
					summary: JSON.stringify({ ...summary, evaluation }),
					blocked_reason: breaches.length > 0 ? JSON.stringify(breaches) : null,
					approved_by: null,
					approved_at: null,
				})
				.execute();
			await vault.appendAudit(trx, [
				{
					at: createdAt,
					plan_id: planId,
					action: 'evaluation.plan',
					message:
						`Plan ${planId} as of ${asOf} (rule set version ${rules.version}${preview ? ', preview' : ''}): ` +
						`${writer.total} action(s) for ${writer.persons.size} person(s), ${status}` +
						(breaches.length > 0 ? `: ${breaches.map((b) => b.message).join('; ')}` : ''),
					is_error: false,
					after: { status, totalActions: writer.total, mode },
				},
			]);

			const shown = writer.firstActions();
			const names = await displayNames(
				trx,
				shown.map((a) => a.personId),
			);
			return {
				planId,
				status,
				asOf,
				createdAt,
				ruleSet: { id: rules.id, version: rules.version, status: rules.status },
				snapshotId: snapshot?.id ?? null,
				mode,
				...(fullReason ? { fullReason } : {}),
				evaluated,
				threads,
				preview,
				summary,
				thresholds: breaches,
				superseded,
				approvedBy: null,
				approvedAt: null,
				actions: shown.map((action) => actionView(planId, action, 'pending', names)),
			};
		} finally {
			if (thread) await releasePlanningThread(thread);
		}
	});
}

/**
 * The worker thread that shares the pages of a full evaluation, or nothing when this thread
 * plans alone: the vault is not a SQLite file (a PostgreSQL transaction's view cannot be shared
 * with another connection), the rules are not a document, the vault is small, or
 * options.parallel is false. The transaction holds SQLite's write lock, so the worker's
 * connection sees what it sees.
 */
async function planningThread(vault: Vault, db: VaultDb, rules: RuleSetForEvaluation, options: EvaluateOptions, pageSize: number): Promise<PlanningThread | undefined> {
	if (options.parallel === false || vault.backend !== 'sqlite' || vault.location === ':memory:' || !rules.compiledFromDocument) return undefined;
	const { records } = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('records')).executeTakeFirstOrThrow();
	if (Number(records) < (options.parallel ? pageSize : RECORDS_FOR_A_WORKER)) return undefined;
	return takePlanningThread(vault.location, rules.document);
}

/** What the worker thread plans with, besides the rules. */
function pagesTask(context: PlanningContext, pageSize: number): Helper['task'] {
	return {
		asOf: context.asOf,
		targets: context.targets ? [...context.targets] : null,
		correlate: [...context.correlate],
		excludedSurvivors: [...context.excludedSurvivors],
		blocked: [...context.blocked],
		hasMerges: context.hasMerges,
		pageSize,
	};
}

/** The last plan's pending actions of everyone not re-evaluated, into the new plan. */
async function carryPending(db: VaultDb, writer: PlanWriter, basePlanId: string, touched: ReadonlySet<string>, pageSize: number): Promise<void> {
	let lastSeq = -1;
	for (;;) {
		const rows = await db
			.selectFrom('plan_actions')
			.select(['seq', 'person_id', 'target', 'action', 'entitlement', 'reason', 'due_date', 'account_ref'])
			.where('plan_id', '=', basePlanId)
			.where('status', '=', 'pending')
			.where('seq', '>', lastSeq)
			.orderBy('seq')
			.limit(pageSize)
			.execute();
		await writer.add(
			rows
				.filter((row) => !touched.has(row.person_id))
				.map(plannedActionOf),
		);
		if (rows.length < pageSize) return;
		lastSeq = rows[rows.length - 1].seq;
	}
}

async function activeSurvivors(db: VaultDb, survivors: ReadonlySet<string>): Promise<Set<string>> {
	const records = await recordsOfSurvivors(db, survivors);
	return new Set(records.filter((r) => r.status === 'active').map((r) => r.survivor));
}

export async function displayNames(db: VaultDb, ids: readonly string[]): Promise<Map<string, string>> {
	const rows = await inChunks(new Set(ids), (chunk) => db.selectFrom('persons').select(['id', 'display_name']).where('id', 'in', chunk).execute());
	return new Map(rows.map((row) => [row.id, row.display_name]));
}
