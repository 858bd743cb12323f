import type { DesiredEntitlement } from '../../../lib/rules/model';
import type { GrantedAccount, GrantedItem, PersonPlanInput, PlannedAction } from '../../../lib/evaluation';
import { planPerson } from '../../../lib/evaluation';

/** The account entitlement a rule 'Staff' gives through contract C1, with the given lifecycle dates. */
export function desiredAccount(
	target: string,
	life: Partial<NonNullable<DesiredEntitlement['account']>> = {},
	rule = 'Staff',
): DesiredEntitlement {
	return {
		target,
		type: 'account',
		key: 'account',
		name: target,
		reasons: [{ rule, contractId: 'C1' }],
		account: { createOn: '2026-01-01', enableOn: null, disableOn: null, deleteOn: null, enabled: true, ...life },
	};
}

export function desiredGroup(target: string, group: string, rule = 'Department groups'): DesiredEntitlement {
	return { target, type: 'permission', key: `group:${group}`, name: group, reasons: [{ rule, contractId: 'C1' }] };
}

export function desiredProduct(target: string, productId: string): DesiredEntitlement {
	return { target, type: 'product', key: `product:${productId}`, name: `Product ${productId}`, reasons: [{ rule: 'Self-service', contractId: 'C1' }] };
}

export function account(target: string, state: GrantedAccount['state'], updatedAt = '2026-01-01T00:00:00.000Z'): GrantedAccount {
	return { id: `acc-${target}`, personId: 'p1', target, accountRef: `ref-${target}`, state, createdAt: '2025-12-01T00:00:00.000Z', updatedAt };
}

export function granted(target: string, kind: GrantedItem['kind'], key: string): GrantedItem {
	return { target, kind, key, name: key.split(':')[1] ?? key };
}

/** planPerson for person p1, as of asOf, with nothing granted unless given. */
export function plan(asOf: string, desired: DesiredEntitlement[], state: Partial<PersonPlanInput> = {}): PlannedAction[] {
	return planPerson({ personId: 'p1', asOf, desired, accounts: [], granted: [], personChangedAt: null, ...state }).actions;
}

/** Actions as "action target due", easy to read in expectations. */
export const brief = (actions: PlannedAction[]) => actions.map((a) => `${a.action} ${a.target}${a.action === 'grant' || a.action === 'revoke' ? ` ${a.entitlement.key}` : ''} ${a.dueDate}`);
