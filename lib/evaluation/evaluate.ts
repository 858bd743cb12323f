import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';

import { loadAggregatedPersons, type AggregatedPerson } from '../aggregation';
import { iterateAggregatedPages } from '../aggregation/aggregatedPersons';
import type { DesiredEntitlement, RuleSetDocument } from '../rules/model';
import { newId } from '../vault/ids';
import type { PlanStatus, VaultSchema } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import { planPerson } from './diff';
import { incrementalStart, type EvaluationRecord } from './incremental';
import { PlanWriter } from './planWriter';
import { actionView, plannedActionOf } from './plans';
import { checkThresholds, validateThresholds } from './thresholds';
import { timeWindow } from './timeWindow';
import type {
	EvaluateOptions,
	EvaluationResult,
	GrantedAccount,
	GrantedItem,
	PersonPlanInput,
	PlannedAction,
	PlanSummary,
} from './types';
import {
	accountsOf,
	countActivePersons,
	grantNameKey,
	grantNames,
	grantsOf,
	inChunks,
	liveAccountHolders,
	managedAccounts,
	mergeEventsOf,
	personScan,
	recordsOfSurvivors,
	survivorsOf,
	type RecordRow,
} from './vaultState';

/** A rule set ready to evaluate: lib/rules' rule set version with its compiled desired state. */
export interface RuleSetForEvaluation {
	id: string;
	version: number;
	status: string;
	document: RuleSetDocument;
	/** True when it is the published rule set: only then is the plan enforceable (else a preview). */
	published: boolean;
	desiredState(person: AggregatedPerson, asOf: string): DesiredEntitlement[];
}

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
	const pageSize = options.pageSize ?? 1000;
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

		/** Plans the given persons (and gone persons that still hold accounts), writing their actions. */
		const evaluateSurvivors = async (persons: readonly AggregatedPerson[], gone: readonly string[] = [], known?: RecordRow[]) => {
			// `known`: every record of these persons, read with them (the full walk).
			const records = known ?? (await recordsOfSurvivors(trx, [...persons.map((p) => p.id), ...gone]));
			const recordIds = records.map((r) => r.id);
			const bySurvivor = groupBy(records, (r) => r.survivor);
			const accounts = groupBy(await accountsOf(trx, vault.backend, recordIds), (a) => a.personId);
			const grants = groupBy(await grantsOf(trx, vault.backend, recordIds), (g) => g.personId);
			const merges = hasMerges ? await mergeEventsOf(trx, recordIds) : new Map<string, string>();
			const stateOf = (survivor: string) => {
				const own = bySurvivor.get(survivor) ?? [{ id: survivor, survivor, status: 'gone', updatedAt: '' } as RecordRow];
				let changedAt = '';
				for (const record of own) {
					if (record.updatedAt > changedAt) changedAt = record.updatedAt;
					const merged = merges.get(record.id);
					if (merged && merged > changedAt) changedAt = merged;
				}
				// Most persons have one record: no copying then.
				const of = <T>(byRecord: Map<string, T[]>): T[] =>
					own.length === 1 ? (byRecord.get(own[0].id) ?? []) : own.flatMap((r) => byRecord.get(r.id) ?? []);
				return {
					accounts: of<GrantedAccount>(accounts),
					granted: of<GrantedItem & { personId: string }>(grants),
					personChangedAt: changedAt || null,
				};
			};
			// A page's plans are written once the page is planned: revokes need the grants' names,
			// read for the few persons who have one (grantsOf leaves them out).
			// Only persons with actions are kept, and their input only when they revoke: a page's
			// inputs kept to its end made the garbage collector copy them all.
			const planned: Array<{ input?: PersonPlanInput; granted: Array<GrantedItem & { personId: string }>; actions: PlannedAction[] }> = [];
			const plan = (personId: string, desired: DesiredEntitlement[], person?: AggregatedPerson) => {
				const state = stateOf(personId);
				// Targets of live accounts no rule wants now.
				const unwanted = new Set<string>();
				for (const a of state.accounts) {
					if ((a.state === 'enabled' || a.state === 'disabled') && (!targetSet || targetSet.has(a.target))) unwanted.add(a.target);
				}
				for (const d of desired) if (d.type === 'account') unwanted.delete(d.target);
				const endedAccounts = person && unwanted.size > 0 ? lastContractAccounts(rules, person, unwanted) : undefined;
				const input: PersonPlanInput = { personId, asOf, desired, ...state, endedAccounts, correlate: correlateSet, targets: targetSet };
				const result = planPerson(input);
				writer.productsNotRevoked += result.productsNotRevoked;
				if (result.actions.length === 0) return;
				const revokes = result.actions.some((action) => action.action === 'revoke');
				planned.push({ input: revokes ? input : undefined, granted: state.granted, actions: result.actions });
			};
			let excluded = 0;
			let blockedHere = 0;
			for (const person of persons) {
				if (excludedSurvivors.has(person.id)) excluded++;
				else if (blocked.has(person.id)) blockedHere++;
				else plan(person.id, rules.desiredState(person, asOf), person);
			}
			// Nobody in HR any more: no rule wants anything for them now; their last contracts say
			// whether their accounts are to be deleted.
			const left = gone.filter((survivor) => !excludedSurvivors.has(survivor));
			if (left.length > 0) {
				const lastKnown = new Map((await loadAggregatedPersons(reader, { ids: left, includeGone: true })).map((p) => [p.id, p]));
				for (const survivor of left) plan(survivor, [], lastKnown.get(survivor));
			}
			const revoking = planned.filter((p) => p.input !== undefined);
			if (revoking.length > 0) {
				const names = await grantNames(trx, new Set(revoking.flatMap((p) => p.granted.map((g) => g.personId))));
				for (const p of revoking) {
					for (const g of p.granted) g.name = names.get(grantNameKey(g.personId, g.target, g.kind, g.key)) ?? '';
					p.actions = planPerson(p.input as PersonPlanInput).actions; // pure: the same plan, with the names
				}
			}
			for (const p of planned) await writer.add(p.actions);
			return { excluded, blocked: blockedHere, recordIds };
		};

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
		const scan = await personScan(trx, start && 'base' in start ? start.base.created_at : undefined);
		const blocked = scan.blocked;

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
				const gone = chunk.filter((id) => !active.has(id));
				await evaluateSurvivors(loaded, gone);
				evaluated += loaded.length;
			}
			persons = await countActivePersons(trx);
			excludedCount = (await activeSurvivors(trx, excludedSurvivors)).size;
			blockedCount = [...blocked].filter((id) => !excludedSurvivors.has(id)).length;
		} else {
			const covered = new Set<string>();
			for await (const page of iterateAggregatedPages(reader, pageSize)) {
				const result = await evaluateSurvivors(page.persons, [], page.records);
				for (const id of result.recordIds) covered.add(id);
				persons += page.persons.length;
				excludedCount += result.excluded;
				blockedCount += result.blocked;
			}
			evaluated = persons;
			// Persons no longer in any source who still hold a live account.
			const uncovered = await liveAccountHolders(trx, covered);
			const gone = [...new Set((await survivorsOf(trx, uncovered)).values())].sort();
			for (let i = 0; i < gone.length; i += pageSize) await evaluateSurvivors([], gone.slice(i, i + pageSize));
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
			preview,
			summary,
			thresholds: breaches,
			superseded,
			approvedBy: null,
			approvedAt: null,
			actions: shown.map((action) => actionView(planId, action, 'pending', names)),
		};
	});
}

/** Contract end dates probed for an account's delete date, latest first. */
const MAX_END_DATES_PROBED = 3;

/**
 * The account entitlements the rules gave on the person's last contract days, for targets
 * whose account no rule wants now: the rules stop wanting an account on its delete date, so
 * what they said while the contract ran tells a deletion due from a rule that stopped matching.
 */
function lastContractAccounts(rules: RuleSetForEvaluation, person: AggregatedPerson, targets: Set<string>): DesiredEntitlement[] {
	const found: DesiredEntitlement[] = [];
	const ends = [...new Set(person.contracts.map((c) => c.endDate).filter((date): date is string => !!date))].sort().reverse();
	for (const end of ends.slice(0, MAX_END_DATES_PROBED)) {
		for (const entitlement of rules.desiredState(person, end)) {
			if (entitlement.type !== 'account' || !targets.has(entitlement.target)) continue;
			found.push(entitlement);
			targets.delete(entitlement.target);
		}
		if (targets.size === 0) break;
	}
	return found;
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const group = groups.get(key(item));
		if (group) group.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}
