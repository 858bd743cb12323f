import type { DesiredEntitlement, EntitlementReason } from '../rules/model';
import type {
	ActionEntitlement,
	ActionKind,
	GrantedAccount,
	GrantedItem,
	PersonPlan,
	PersonPlanInput,
	PlannedAction,
} from './types';

export const REASON_PERSON_UPDATED = 'person updated';
export const REASON_NO_RULE = 'no rule grants it any more';

/** "rule 'Sales' via contract 1001-1", several joined with "; ". */
export function reasonText(reasons: readonly EntitlementReason[]): string {
	if (reasons.length === 0) return 'the rules grant it';
	return reasons.map((reason) => `rule '${reason.rule}' via contract ${reason.contractId}`).join('; ');
}

type AccountLifecycle = NonNullable<DesiredEntitlement['account']>;

/** A date set and on or before the as-of date. */
const reached = (date: string | null | undefined, asOf: string): date is string => !!date && date <= asOf;

/** Whether an account the rules keep is to be enabled on asOf (before its delete date). */
function enabledOn(life: AccountLifecycle, asOf: string): boolean {
	const enableReached = !life.enableOn || life.enableOn <= asOf;
	return life.enabled && enableReached && !reached(life.disableOn, asOf);
}

/** The person changed after the account was last written: the target's copy is to be updated. */
const changedSince = (personChangedAt: string | null | undefined, accountUpdatedAt: string): boolean => !!personChangedAt && personChangedAt > accountUpdatedAt;

/** An account as a record's holdings list it (lib/vault migration 0005): target, state, last written. */
export type AccountState = readonly [target: string, state: GrantedAccount['state'], updatedAt: string];

/**
 * True when planPerson would find no account action, in the common case this tells without
 * planning: every held account is live, the only one in its target, and in a target whose
 * account the rules want, in the state they want on asOf (before its delete date), written
 * after the person last changed; and every wanted account is held. False means "plan it":
 * planPerson decides. Most persons of an evaluation are the common case.
 */
export function accountsAsDesired(desired: readonly DesiredEntitlement[], held: readonly AccountState[], asOf: string, personChangedAt: string | null): boolean {
	let wanted = 0;
	for (const entitlement of desired) {
		if (entitlement.type !== 'account') continue;
		wanted++;
		const life = entitlement.account;
		if (!life || reached(life.deleteOn, asOf)) return false;
		let account: AccountState | undefined;
		for (const state of held) {
			if (state[0] !== entitlement.target) continue;
			if (account) return false;
			account = state;
		}
		if (!account || (account[1] !== 'enabled' && account[1] !== 'disabled')) return false;
		if ((account[1] === 'enabled') !== enabledOn(life, asOf) || changedSince(personChangedAt, account[2])) return false;
	}
	// Each wanted account matched one held account of its own target: any other held account is one no rule wants.
	return wanted === held.length;
}

/**
 * The account a person has in a target, if any. `pending` (enforcement began creating it and
 * has not confirmed) counts as missing: the next create correlates first, so it never
 * duplicates. With several live accounts (merged persons each brought one) the enabled, then
 * the oldest, is the one the rules manage; the others are left alone.
 */
export function liveAccount(accounts: readonly GrantedAccount[]): GrantedAccount | undefined {
	// Most persons have one account per target: no copy, no sort.
	if (accounts.length === 1) return accounts[0].state === 'enabled' || accounts[0].state === 'disabled' ? accounts[0] : undefined;
	const live = accounts.filter((account) => account.state === 'enabled' || account.state === 'disabled');
	live.sort(
		(a, b) =>
			Number(b.state === 'enabled') - Number(a.state === 'enabled') ||
			a.createdAt.localeCompare(b.createdAt) ||
			a.id.localeCompare(b.id),
	);
	return live[0];
}

/**
 * The plan of one person: desired entitlements (from the rules, as of a date) against what the
 * vault says they have. Pure: no vault, no clock. Actions due after asOf are left out, so a
 * future asOf previews what will become due by then.
 */
