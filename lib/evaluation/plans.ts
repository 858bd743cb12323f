import type { PlanActionRow, PlanRow } from '../vault/schema';
import type { Vault, VaultDb } from '../vault/types';
import { evaluationRecord } from './incremental';
import type { ActionEntitlement, ActionKind, EvaluationResult, PlanActionView, PlannedAction, PlanSummary, ThresholdBreach } from './types';
import { inChunks } from '../vault/inChunks';

/** A plan id that names no plan, a plan in the wrong state: errors a person can act on. */
export class PlanError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'PlanError';
	}
}

export function actionView(
	planId: string,
	action: PlannedAction & { seq: number },
	status: string,
	names: ReadonlyMap<string, string>,
): PlanActionView {
	return {
		planId,
		seq: action.seq,
		personId: action.personId,
		personName: names.get(action.personId) ?? null,
		target: action.target,
		action: action.action,
		key: action.entitlement.key,
		name: action.entitlement.name,
		reason: action.reason,
		dueDate: action.dueDate,
		status,
		accountRef: action.accountRef,
		entitlement: action.entitlement,
	};
}

/** A stored action's entitlement (plan_actions.entitlement); null when it is missing or unreadable. */
export function parseEntitlement(json: string | null): ActionEntitlement | null {
	if (!json) return null;
	try {
		return JSON.parse(json) as ActionEntitlement;
	} catch {
		return null;
	}
}

type StoredActionColumns = Pick<PlanActionRow, 'person_id' | 'target' | 'action' | 'entitlement' | 'reason' | 'due_date' | 'account_ref'>;

/** A plan_actions row as the action it stores. */
export function plannedActionOf(row: StoredActionColumns): PlannedAction {
	return {
		personId: row.person_id,
		target: row.target,
		action: row.action as ActionKind,
		entitlement: parseEntitlement(row.entitlement) ?? ({} as ActionEntitlement),
		reason: row.reason,
		dueDate: row.due_date,
		accountRef: row.account_ref,
	};
}

async function requirePlan(db: VaultDb, planId: string): Promise<PlanRow> {
	const id = planId.trim();
	if (!id) throw new PlanError('The plan ID is empty', 'Pass the planId an evaluation returned, e.g. {{ $json.planId }}.');
	const plan = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
	if (!plan) throw new PlanError(`Plan '${id}' does not exist in this vault`, 'Evaluate again, or check that the node uses the same vault as the evaluation.');
	return plan;
}

function breachesOf(plan: PlanRow): ThresholdBreach[] {
	return plan.blocked_reason ? (JSON.parse(plan.blocked_reason) as ThresholdBreach[]) : [];
}

/** A stored plan: its summary and its first maxItems actions in seq order. */
export async function getPlan(vault: Vault, planId: string, maxItems = 100): Promise<EvaluationResult> {
	if (!Number.isInteger(maxItems) || maxItems < 0) throw new PlanError(`Max action items must be a whole number of at least 0, got ${maxItems}`);
	const plan = await requirePlan(vault.db, planId);
	const rows =
		maxItems === 0
			? []
			: await vault.db
					.selectFrom('plan_actions')
					.select(['seq', 'person_id', 'target', 'action', 'entitlement', 'reason', 'due_date', 'account_ref', 'status'])
					.where('plan_id', '=', plan.id)
					.orderBy('seq')
					.limit(maxItems)
					.execute();
	const names = new Map(
		(
			await inChunks(new Set(rows.map((r) => r.person_id)), (chunk) =>
				vault.db.selectFrom('persons').select(['id', 'display_name']).where('id', 'in', chunk).execute(),
			)
		).map((row) => [row.id, row.display_name]),
	);
	const ruleSet = await vault.db.selectFrom('rule_sets').select(['version', 'status']).where('id', '=', plan.rule_set_id).executeTakeFirst();
	const stored = JSON.parse(plan.summary) as PlanSummary & { evaluation?: unknown };
	const record = evaluationRecord(plan);
	// The stored summary also keeps how the plan was made (for the next incremental run): not shown.
	const summary: PlanSummary = {
		persons: stored.persons,
		personsAffected: stored.personsAffected,
		blocked: stored.blocked,
		excluded: stored.excluded,
		totalActions: stored.totalActions,
		actions: stored.actions,
		productsNotRevoked: stored.productsNotRevoked,
	};
	return {
		planId: plan.id,
		status: plan.status,
		asOf: plan.as_of,
		createdAt: plan.created_at,
		ruleSet: { id: plan.rule_set_id, version: ruleSet?.version ?? record?.ruleSetVersion ?? 0, status: ruleSet?.status ?? record?.ruleSetStatus ?? 'unknown' },
		snapshotId: plan.snapshot_id,
		mode: record?.mode ?? 'full',
		...(record?.fullReason ? { fullReason: record.fullReason } : {}),
		evaluated: record?.evaluated ?? summary.persons,
		threads: record?.threads ?? 1,
		preview: record?.preview ?? false,
		summary,
		thresholds: breachesOf(plan),
		superseded: record?.superseded ?? [],
		approvedBy: plan.approved_by,
		approvedAt: plan.approved_at,
		actions: rows.map((row) =>
			actionView(
				plan.id,
				{ ...plannedActionOf(row), seq: Number(row.seq) },
				row.status,
				names,
			),
		),
	};
}

