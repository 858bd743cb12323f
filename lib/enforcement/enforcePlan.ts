import { assertEnforceable, PlanError, todayUtc } from '../evaluation';
import type { ActionKind } from '../evaluation/types';
import { recordsOfSurvivors, survivorsOf } from '../evaluation/vaultState';
import { newId } from '../vault/ids';
import type { PlanActionRow } from '../vault/schema';
import type { Vault } from '../vault/types';
import type { TargetConnector } from './connector';
import { EventCollector } from './events';
import { executeAction, type ActionResult, type ExecuteContext } from './executeAction';
import { recordAction } from './journal';
import { loadSubjects, type KnownAccount, type LoadedSubject } from './loadSubjects';
import { setLateManagers } from './lateManagers';
import { TargetCalls } from './retry';
import { RunLock } from './runLock';
import type { EnforceOptions, EnforcementResult } from './types';
import { UniqueValues } from './uniqueValues';

const DEFAULTS = {
	concurrency: 4,
	ratePerSecond: 0,
	maxAttempts: 5,
	retryDelayMs: 500,
	retryMaxDelayMs: 30_000,
	batchSize: 50,
	lockTtlMs: 120_000,
	waitForLockMs: 0,
	maxEvents: 100,
};

/**
 * Carries out a plan's due actions for the connector's target (DESIGN.md "Enforcement
 * semantics"): claims them a batch at a time under the target's run lock, runs each person's
 * actions in order through the connector (persons in parallel, within the target's
 * concurrency and rate limits), and records every result. With dryRun it computes what would
 * be written and writes nothing, to the target or the vault.
 */
export async function enforcePlan(vault: Vault, connector: TargetConnector, options: EnforceOptions): Promise<EnforcementResult> {
	const started = Date.now();
	const settings = { ...DEFAULTS, ...definedOnly(options) };
	validate(settings);
	const dryRun = options.dryRun ?? false;
	const planId = options.planId.trim();
	if (!dryRun) await assertEnforceable(vault, planId);
	else if (!(await vault.db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst())) {
		throw new PlanError(`Plan '${planId}' does not exist in this vault`, 'Evaluate first and pass the planId it returned.');
	}
	const target = connector.target;
	const asOf = options.asOf ?? todayUtc();
	const personIds = options.personIds ? await everyRecordOf(vault, options.personIds) : undefined;
	// The vault's account values are read only when a batch has a create: a leaver clean-up or an
	// HR event that only updates never reads every account.
	let unique: UniqueValues | undefined;
	const calls = new TargetCalls(settings, (error) => connector.isTransient(error));
	const ctx: ExecuteContext = { connector, calls, connectorContext: { dryRun, reserveUnique: (attribute, value) => unique!.reserve(attribute, value) } };
	const collector = new EventCollector(planId, target, dryRun, settings.maxEvents, options.includeInitialPassword ?? false);
	const lateManagers = new Set<string>();
	// A preview's creates and links, so later batches preview grants on the account it would make.
	const previewAccounts = new Map<string, KnownAccount>();

	const runBatch = async (rows: PlanActionRow[]) => {
		if (!unique && rows.some((row) => row.action === 'create')) unique = await UniqueValues.load(vault, target);
		const loaded = await loadSubjects(vault, target, [...new Set(rows.map((row) => row.person_id))]);
		for (const [personId, account] of previewAccounts) {
			const entry = loaded.get(personId);
			if (entry) entry.account = account;
		}
		await Promise.all(
			byPerson(rows).map(async (actions) => {
				for (const action of actions) {
					const entry = loaded.get(action.person_id);
					let result = await executeAction(action, entry, ctx);
					if (!dryRun) {
						const recorded = await recordAction(vault, action, entry, result);
						result = recorded.result;
						if (entry && recorded.accountId) rememberAccount(entry, action, result, recorded.accountId);
					} else if (entry && result.linked) {
						// Later actions of this preview work on the account the create would make.
						entry.account = { id: '', personId: action.person_id, state: 'enabled', account: { ...result.account!, ref: result.linked === 'created' ? '' : result.account!.ref } };
						previewAccounts.set(action.person_id, entry.account);
					}
					const kind = action.action as ActionKind;
					if (entry?.subject.manager && !entry.subject.manager.account && (kind === 'create' || kind === 'update') && result.status !== 'failed') {
						lateManagers.add(entry.subject.person.id);
					}
					collector.add(action, entry, result);
				}
			}),
		);
	};

	const filters = { personIds, actions: options.actions };
	const lock = dryRun ? undefined : await RunLock.take(vault, `enforce:${target}`, options.worker ?? `enforce-${newId()}`, settings.lockTtlMs, settings.waitForLockMs);
	try {
		if (dryRun) {
			for await (const rows of dueActions(vault, planId, target, asOf, settings.batchSize, filters)) await runBatch(rows);
		} else {
			await vault.db.updateTable('plans').set({ status: 'enforcing' }).where('id', '=', planId).where('status', 'in', ['ready', 'approved', 'done']).execute();
			for (;;) {
				lock!.assertHeld();
				await assertEnforceable(vault, planId); // a newer evaluation stops this run between batches
				const rows = await vault.claimActions({ planId, target, worker: lock!.owner, limit: settings.batchSize, dueBy: asOf, staleAfterMs: 0, ...filters });
				if (rows.length === 0) break;
				await runBatch(rows);
			}
			collector.managersSet = await setLateManagers(vault, ctx, lateManagers);
			await markPlanDoneWhenFinished(vault, planId);
		}
	} finally {
		await calls.stop();
		await lock?.release();
	}
	const remaining = dryRun ? 0 : await countRemaining(vault, planId, target, asOf, filters);
	return collector.result(remaining, Date.now() - started);
}

