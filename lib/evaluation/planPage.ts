import { loadAggregatedPersons, type AggregatedPerson } from '../aggregation';
import type { PageSpan } from '../aggregation/aggregatedPersons';
import { desiredState, desiredSummary, type CompiledRuleSet, type DesiredSummary } from '../rules';
import type { DesiredEntitlement, RuleSetDocument } from '../rules/model';
import type { Vault } from '../vault/types';
import { accountsAsDesired, planPerson } from './diff';
import type { GrantedAccount, GrantedItem, PersonPlanInput, PlannedAction } from './types';
import { addSummaries, addToSummary, grantSignature, type GrantSummary } from '../vault/grantSignature';
import { accountStatesOf, accountsOf, grantNameKey, grantNames, grantsOf, heldAccounts, holdingsOf, mergeEventsOf, recordsOfSurvivors, type RecordRow } from './vaultState';

/** The rules as evaluation uses them: the document (a worker thread compiles it again) and its desired state. */
export interface RulesForPlanning {
	document: RuleSetDocument;
	desiredState(person: AggregatedPerson, asOf: string): DesiredEntitlement[];
	/** The desired state with its grants summarised (lib/rules' desiredSummary), where the rules can give it. */
	desiredSummary?(person: AggregatedPerson, asOf: string): DesiredSummary;
}

/** The rules of a compiled rule set as evaluation uses them, on either thread. */
export function planningRules(ruleSet: CompiledRuleSet): RulesForPlanning {
	return {
		document: ruleSet.document,
		desiredState: (person, asOf) => desiredState(ruleSet, person, asOf),
		desiredSummary: (person, asOf) => desiredSummary(ruleSet, person, asOf),
	};
}

/** What every page of one evaluation shares. */
export interface PlanningContext {
	/** The vault, its queries running in the evaluation's transaction or on a worker's own connection. */
	vault: Vault;
	rules: RulesForPlanning;
	asOf: string;
	targets?: ReadonlySet<string>;
	correlate: ReadonlySet<string>;
	excludedSurvivors: ReadonlySet<string>;
	blocked: ReadonlySet<string>;
	hasMerges: boolean;
}

export interface PagePlan {
	/** The page's actions, person by person in the page's order. */
	actions: PlannedAction[];
	excluded: number;
	blocked: number;
	productsNotRevoked: number;
	/** The records of the page's persons that are no longer active (left their source). */
	inactiveRecords: string[];
}

/**
 * Plans the given persons (and gone persons that still hold accounts): their desired state
 * against their accounts and grants. `known`: every record of these persons, read with them
 * (a page of the full walk, with the span of ids it read); else they are looked up.
 *
 * Each person is planned first against the light part of what they hold (their holdings):
 * their accounts' states and their grants' summary. Most come out settled (the rules want what
 * they have: no action), and only the others' accounts and grants are read in full and planned
 * again.
 */
