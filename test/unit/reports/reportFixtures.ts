import type { ActionCounts, ActionKind, ThresholdBreach } from '../../../lib/evaluation';
import { newId } from '../../../lib/vault/ids';
import type { PlanStatus } from '../../../lib/vault/schema';
import type { Vault } from '../../../lib/vault/types';

export interface FixtureAction {
	person: string;
	target: string;
	action: ActionKind;
	/** Entitlement name; its key is `group:<name>` for grants and revokes, 'account' otherwise. */
	name: string;
	reason?: string;
}

const NOW = '2026-03-01T08:00:00.000Z';

/** A person row with the given id, display name and external id. */
export async function addPerson(vault: Vault, id: string, displayName: string, externalId: string): Promise<void> {
	await vault.insertMany(vault.db, 'persons', [
		{
			id,
			source_id: 'hr',
			external_id: externalId,
			merged_into: null,
			display_name: displayName,
			given_name: displayName.split(' ')[0] ?? displayName,
			family_name: displayName.split(' ').slice(1).join(' '),
			birth_date: null,
			email: null,
			phone: null,
			national_id: null,
			data: '{}',
			input_h1: null,
			input_h2: null,
			input_rows: null,
			blocked_reason: null,
			status: 'active',
			first_seen_snapshot: 'snap-1',
			last_seen_snapshot: 'snap-1',
			updated_at: NOW,
		},
	]);
}

export async function addRuleSet(vault: Vault, id: string, version: number, status: 'draft' | 'published' = 'published'): Promise<void> {
	await vault.insertMany(vault.db, 'rule_sets', [
		{ id, version, status, document: '{"rules":[]}', note: null, created_at: NOW, published_at: status === 'published' ? NOW : null },
	]);
}

export async function addChanges(vault: Vault, snapshotId: string, changes: ReadonlyArray<[personId: string, kind: string]>): Promise<void> {
	await vault.insertMany(
		vault.db,
		'person_changes',
		changes.map(([personId, kind]) => ({ snapshot_id: snapshotId, person_id: personId, kind, before: null, after: null })),
	);
}

/** A stored plan with these actions in this order; its summary counts them the way evaluation does. */
export async function addPlan(
	vault: Vault,
	plan: { id: string; ruleSetId: string; status?: PlanStatus; snapshotId?: string | null; breaches?: ThresholdBreach[] },
	actions: readonly FixtureAction[],
): Promise<void> {
	const counts: ActionCounts = {};
	for (const a of actions) {
		const row = (counts[a.target] ??= {});
		row[a.action] = (row[a.action] ?? 0) + 1;
	}
	const persons = new Set(actions.map((a) => a.person)).size;
	await vault.insertMany(vault.db, 'plans', [
		{
			id: plan.id,
			created_at: NOW,
			as_of: '2026-03-01',
			rule_set_id: plan.ruleSetId,
			snapshot_id: plan.snapshotId ?? null,
			status: plan.status ?? 'ready',
			summary: JSON.stringify({ persons, personsAffected: persons, blocked: 0, excluded: 0, totalActions: actions.length, actions: counts, productsNotRevoked: 0 }),
			blocked_reason: plan.breaches ? JSON.stringify(plan.breaches) : null,
			approved_by: null,
			approved_at: null,
		},
	]);
	await vault.insertMany(
		vault.db,
		'plan_actions',
		actions.map((a, seq) => ({
			id: newId(),
			plan_id: plan.id,
			seq,
			person_id: a.person,
			target: a.target,
			action: a.action,
			entitlement: JSON.stringify({
				type: a.action === 'grant' || a.action === 'revoke' ? 'group' : 'account',
				key: a.action === 'grant' || a.action === 'revoke' ? `group:${a.name}` : 'account',
				name: a.name,
			}),
			reason: a.reason ?? `Rule 'Staff' (contract C-${a.person})`,
			due_date: '2026-03-01',
			status: 'pending' as const,
			claimed_by: null,
			claimed_at: null,
			result: null,
			account_ref: null,
			error: null,
			updated_at: NOW,
		})),
	);
}

export const HOSTILE_NAME = '<script>alert(1)</script>';
export const FORMULA_NAME = '=HYPERLINK("http://x")';

/**
 * A vault with four persons (two with hostile names) and plan 'plan-v2' of rule set
 * version 2 over snapshot 'snap-1': 3 creates and 1 disable in activeDirectory, 3 grants
 * in activeDirectory, 1 grant in entraId.
 */
export async function seedReportVault(vault: Vault, options: { status?: PlanStatus; breaches?: ThresholdBreach[] } = {}): Promise<FixtureAction[]> {
	await addPerson(vault, 'p1', 'Anna de Vries', 'E001');
	await addPerson(vault, 'p2', HOSTILE_NAME, 'E002');
	await addPerson(vault, 'p3', FORMULA_NAME, '+31 6 1234');
	await addPerson(vault, 'p4', "O'Brien, Jr. (Sales)*", 'E004');
	await addRuleSet(vault, 'rules-v2', 2);
	await addChanges(vault, 'snap-1', [
		['p1', 'joiner'],
		['p2', 'joiner'],
		['p3', 'joiner'],
		['p4', 'leaver'],
		['p9', 'mover'],
		['p8', 'unchanged'],
	]);
	const actions: FixtureAction[] = [
		{ person: 'p1', target: 'activeDirectory', action: 'create', name: 'activeDirectory' },
		{ person: 'p2', target: 'activeDirectory', action: 'create', name: 'activeDirectory' },
		{ person: 'p3', target: 'activeDirectory', action: 'create', name: 'activeDirectory', reason: '@SUM(A1:A9) "quoted"\nsecond line' },
		{ person: 'p1', target: 'activeDirectory', action: 'grant', name: 'GRP-Sales' },
		{ person: 'p2', target: 'activeDirectory', action: 'grant', name: '#Müller\\' },
		{ person: 'p3', target: 'activeDirectory', action: 'grant', name: 'GRP-Sales' },
		{ person: 'p1', target: 'entraId', action: 'grant', name: 'License E3' },
		{ person: 'p4', target: 'activeDirectory', action: 'disable', name: 'activeDirectory' },
	];
	await addPlan(vault, { id: 'plan-v2', ruleSetId: 'rules-v2', snapshotId: 'snap-1', status: options.status, breaches: options.breaches }, actions);
	return actions;
}