function definedOnly(options: EnforceOptions): Partial<typeof DEFAULTS> {
	return Object.fromEntries(Object.entries(options).filter(([key, value]) => key in DEFAULTS && value !== undefined));
}

function validate(settings: typeof DEFAULTS): void {
	if (!(settings.waitForLockMs >= 0)) throw new Error(`waitForLockMs must be 0 or more, got ${settings.waitForLockMs}`);
	for (const key of ['concurrency', 'maxAttempts', 'batchSize', 'lockTtlMs'] as const) {
		if (!Number.isInteger(settings[key]) || settings[key] < 1) throw new Error(`${key} must be a whole number of at least 1, got ${settings[key]}`);
	}
	if (!(settings.ratePerSecond >= 0)) throw new Error(`ratePerSecond must be 0 (no limit) or more, got ${settings.ratePerSecond}`);
}

/** The actions of one person in seq order, per person: a person's create comes before its grants. */
function byPerson(rows: readonly PlanActionRow[]): PlanActionRow[][] {
	const groups = new Map<string, PlanActionRow[]>();
	for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
		const group = groups.get(row.person_id);
		if (group) group.push(row);
		else groups.set(row.person_id, [row]);
	}
	return [...groups.values()];
}

/** Later actions of the same person in this run see the account as it is now. */
function rememberAccount(entry: LoadedSubject, action: PlanActionRow, result: ActionResult, accountId: string): void {
	if (!result.account || result.status === 'failed') return;
	const kind = action.action as ActionKind;
	const state = kind === 'delete' ? 'deleted' : kind === 'disable' ? 'disabled' : kind === 'enable' ? 'enabled' : (entry.account?.state ?? (result.account.enabled ? 'enabled' : 'disabled'));
	entry.account = state === 'deleted' ? null : { id: accountId, personId: entry.account?.personId ?? action.person_id, state, account: result.account };
}

/** Plans name persons by their survivor id at evaluation time: take every record of the persons asked for. */
async function everyRecordOf(vault: Vault, ids: readonly string[]): Promise<string[]> {
	const survivors = await survivorsOf(vault.db, ids);
	const records = await recordsOfSurvivors(vault.db, new Set(survivors.values()));
	return [...new Set([...ids, ...survivors.values(), ...records.map((r) => r.id)])];
}

interface ActionFilters {
	personIds?: readonly string[];
	actions?: readonly string[];
}

function pendingDue(vault: Vault, planId: string, target: string, asOf: string, filters: ActionFilters) {
	let query = vault.db
		.selectFrom('plan_actions')
		.where('plan_id', '=', planId)
		.where('target', '=', target)
		.where('due_date', '<=', asOf)
		.where('status', 'in', ['pending', 'claimed']);
	if (filters.personIds) query = query.where('person_id', 'in', filters.personIds.length ? [...filters.personIds] : ['']);
	if (filters.actions) query = query.where('action', 'in', filters.actions.length ? [...filters.actions] : ['']);
	return query;
}

/** A preview reads the due actions without claiming them. */
async function* dueActions(vault: Vault, planId: string, target: string, asOf: string, pageSize: number, filters: ActionFilters): AsyncGenerator<PlanActionRow[]> {
	let after = -1;
	for (;;) {
		const rows = await pendingDue(vault, planId, target, asOf, filters).selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
		if (rows.length > 0) yield rows;
		if (rows.length < pageSize) return;
		after = rows[rows.length - 1].seq;
	}
}

async function countRemaining(vault: Vault, planId: string, target: string, asOf: string, filters: ActionFilters): Promise<number> {
	const row = await pendingDue(vault, planId, target, asOf, filters)
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function markPlanDoneWhenFinished(vault: Vault, planId: string): Promise<void> {
	const open = await vault.db
		.selectFrom('plan_actions')
		.select('id')
		.where('plan_id', '=', planId)
		.where('status', 'in', ['pending', 'claimed'])
		.limit(1)
		.executeTakeFirst();
	if (!open) await vault.db.updateTable('plans').set({ status: 'done' }).where('id', '=', planId).where('status', '=', 'enforcing').execute();
}