export async function planPage(
	context: PlanningContext,
	persons: readonly AggregatedPerson[],
	gone: readonly string[] = [],
	known?: { records: readonly RecordRow[]; span: PageSpan },
): Promise<PagePlan> {
	const { vault, rules, asOf } = context;
	const db = vault.db;
	const records = known?.records ?? (await recordsOfSurvivors(db, [...persons.map((p) => p.id), ...gone]));
	const recordSet = known?.span ?? records.map((r) => r.id);
	const bySurvivor = groupBy(records, (r) => r.survivor);
	const holdings = await holdingsOf(db, recordSet);
	const merges = context.hasMerges ? await mergeEventsOf(db, recordSet) : new Map<string, string>();
	const recordsOf = (survivor: string) => bySurvivor.get(survivor) ?? [{ id: survivor, survivor, status: 'gone', updatedAt: '' } as RecordRow];

	// Who is planned, in the page's order, with what the rules want for them.
	const subjects: Subject[] = [];
	let excluded = 0;
	let blocked = 0;
	for (const person of persons) {
		if (context.excludedSurvivors.has(person.id)) excluded++;
		else if (context.blocked.has(person.id)) blocked++;
		else subjects.push(activeSubject(rules, person, recordsOf(person.id), holdings, asOf));
	}
	// Nobody in HR any more: no rule wants anything for them now; their last contracts say
	// whether their accounts are to be deleted.
	const left = gone.filter((survivor) => !context.excludedSurvivors.has(survivor));
	if (left.length > 0) {
		const lastKnown = new Map((await loadAggregatedPersons(vault, { ids: left, includeGone: true })).map((p) => [p.id, p]));
		for (const survivor of left) {
			const own = recordsOf(survivor);
			subjects.push(subject(survivor, own, [], heldSummary(own, holdings), lastKnown.get(survivor)));
		}
	}

	/** When the person last changed: a record written, or merged. */
	const changedAtOf = (own: readonly RecordRow[]): string | null => {
		let changedAt = '';
		for (const record of own) {
			if (record.updatedAt > changedAt) changedAt = record.updatedAt;
			const merged = merges.get(record.id);
			if (merged && merged > changedAt) changedAt = merged;
		}
		return changedAt || null;
	};
	const inputOf = (s: Subject, accounts: ReadonlyMap<string, GrantedAccount[]>, grants: ReadonlyMap<string, Grant[]>): PersonPlanInput => {
		const own = s.records;
		// Most persons have one record: no copying then.
		const of = <T>(byRecord: ReadonlyMap<string, T[]>): T[] =>
			own.length === 1 ? (byRecord.get(own[0].id) ?? []) : own.flatMap((r) => byRecord.get(r.id) ?? []);
		const held = of(accounts);
		// Targets of live accounts no rule wants now.
		const unwanted = new Set<string>();
		for (const a of held) {
			if ((a.state === 'enabled' || a.state === 'disabled') && (!context.targets || context.targets.has(a.target))) unwanted.add(a.target);
		}
		for (const d of s.desired) if (d.type === 'account') unwanted.delete(d.target);
		return {
			personId: s.personId,
			asOf,
			desired: s.desired,
			accounts: held,
			granted: s.grantsAsDesired ? [] : of(grants),
			grantsAsDesired: s.grantsAsDesired,
			personChangedAt: changedAtOf(own),
			endedAccounts: s.person && unwanted.size > 0 ? lastContractAccounts(rules, s.person, unwanted) : undefined,
			correlate: context.correlate,
			targets: context.targets,
		};
	};
	// Whose grants are as desired and whose accounts need nothing either: told from the holdings
	// alone, in the common case without planning.
	const noGrants = new Map<string, Grant[]>();
	const light = new Map<string, GrantedAccount[]>();
	const settledOnHoldings = (s: Subject): boolean => {
		const own = s.records;
		const states = own.map((r) => accountStatesOf(holdings.get(r.id)));
		if (accountsAsDesired(s.desired, states.length === 1 ? states[0] : states.flat(), asOf, changedAtOf(own))) return true;
		own.forEach((r, i) => light.set(r.id, heldAccounts(r.id, states[i])));
		return settled(inputOf(s, light, noGrants));
	};
	const unsettled = subjects.filter((s) => !(s.grantsAsDesired && settledOnHoldings(s)));

	// The rest, against their accounts and grants in full: the page's span when that is most of them.
	const wholeSpan = (ids: readonly string[]) => (known && ids.length > records.length / 2 ? known.span : ids);
	const unsettledRecords = unsettled.flatMap((s) => s.records.map((r) => r.id));
	const grantRecords = unsettled.filter((s) => !s.grantsAsDesired).flatMap((s) => s.records.map((r) => r.id));
	const accounts = unsettled.length === 0 ? new Map<string, GrantedAccount[]>() : groupBy(await accountsOf(db, wholeSpan(unsettledRecords)), (a) => a.personId);
	const grants = grantRecords.length === 0 ? noGrants : groupBy(await grantsOf(db, wholeSpan(grantRecords)), (g) => g.personId);
	// A page's plans are returned once the page is planned: revokes need the grants' names,
	// read for the few persons who have one (grantsOf leaves them out).
	// Only persons with actions are kept, and their input only when they revoke: a page's
	// inputs kept to its end made the garbage collector copy them all.
	const planned: Array<{ input?: PersonPlanInput; actions: PlannedAction[] }> = [];
	let productsNotRevoked = 0;
	for (const s of unsettled) {
		const input = inputOf(s, accounts, grants);
		const result = planPerson(input);
		productsNotRevoked += result.productsNotRevoked;
		if (result.actions.length === 0) continue;
		const revokes = result.actions.some((action) => action.action === 'revoke');
		planned.push({ input: revokes ? input : undefined, actions: result.actions });
	}
	const revoking = planned.filter((p) => p.input !== undefined);
	if (revoking.length > 0) {
		const grantsOfInput = (p: (typeof planned)[number]) => (p.input as PersonPlanInput).granted as Grant[];
		const names = await grantNames(db, new Set(revoking.flatMap((p) => grantsOfInput(p).map((g) => g.personId))));
		for (const p of revoking) {
			for (const g of grantsOfInput(p)) g.name = names.get(grantNameKey(g.personId, g.target, g.kind, g.key)) ?? '';
			p.actions = planPerson(p.input as PersonPlanInput).actions; // pure: the same plan, with the names
		}
	}
	const inactiveRecords = records.filter((r) => r.status !== 'active').map((r) => r.id);
	return { actions: planned.flatMap((p) => p.actions), excluded, blocked, productsNotRevoked, inactiveRecords };
}

