import { compileValue, MappingError, type CompiledValue } from '../mapping';
import { grantSignature } from '../vault/grantSignature';
import { compileCondition, FieldTable, guardOf, slotsRead, type CompiledCondition } from './conditions';
import { RuleError } from './errors';
import { TEMPLATE_KNOWN_PATHS } from './fields';
import type { AccountTiming, BusinessRule, RuleSetDocument } from './model';
import { normalizeRuleSet } from './normalize';

export interface CompiledAccount {
	target: string;
	timing: AccountTiming;
	/** The account is due this many days before the contract start: the rule's days before start plus the create lead. */
	lead: number;
	/** ... and stays until this many days after the end (the day before deleteOn); null: never deleted. */
	tail: number | null;
}

/**
 * A fixed grant; `id` (target + key) is the merge key and `signature` its grant signature
 * (lib/vault/grantSignature), both worked out once here instead of per person.
 */
export interface CompiledGrant {
	target: string;
	key: string;
	name: string;
	id: string;
	signature: number;
}

const compiledGrant = (target: string, key: string, name: string): CompiledGrant => ({ target, key, name, id: grantId(target, key), signature: grantSignature(target, key) });

/** Grants a template gives, by rendered value, so far: the same few department groups come up for thousands of persons. */
const MAX_TEMPLATE_GRANTS = 10_000;

/** A dynamic permission: one group per value its template renders. */
export class TemplatePermission {
	private readonly grants = new Map<string, CompiledGrant>();

	constructor(
		readonly target: string,
		readonly template: CompiledValue,
	) {}

	/** The group for a rendered value (not empty), worked out once per value. */
	grantFor(value: string): CompiledGrant {
		let grant = this.grants.get(value);
		if (grant === undefined) {
			if (this.grants.size >= MAX_TEMPLATE_GRANTS) this.grants.clear();
			grant = compiledGrant(this.target, `group:${value}`, value);
			this.grants.set(value, grant);
		}
		return grant;
	}
}

export type CompiledPermission = CompiledGrant | TemplatePermission;

export const grantId = (target: string, key: string): string => `${target}\u0000${key}`;

export interface CompiledRule {
	name: string;
	daysBeforeStart: number;
	daysAfterEnd: number;
	test: CompiledCondition;
	accounts: CompiledAccount[];
	access: Array<{ target: string; enabled: boolean }>;
	permissions: CompiledPermission[];
	products: CompiledGrant[];
	/** The widest window over all its entitlements, to skip contracts the rule cannot concern. */
	lead: number;
	tail: number | null;
}

/** A validated rule set, ready to evaluate for many persons: regexes, templates and field readers are built once. */
export interface CompiledRuleSet {
	/** The canonical document (defaults filled in), as saved and exported. */
	readonly document: RuleSetDocument;
	/** The enabled rules, in document order. */
	readonly rules: readonly CompiledRule[];
	/** Every target an enabled rule grants something in, sorted. */
	readonly targets: readonly string[];
	readonly fields: FieldTable;
	/** Which rules a contract can match, found by field value lookups (see RuleIndex). */
	readonly index: RuleIndex;
}

/**
 * Which rules a contract tries. Rules whose condition needs `field equals/in values` are listed
 * under those values: a contract only tries those listed under its own values. With 200 rules
 * that mostly test a department or cost centre, most are never tried.
 *
 * Of the other rules, those that read one field which other such rules read too are grouped by
 * that field (`byField`): their outcome depends on the field's value alone, so desiredState
 * tests them once per distinct value (dozens of title rules with contains and regex tests, over
 * a few hundred distinct titles) and looks the outcome up for every other contract. The rest
 * (`tried`) every contract tests.
 */
export interface RuleIndex {
	/** Positions (in `rules`, ascending) of the rules every contract tests. */
	tried: number[];
	lookups: Array<{ slot: number; caseSensitive: boolean; rules: Map<string, number[]> }>;
	/** Positions (ascending) of the rules that read only this field, per field read by several. */
	byField: Array<{ slot: number; rules: number[] }>;
}

