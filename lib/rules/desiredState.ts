import { toText } from '../mapping/text';
import type { Contract, Person } from '../model/person';
import { TemplatePermission, type CompiledAccount, type CompiledGrant, type CompiledRule, type CompiledRuleSet } from './compile';
import { EvaluationState } from './conditions';
import { addDays, fromDayNumber, isDate, toDayNumber } from './dates';
import type { DesiredEntitlement, EntitlementReason } from './model';
import { addToSummary, type GrantSummary } from '../vault/grantSignature';

/** Dates written out before: the same few thousand contract days come up for person after person. */
const dateTexts = new Map<number, string>();
const MAX_DATE_TEXTS = 100_000;

function dateText(day: number): string {
	let text = dateTexts.get(day);
	if (text === undefined) {
		if (dateTexts.size >= MAX_DATE_TEXTS) dateTexts.clear();
		dateTexts.set(day, (text = fromDayNumber(day)));
	}
	return text;
}

/** A person with contracts: lib/model's Person or lib/aggregation's AggregatedPerson. */
export type RulePerson = Omit<Person, 'contracts'> & { contracts: readonly Contract[] };

/**
 * A rule's windows as limits on the contract's day numbers for one as-of date: a contract is
 * active for the rule when start <= asOf + daysBeforeStart and end >= asOf - daysAfterEnd.
 */
interface PreparedRule {
	rule: CompiledRule;
	activeStart: number;
	activeEnd: number;
	/** The widest window of any of its entitlements (accounts reach further than permissions). */
	widestStart: number;
	widestEnd: number;
	accounts: Array<{ account: CompiledAccount; start: number; end: number }>;
	/** A rule of a RuleIndex.byField group: a contract tries it only when it matched. */
	matched: boolean;
}

interface Prepared {
	asOf: string;
	asOfDay: number;
	rules: PreparedRule[];
	state: EvaluationState;
	/** Per group of RuleIndex.byField: the positions of its rules that match, per field value seen. */
	matches: Array<Map<unknown, number[]>>;
	/**
	 * Scratch: the positions of the rules the current contract tries (each rule is in one place
	 * of the index, so at most every rule once). A typed array sorts natively, without a
	 * comparator: sorting them as an array was a quarter of desiredState's own time.
	 */
	positions: Int32Array;
}

/** Field values whose outcomes are kept, per field: bounds the memory an all-distinct field (a date) takes. */
const MAX_VALUES_KEPT = 10_000;

/** The positions of a byField group's rules that match the current contract, tested once per field value. */
function matchesOf(ruleSet: CompiledRuleSet, prepared: Prepared, group: number): number[] {
	const { slot, rules } = ruleSet.index.byField[group];
	const value = prepared.state.value(slot);
	// Objects (a custom field may hold one) are tested every time: a Map compares them by identity.
	const keep = value === null || typeof value !== 'object';
	const known = prepared.matches[group];
	const kept = keep ? known.get(value) : undefined;
	if (kept) return kept;
	const matching = rules.filter((position) => ruleSet.rules[position].test(prepared.state));
	if (keep && known.size < MAX_VALUES_KEPT) known.set(value, matching);
	return matching;
}

// desiredState runs once per person with the same as-of date: prepare the limits once per date.
const preparedByRuleSet = new WeakMap<CompiledRuleSet, Prepared>();

function prepare(ruleSet: CompiledRuleSet, asOf: string): Prepared {
	const cached = preparedByRuleSet.get(ruleSet);
	if (cached && cached.asOf === asOf) return cached;
	if (!isDate(asOf)) throw new Error(`The as-of date "${asOf}" is not a date (YYYY-MM-DD)`);
	const asOfDay = toDayNumber(asOf);
	const state = cached?.state ?? new EvaluationState(ruleSet.fields);
	state.today = ruleSet.fields.todayOffsets.map((days) => addDays(asOf, days));
	const grouped = new Set(ruleSet.index.byField.flatMap((group) => group.rules));
	const rules = ruleSet.rules.map((rule, position) => ({
		rule,
		activeStart: asOfDay + rule.daysBeforeStart,
		activeEnd: asOfDay - rule.daysAfterEnd,
		widestStart: asOfDay + rule.lead,
		widestEnd: rule.tail === null ? -Infinity : asOfDay - rule.tail,
		accounts: rule.accounts.map((account) => ({
			account,
			start: asOfDay + account.lead,
			end: account.tail === null ? -Infinity : asOfDay - account.tail,
		})),
		matched: grouped.has(position),
	}));
	const prepared: Prepared = {
		asOf,
		asOfDay,
		rules,
		state,
		// Outcomes of 'today' date tests change with the as-of date: a new date starts afresh.
		matches: ruleSet.index.byField.map(() => new Map()),
		positions: new Int32Array(ruleSet.rules.length),
	};
	preparedByRuleSet.set(ruleSet, prepared);
	return prepared;
}