/** A grant as grantsOf reads it, with the record that holds it. */
type Grant = GrantedItem & { personId: string };

/**
 * True when a plan against the light state (accounts without id, reference and creation time)
 * has no action, and the full state would give none either: with at most one live account per
 * target, which account the rules manage does not depend on the missing fields.
 */
function settled(light: PersonPlanInput): boolean {
	const live = new Set<string>();
	for (const account of light.accounts) {
		if (account.state !== 'enabled' && account.state !== 'disabled') continue;
		if (live.has(account.target)) return false;
		live.add(account.target);
	}
	return planPerson(light).actions.length === 0;
}

/** A person to plan: their records, what the rules want, and whether their grants are that already. */
interface Subject {
	personId: string;
	records: readonly RecordRow[];
	desired: DesiredEntitlement[];
	person?: AggregatedPerson;
	/** The summaries of the person's records add up to the desired groups, permissions and products. */
	grantsAsDesired: boolean;
}

function subject(personId: string, records: readonly RecordRow[], desired: DesiredEntitlement[], held: GrantSummary, person?: AggregatedPerson): Subject {
	const wanted: GrantSummary = { grants: 0, signature: 0 };
	for (const entitlement of desired) {
		if (entitlement.type !== 'account') addToSummary(wanted, entitlement.signature ?? grantSignature(entitlement.target, entitlement.key));
	}
	return { personId, records, desired, person, grantsAsDesired: sameSummary(held, wanted) };
}

/**
 * A person in HR. One who holds grants most likely holds just those the rules want: their
 * summary is worked out first, and only when it differs the rules' grants in full. When it is
 * the same, the grants play no part in the plan (planPerson leaves them alone), so the accounts
 * are all the desired state the subject needs.
 */
function activeSubject(rules: RulesForPlanning, person: AggregatedPerson, records: readonly RecordRow[], holdings: ReadonlyMap<string, GrantSummary>, asOf: string): Subject {
	const held = heldSummary(records, holdings);
	if (held.grants > 0 && rules.desiredSummary) {
		const summary = rules.desiredSummary(person, asOf);
		if (sameSummary(held, summary.grants)) return { personId: person.id, records, desired: summary.accounts, person, grantsAsDesired: true };
	}
	return subject(person.id, records, rules.desiredState(person, asOf), held, person);
}

function heldSummary(records: readonly RecordRow[], holdings: ReadonlyMap<string, GrantSummary>): GrantSummary {
	const held: GrantSummary = { grants: 0, signature: 0 };
	for (const record of records) {
		const summary = holdings.get(record.id);
		if (summary) addSummaries(held, summary);
	}
	return held;
}

const sameSummary = (a: GrantSummary, b: GrantSummary) => a.grants === b.grants && a.signature === b.signature;

/** Contract end dates probed for an account's delete date, latest first. */
const MAX_END_DATES_PROBED = 3;

/**
 * The account entitlements the rules gave on the person's last contract days, for targets
 * whose account no rule wants now: the rules stop wanting an account on its delete date, so
 * what they said while the contract ran tells a deletion due from a rule that stopped matching.
 */
function lastContractAccounts(rules: RulesForPlanning, person: AggregatedPerson, targets: Set<string>): DesiredEntitlement[] {
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const group = groups.get(key(item));
		if (group) group.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}