/**
 * Releases a plan for enforcement: a blocked plan (over a threshold) becomes 'approved',
 * recording who and when; a ready plan may be approved too. Approving an approved plan
 * changes nothing. Superseded, enforcing and finished plans cannot be approved.
 */
export async function approvePlan(vault: Vault, planId: string, by: string): Promise<EvaluationResult> {
	const approver = by.trim();
	if (!approver) throw new PlanError('Approved By is empty', 'Say who approves the plan: it is recorded with the plan and in the audit log.');
	await vault.transaction(async (trx) => {
		const plan = await requirePlan(trx, planId);
		if (plan.status === 'approved') return;
		if (plan.status !== 'blocked' && plan.status !== 'ready') throw new PlanError(notEnforceable(plan, 'approved'), await newerPlanHint(trx, plan));
		const now = new Date().toISOString();
		await trx.updateTable('plans').set({ status: 'approved', approved_by: approver, approved_at: now }).where('id', '=', plan.id).execute();
		await vault.appendAudit(trx, [
			{
				at: now,
				plan_id: plan.id,
				action: 'evaluation.approve',
				message: `Plan ${plan.id} approved by ${approver}` + (plan.status === 'blocked' ? ` despite: ${breachesOf(plan).map((b) => b.message).join('; ')}` : ''),
				is_error: false,
				before: { status: plan.status },
				after: { status: 'approved', approvedBy: approver },
			},
		]);
	});
	return await getPlan(vault, planId, 0);
}

function notEnforceable(plan: PlanRow, verb: 'approved' | 'enforced'): string {
	switch (plan.status) {
		case 'blocked':
			return `Plan ${plan.id} is blocked by its thresholds (${breachesOf(plan)
				.map((b) => b.message)
				.join('; ')}) and cannot be ${verb} until an admin approves it`;
		case 'superseded':
			return `Plan ${plan.id} was superseded by a newer plan and cannot be ${verb}`;
		default:
			return `Plan ${plan.id} is ${plan.status} and cannot be ${verb}`;
	}
}

async function newerPlanHint(db: VaultDb, plan: PlanRow): Promise<string | undefined> {
	if (plan.status !== 'superseded') return undefined;
	const newer = await db
		.selectFrom('plans')
		.select(['id', 'status'])
		.where('created_at', '>', plan.created_at)
		.where('status', '!=', 'superseded')
		.orderBy('created_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return newer ? `Use the newest plan ${newer.id} (${newer.status}), or evaluate again.` : 'Evaluate again.';
}

/**
 * Enforcement calls this before it runs a plan: throws, saying why, for a plan that is
 * blocked (until approved), superseded, or a preview of rules that are not published.
 */
export async function assertEnforceable(vault: Vault, planId: string): Promise<PlanRow> {
	const plan = await requirePlan(vault.db, planId);
	if (plan.status === 'blocked' || plan.status === 'superseded') {
		throw new PlanError(notEnforceable(plan, 'enforced'), await newerPlanHint(vault.db, plan));
	}
	const ruleSet = await vault.db.selectFrom('rule_sets').select(['version', 'status']).where('id', '=', plan.rule_set_id).executeTakeFirst();
	if (ruleSet && ruleSet.status !== 'published') {
		throw new PlanError(
			`Plan ${plan.id} is a preview of rule set version ${ruleSet.version} (${ruleSet.status}) and cannot be enforced`,
			'Publish the rule set and evaluate again: only plans of the published rules are enforced.',
		);
	}
	return plan;
}