/** The account of one target, merged over every (rule, contract) that grants it; dates as day numbers. */
interface AccountBuilder {
	reasons: EntitlementReason[];
	createOn: number;
	enableFrom: number;
	/** Infinity: some contract keeps it enabled (or present) without end. */
	disableOn: number;
	deleteOn: number;
	lifecycleEnabled: boolean;
}

function addReason(reasons: EntitlementReason[], rule: string, contractId: string): void {
	for (const reason of reasons) if (reason.rule === rule && reason.contractId === contractId) return;
	reasons.push({ rule, contractId });
}

/** A contract date as a day number; missing (or unreadable) gives the open end. */
function day(date: string | undefined, open: number): number {
	// Import stores YYYY-MM-DD; a cheap shape check keeps anything else from becoming a wrong day.
	if (!date || date.length < 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return open;
	const value = toDayNumber(date);
	return Number.isFinite(value) ? value : open;
}

/**
 * What the rules grant one person on the as-of date: one entry per (target, key), with every
 * (rule, contract) that grants it. Conditions are evaluated per contract with `{ person, contract }`.
 * Permissions and products need a contract active for the granting rule; accounts are desired
 * from their create date until their delete date (see docs/rules.md for the exact timing).
 * Entries are sorted by target, then key.
 */
export function desiredState(ruleSet: CompiledRuleSet, person: RulePerson, asOf: string): DesiredEntitlement[] {
	const entries = new Map<string, DesiredEntitlement>();
	const accounts = walkRules(ruleSet, person, asOf, (type, g, rule, contractId) => {
		const entry = entries.get(g.id);
		if (entry) addReason(entry.reasons, rule, contractId);
		else entries.set(g.id, { target: g.target, type, key: g.key, name: g.name, reasons: [{ rule, contractId }], signature: g.signature });
	});
	const result: DesiredEntitlement[] = [...entries.values(), ...accounts];
	sortByTargetAndKey(result);
	return result;
}

/** What desiredState gives, with its groups, permissions and products as their count and signature only. */
export interface DesiredSummary {
	/** The account entitlements, as desiredState gives them, sorted by target. */
	accounts: DesiredEntitlement[];
	grants: GrantSummary;
}

/**
 * desiredState without building the groups, permissions and products: their count and
 * signature, as the vault's holdings keep them, tell whether a person has exactly those. Most
 * persons of an evaluation do, and need nothing else of them.
 */
export function desiredSummary(ruleSet: CompiledRuleSet, person: RulePerson, asOf: string): DesiredSummary {
	const seen = new Set<string>();
	const grants: GrantSummary = { grants: 0, signature: 0 };
	const accounts = walkRules(ruleSet, person, asOf, (_type, g) => {
		if (seen.has(g.id)) return;
		seen.add(g.id);
		addToSummary(grants, g.signature);
	});
	sortByTargetAndKey(accounts);
	return { accounts, grants };
}

type GrantSink = (type: 'permission' | 'product', grant: CompiledGrant, rule: string, contractId: string) => void;

/** Per target: whether some rule active for the person grants access, and whether one denies it. */
type AccessFlags = Map<string, { allow: boolean; deny: boolean }>;

/**
 * Evaluates the rules for each of the person's contracts: every group, permission and product
 * granted goes to `grant` (once per rule and contract); returns the accounts, merged per target.
 * (Kept to the loop, its steps in functions of their own: V8 compiles this hot function again
 * on both threads of an evaluation, and a small one compiles in a fraction of the time.)
 */
function walkRules(ruleSet: CompiledRuleSet, person: RulePerson, asOf: string, grant: GrantSink): DesiredEntitlement[] {
	const prepared = prepare(ruleSet, asOf);
	const { state } = prepared;
	state.setPerson(person);
	const accounts = new Map<string, AccountBuilder>();
	const access: AccessFlags = new Map();
	for (const contract of person.contracts) {
		state.setContract(contract);
		const start = day(contract.startDate, -Infinity);
		const end = day(contract.endDate, Infinity);
		for (const position of triedPositions(ruleSet, prepared)) {
			const p = prepared.rules[position];
			if (start > p.widestStart || end < p.widestEnd) continue;
			if (!p.matched && !p.rule.test(state)) continue;
			if (start <= p.activeStart && end >= p.activeEnd) grantRule(p.rule, person, contract, grant, access);
			if (p.accounts.length > 0) addAccounts(p, start, end, contract.externalId, prepared.asOfDay, accounts);
		}
	}
	return accountEntitlements(accounts, access);
}

/**
 * The positions of the rules the current contract tries, in document order: those every
 * contract tests, the matches of the grouped rules, and the rules listed under its values.
 */
function triedPositions(ruleSet: CompiledRuleSet, prepared: Prepared): Int32Array {
	const { index } = ruleSet;
	const { state, positions } = prepared;
	let count = 0;
	for (const position of index.tried) positions[count++] = position;
	for (let group = 0; group < index.byField.length; group++) for (const position of matchesOf(ruleSet, prepared, group)) positions[count++] = position;
	for (const lookup of index.lookups) {
		const listed = lookup.rules.get(lookup.caseSensitive ? state.textOf(lookup.slot) : state.lowerOf(lookup.slot));
		if (listed) for (const position of listed) positions[count++] = position;
	}
	return positions.subarray(0, count).sort();
}

/** The permissions, products and access a rule gives through a contract active for it. */
function grantRule(rule: CompiledRule, person: RulePerson, contract: Contract, grant: GrantSink, access: AccessFlags): void {
	const contractId = contract.externalId;
	for (const permission of rule.permissions) {
		if (permission instanceof TemplatePermission) {
			const value = toText(permission.template({ person, contract })).trim();
			if (value !== '') grant('permission', permission.grantFor(value), rule.name, contractId);
		} else {
			grant('permission', permission, rule.name, contractId);
		}
	}
	for (const product of rule.products) grant('product', product, rule.name, contractId);
	for (const { target, enabled } of rule.access) {
		const flags = access.get(target) ?? { allow: false, deny: false };
		if (enabled) flags.allow = true;
		else flags.deny = true;
		access.set(target, flags);
	}
}

/** Merges the accounts a rule gives through a contract ([start, end] as day numbers) into `accounts`. */
function addAccounts(p: PreparedRule, start: number, end: number, contractId: string, asOfDay: number, accounts: Map<string, AccountBuilder>): void {
	const { rule } = p;
	for (const { account, start: startLimit, end: endLimit } of p.accounts) {
		if (start > startLimit || end < endLimit) continue;
		const { timing } = account;
		// The contract as the rule sees it: [from, until] is when it counts as active.
		const from = start - rule.daysBeforeStart;
		const until = end + rule.daysAfterEnd;
		// Without a start date the contract runs "since ever": the account is due now.
		const createOn = from === -Infinity ? asOfDay : from - timing.createDaysBeforeStart;
		const enableFrom = timing.enableOnStart && from !== -Infinity ? from : createOn;
		const disableOn = timing.disableOnEnd ? until + 1 : Infinity;
		const deleteOn = timing.deleteDaysAfterEnd === null ? Infinity : until + Math.max(timing.deleteDaysAfterEnd, 1);
		const enabledNow = enableFrom <= asOfDay && asOfDay < disableOn;
		const builder = accounts.get(account.target);
		if (!builder) {
			const reasons = [{ rule: rule.name, contractId }];
			accounts.set(account.target, { reasons, createOn, enableFrom, disableOn, deleteOn, lifecycleEnabled: enabledNow });
			continue;
		}
		addReason(builder.reasons, rule.name, contractId);
		builder.createOn = Math.min(builder.createOn, createOn);
		builder.enableFrom = Math.min(builder.enableFrom, enableFrom);
		builder.disableOn = Math.max(builder.disableOn, disableOn);
		builder.deleteOn = Math.max(builder.deleteOn, deleteOn);
		builder.lifecycleEnabled ||= enabledNow;
	}
}

/** The merged accounts as entitlements: an explicit "no access" wins, an explicit "access" enables, else the lifecycle dates decide. */
function accountEntitlements(accounts: Map<string, AccountBuilder>, access: AccessFlags): DesiredEntitlement[] {
	const result: DesiredEntitlement[] = [];
	for (const [target, builder] of accounts) {
		const flags = access.get(target);
		const enabled = flags?.deny ? false : flags?.allow ? true : builder.lifecycleEnabled;
		result.push({
			target,
			type: 'account',
			key: 'account',
			name: target,
			reasons: builder.reasons,
			account: {
				createOn: dateText(builder.createOn),
				enableOn: builder.enableFrom > builder.createOn ? dateText(builder.enableFrom) : null,
				disableOn: openDateText(builder.disableOn),
				deleteOn: openDateText(builder.deleteOn),
				enabled,
			},
		});
	}
	return result;
}

/** An open end (Infinity) is no date. */
const openDateText = (value: number): string | null => (Number.isFinite(value) ? dateText(value) : null);

/**
 * Sorts in place. A person has about ten entitlements: sorting so few by insertion took less than
 * half the time Array.prototype.sort took, which was a tenth of desiredState's.
 */
function sortByTargetAndKey(entries: DesiredEntitlement[]): void {
	if (entries.length > 32) {
		entries.sort(byTargetAndKey);
		return;
	}
	for (let i = 1; i < entries.length; i++) {
		const entry = entries[i];
		let j = i - 1;
		for (; j >= 0 && byTargetAndKey(entries[j], entry) > 0; j--) entries[j + 1] = entries[j];
		entries[j + 1] = entry;
	}
}

function byTargetAndKey(a: DesiredEntitlement, b: DesiredEntitlement): number {
	if (a.target !== b.target) return a.target < b.target ? -1 : 1;
	return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