function buildIndex(rules: readonly BusinessRule[], fields: FieldTable): RuleIndex {
	const lookups: RuleIndex['lookups'] = [];
	const unguarded: Array<{ position: number; slot: number | undefined }> = [];
	rules.forEach((rule, position) => {
		const guard = guardOf(rule.condition, fields);
		if (!guard) {
			const slots = slotsRead(rule.condition, fields);
			unguarded.push({ position, slot: slots.size === 1 ? [...slots][0] : undefined });
			return;
		}
		let lookup = lookups.find((l) => l.slot === guard.slot && l.caseSensitive === guard.caseSensitive);
		if (!lookup) {
			lookup = { slot: guard.slot, caseSensitive: guard.caseSensitive, rules: new Map() };
			lookups.push(lookup);
		}
		for (const value of new Set(guard.values)) {
			const list = lookup.rules.get(value);
			if (list) list.push(position);
			else lookup.rules.set(value, [position]);
		}
	});
	const tried: number[] = [];
	const byField: RuleIndex['byField'] = [];
	for (const { position, slot } of unguarded) {
		// A field only one rule reads: a lookup per contract would cost as much as the test.
		if (slot === undefined || unguarded.filter((other) => other.slot === slot).length < 2) {
			tried.push(position);
			continue;
		}
		const group = byField.find((g) => g.slot === slot);
		if (group) group.rules.push(position);
		else byField.push({ slot, rules: [position] });
	}
	return { tried, lookups, byField };
}

function compileRule(rule: BusinessRule, fields: FieldTable): CompiledRule {
	const test = compileCondition(rule.condition, rule.name, fields);
	const compiled: CompiledRule = {
		name: rule.name,
		daysBeforeStart: rule.daysBeforeStart,
		daysAfterEnd: rule.daysAfterEnd,
		test,
		accounts: [],
		access: [],
		permissions: [],
		products: [],
		lead: rule.daysBeforeStart,
		tail: rule.daysAfterEnd,
	};
	rule.entitlements.forEach((entitlement, index) => {
		switch (entitlement.type) {
			case 'account': {
				const { timing } = entitlement;
				const lead = rule.daysBeforeStart + timing.createDaysBeforeStart;
				// Deleted on end + daysAfterEnd + N (at least the day after the end): present until the day before.
				const tail = timing.deleteDaysAfterEnd === null ? null : rule.daysAfterEnd + Math.max(timing.deleteDaysAfterEnd, 1) - 1;
				compiled.accounts.push({ target: entitlement.target, timing, lead, tail });
				compiled.lead = Math.max(compiled.lead, lead);
				compiled.tail = compiled.tail === null || tail === null ? null : Math.max(compiled.tail, tail);
				break;
			}
			case 'accountAccess':
				compiled.access.push({ target: entitlement.target, enabled: entitlement.enabled });
				break;
			case 'permission': {
				if (entitlement.template !== undefined) {
					let template: CompiledValue;
					try {
						template = compileValue(
							{ type: 'template', template: entitlement.template },
							{ knownRoots: ['person', 'contract'], knownPaths: TEMPLATE_KNOWN_PATHS },
						);
					} catch (error) {
						if (!(error instanceof MappingError)) throw error;
						throw new RuleError(
							`Rule '${rule.name}', entitlement ${index + 1} (permission for ${entitlement.target}): ${error.message}`,
							rule.name,
							'template',
						);
					}
					compiled.permissions.push(new TemplatePermission(entitlement.target, template));
				} else {
					const value = (entitlement.id ?? entitlement.name) as string;
					const key = `group:${value}`;
					compiled.permissions.push(compiledGrant(entitlement.target, key, entitlement.name ?? value));
				}
				break;
			}
			case 'product': {
				const key = `product:${entitlement.productId}`;
				compiled.products.push(compiledGrant(entitlement.target, key, entitlement.name ?? entitlement.productId));
				break;
			}
		}
	});
	return compiled;
}

/**
 * Validates a rule set and compiles it once: field paths are resolved, regexes and templates
 * built, so evaluating it for every person does no parsing. Accepts any input shape (JSON from
 * a file, the node's UI) and throws a RuleError naming the rule, the field and the accepted
 * alternatives. Disabled rules are validated too (they may be enabled later) but not compiled in.
 */
export function compileRuleSet(document: RuleSetDocument | unknown): CompiledRuleSet {
	const normalized = normalizeRuleSet(document);
	const fields = new FieldTable();
	const rules: CompiledRule[] = [];
	const enabled: BusinessRule[] = [];
	for (const rule of normalized.rules) {
		const compiled = compileRule(rule, fields);
		if (!rule.enabled) continue;
		rules.push(compiled);
		enabled.push(rule);
	}
	const targets = new Set<string>();
	for (const rule of rules) {
		for (const list of [rule.accounts, rule.access, rule.permissions, rule.products]) for (const item of list) targets.add(item.target);
	}
	return { document: normalized, rules, targets: [...targets].sort(), fields, index: buildIndex(enabled, fields) };
}
