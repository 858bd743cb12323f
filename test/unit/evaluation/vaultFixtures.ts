import type { AggregatedPerson } from '../../../lib/aggregation';
import type { RuleSetForEvaluation } from '../../../lib/evaluation';
import type { DesiredEntitlement } from '../../../lib/rules/model';
import { newId } from '../../../lib/vault/ids';
import type { AccountState, EntitlementKind } from '../../../lib/vault/schema';
import type { Vault } from '../../../lib/vault/types';

const day = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A small stand-in for compiled business rules, so evaluation is tested on its own. The
 * account in 'activeDirectory' is wanted from 14 days before the first contract starts and
 * stays wanted after the end (disabled the day after the last end, deleted `deleteDays`
 * later, or never), so its delete falls due whenever the plan is made; the group
 * GRP-<department code> is wanted while a contract runs (from 14 days before its start to its end).
 */
export function contractRules(id = 'rules-1', options: { published?: boolean; deleteDays?: number | null } = {}): RuleSetForEvaluation {
	const deleteDays = options.deleteDays === undefined ? 30 : options.deleteDays;
	return {
		id,
		version: 1,
		status: options.published === false ? 'draft' : 'published',
		published: options.published !== false,
		document: { rules: [] },
		desiredState(person: AggregatedPerson, asOf: string): DesiredEntitlement[] {
			const started = person.contracts.filter((c) => !c.startDate || day(c.startDate, -14) <= asOf);
			if (started.length === 0) return [];
			const start = started.map((c) => c.startDate ?? '1900-01-01').sort()[0];
			const ends = started.map((c) => c.endDate ?? '9999-12-31').sort();
			const end = ends[ends.length - 1];
			const disableOn = end === '9999-12-31' ? null : day(end, 1);
			const desired: DesiredEntitlement[] = [
				{
					target: 'activeDirectory',
					type: 'account',
					key: 'account',
					name: 'activeDirectory',
					reasons: started.map((c) => ({ rule: 'Employees', contractId: c.externalId })),
					account: {
						createOn: day(start, -14),
						enableOn: start,
						disableOn,
						deleteOn: disableOn && deleteDays !== null ? day(end, deleteDays) : null,
						enabled: start <= asOf && (!disableOn || asOf < disableOn),
					},
				},
			];
			for (const contract of started) {
				const code = contract.department?.code;
				if (!code || (contract.endDate && contract.endDate < asOf) || desired.some((d) => d.key === `group:GRP-${code}`)) continue;
				desired.push({
					target: 'activeDirectory',
					type: 'permission',
					key: `group:GRP-${code}`,
					name: `GRP-${code}`,
					reasons: [{ rule: 'Department groups', contractId: contract.externalId }],
				});
			}
			return desired;
		},
	};
}

export async function addAccount(
	vault: Vault,
	personId: string,
	target: string,
	state: AccountState,
	updatedAt = new Date().toISOString(),
): Promise<string> {
	const id = newId();
	await vault.db
		.insertInto('accounts')
		.values({ id, person_id: personId, target, account_ref: `ref-${id}`, state, data: '{}', created_at: updatedAt, updated_at: updatedAt })
		.execute();
	return id;
}

export async function addGrant(vault: Vault, personId: string, target: string, kind: EntitlementKind, key: string, accountId: string | null = null): Promise<void> {
	await vault.db
		.insertInto('granted_entitlements')
		.values({
			id: newId(),
			person_id: personId,
			target,
			kind,
			entitlement_key: key,
			entitlement_name: key.replace(/^\w+:/, ''),
			account_id: accountId,
			granted_at: new Date().toISOString(),
			plan_action_id: null,
		})
		.execute();
}

/** A plan's actions without ids and seq, sorted: two plans with the same work compare equal. */
export async function planContent(vault: Vault, planId: string): Promise<string[]> {
	const rows = await vault.db
		.selectFrom('plan_actions')
		.select(['person_id', 'target', 'action', 'entitlement', 'reason', 'due_date', 'account_ref', 'status'])
		.where('plan_id', '=', planId)
		.execute();
	return rows.map((r) => [r.person_id, r.target, r.action, r.entitlement, r.reason, r.due_date, r.account_ref, r.status].join(' | ')).sort();
}

export async function planActions(vault: Vault, planId: string) {
	return await vault.db.selectFrom('plan_actions').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
}