export function planPerson(input: PersonPlanInput): PersonPlan {
	const { asOf, personId } = input;
	// One pass to sort everything by target (this runs for every person of every evaluation).
	const byTarget = new Map<string, { desired: DesiredEntitlement[]; accounts: GrantedAccount[]; granted: GrantedItem[] }>();
	const slot = (target: string) => {
		if (input.targets && !input.targets.has(target)) return undefined;
		let entry = byTarget.get(target);
		if (!entry) byTarget.set(target, (entry = { desired: [], accounts: [], granted: [] }));
		return entry;
	};
	for (const entitlement of input.desired) slot(entitlement.target)?.desired.push(entitlement);
	for (const account of input.accounts) slot(account.target)?.accounts.push(account);
	for (const item of input.granted) slot(item.target)?.granted.push(item);

	const actions: PlannedAction[] = [];
	let productsNotRevoked = 0;
	for (const target of [...byTarget.keys()].sort()) {
		const here = byTarget.get(target)!;
		const push = (action: ActionKind, entitlement: ActionEntitlement, reason: string, dueDate: string, accountRef: string | null) =>
			actions.push({ personId, target, action, entitlement, reason, dueDate, accountRef });
		const desired = here.desired;
		const account = liveAccount(here.accounts);
		const desiredAccount = desired.find((entitlement) => entitlement.type === 'account');

		// The account: what it should be on asOf, and the dated steps that get it there.
		let accountAfterPlan: 'none' | 'created' | 'kept' | 'deleted' = account ? 'kept' : 'none';
		let createdOn: string | undefined;
		if (desiredAccount) {
			const life: AccountLifecycle = desiredAccount.account ?? { createOn: asOf, enableOn: null, disableOn: null, deleteOn: null, enabled: true };
			let text: string | undefined;
			const reason = () => (text ??= reasonText(desiredAccount.reasons));
			const accountEntitlement = (extra: Partial<ActionEntitlement> = {}): ActionEntitlement => ({
				type: 'account',
				key: desiredAccount.key,
				name: desiredAccount.name,
				...(account ? { accountId: account.id } : {}),
				createOn: life.createOn,
				enableOn: life.enableOn,
				disableOn: life.disableOn,
				deleteOn: life.deleteOn,
				...extra,
			});
			const leftAlready = reached(life.disableOn, asOf) || reached(life.deleteOn, asOf);
			if (!account) {
				// A person who has already left gets no account just to disable it again.
				if (!leftAlready && reached(life.createOn, asOf)) {
					// Created enabled only when access starts by the creation date; else enabled on its own date.
					const enabledAtCreate = life.enabled && (!life.enableOn || life.enableOn <= life.createOn);
					const kind = input.correlate?.has(target) ? 'correlate' : 'create';
					push(kind, accountEntitlement({ enabled: enabledAtCreate }), reason(), life.createOn, null);
					if (life.enabled && !enabledAtCreate && reached(life.enableOn, asOf)) {
						push('enable', accountEntitlement(), reason(), life.enableOn, null);
					}
					accountAfterPlan = 'created';
					createdOn = life.createOn;
				}
			} else if (reached(life.deleteOn, asOf)) {
				// Disable first, then delete after the grace period.
				if (account.state === 'enabled') push('disable', accountEntitlement(), reason(), life.disableOn ?? life.deleteOn, account.accountRef);
				push('delete', accountEntitlement(), reason(), life.deleteOn, account.accountRef);
				accountAfterPlan = 'deleted';
			} else {
				const shouldBeEnabled = enabledOn(life, asOf);
				if (shouldBeEnabled && account.state === 'disabled') {
					push('enable', accountEntitlement(), reason(), life.enableOn ?? asOf, account.accountRef);
				} else if (!shouldBeEnabled && account.state === 'enabled') {
					push('disable', accountEntitlement(), reason(), reached(life.disableOn, asOf) ? life.disableOn : asOf, account.accountRef);
				}
				if (changedSince(input.personChangedAt, account.updatedAt)) {
					push('update', accountEntitlement(), REASON_PERSON_UPDATED, asOf, account.accountRef);
				}
			}
		} else if (account) {
			const ended = input.endedAccounts?.find((entitlement) => entitlement.target === target && entitlement.type === 'account');
			const deleteOn = ended?.account?.deleteOn;
			if (ended && reached(deleteOn, asOf)) {
				// The grace period after the last contract is over: disabled first, then deleted.
				const reason = reasonText(ended.reasons);
				const { createOn, enableOn, disableOn } = ended.account ?? { createOn: undefined, enableOn: null, disableOn: null };
				const entitlement: ActionEntitlement = { type: 'account', key: ended.key, name: ended.name, accountId: account.id, createOn, enableOn, disableOn, deleteOn };
				if (account.state === 'enabled') push('disable', entitlement, reason, disableOn ?? deleteOn, account.accountRef);
				push('delete', entitlement, reason, deleteOn, account.accountRef);
				accountAfterPlan = 'deleted';
			} else if (account.state === 'enabled') {
				// No rule wants the account any more: disable it now; it is deleted only when a rule says so.
				push('disable', { type: 'account', key: 'account', name: target, accountId: account.id }, REASON_NO_RULE, asOf, account.accountRef);
			}
		}

		// Groups, permissions, products: granted once the account is there (or is being created),
		// revoked only from a live account: deleting an account removes its memberships, and a new
		// account starts with none.
		if (accountAfterPlan === 'deleted' || input.grantsAsDesired) continue;
		const ref = account?.accountRef ?? null;
		const grantedHere = here.granted;
		const grantedKeys = new Set<string>();
		for (const item of grantedHere) grantedKeys.add(item.key);
		const desiredKeys = new Set<string>();
		for (const entitlement of desired) {
			if (entitlement.type === 'account') continue;
			desiredKeys.add(entitlement.key);
			if (grantedKeys.has(entitlement.key) || accountAfterPlan === 'none') continue; // no account to grant to yet
			push(
				'grant',
				{ type: entitlement.type, key: entitlement.key, name: entitlement.name },
				reasonText(entitlement.reasons),
				accountAfterPlan === 'created' && createdOn ? createdOn : asOf,
				ref,
			);
		}
		for (const item of grantedHere) {
			if (desiredKeys.has(item.key) || accountAfterPlan !== 'kept') continue;
			if (item.kind === 'product') {
				productsNotRevoked++;
				continue;
			}
			push('revoke', grantedEntitlement(item), REASON_NO_RULE, asOf, ref);
		}
	}
	return { actions, productsNotRevoked };
}

function grantedEntitlement(item: GrantedItem): ActionEntitlement {
	return { type: item.kind, key: item.key, name: item.name };
}
