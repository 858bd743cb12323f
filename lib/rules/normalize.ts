import { closestMatches, didYouMean } from '../mapping/suggest';
import { isDate } from './dates';
import { RuleError } from './errors';
import type {
	AccountTiming,
	BusinessRule,
	Comparison,
	Condition,
	ConditionGroup,
	Entitlement,
	Operator,
	RuleSetDocument,
} from './model';

export const TEXT_OPERATORS: readonly Operator[] = ['equals', 'notEquals', 'startsWith', 'endsWith', 'contains', 'regex'];
export const LIST_OPERATORS: readonly Operator[] = ['in', 'notIn'];
export const EMPTY_OPERATORS: readonly Operator[] = ['isEmpty', 'isNotEmpty'];
export const DATE_OPERATORS: readonly Operator[] = ['dateBefore', 'dateAfter', 'dateOn'];
export const NUMBER_OPERATORS: readonly Operator[] = ['greaterThan', 'greaterOrEqual', 'lessThan', 'lessOrEqual'];
export const OPERATORS: readonly Operator[] = [
	...TEXT_OPERATORS,
	...LIST_OPERATORS,
	...EMPTY_OPERATORS,
	...DATE_OPERATORS,
	...NUMBER_OPERATORS,
];
export const ENTITLEMENT_TYPES: ReadonlyArray<Entitlement['type']> = ['account', 'accountAccess', 'permission', 'product'];

/** Account timing when a document leaves it out: create on the start date, enabled from it, disabled after the end, never deleted. */
export const DEFAULT_ACCOUNT_TIMING: AccountTiming = {
	createDaysBeforeStart: 0,
	enableOnStart: true,
	disableOnEnd: true,
	deleteDaysAfterEnd: null,
};

const RULE_PROPERTIES = ['name', 'category', 'enabled', 'daysBeforeStart', 'daysAfterEnd', 'condition', 'entitlements'];
const GROUP_PROPERTIES = ['match', 'conditions', 'negate'];
const COMPARISON_PROPERTIES = ['field', 'operator', 'value', 'days', 'caseSensitive'];
const TIMING_PROPERTIES = ['createDaysBeforeStart', 'enableOnStart', 'disableOnEnd', 'deleteDaysAfterEnd'];
const ENTITLEMENT_PROPERTIES: Record<Entitlement['type'], string[]> = {
	account: ['type', 'target', 'timing'],
	accountAccess: ['type', 'target', 'enabled'],
	permission: ['type', 'target', 'name', 'id', 'template'],
	product: ['type', 'target', 'productId', 'name'],
};

type Json = Record<string, unknown>;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return `a ${typeof value}`;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where an error sits: the rule (by name once known) and the field or property. */
class Site {
	constructor(
		readonly rule: string,
		readonly label: string,
	) {}

	fail(message: string, field?: string): never {
		throw new RuleError(`${this.label}${message}`, this.rule, field);
	}

	checkProperties(value: Json, allowed: readonly string[], what: string, field?: string): void {
		for (const key of Object.keys(value)) {
			if (!allowed.includes(key)) {
				this.fail(`${what ? `, ${what}` : ''} has unknown property "${key}".${didYouMean(closestMatches(key, allowed))} Known properties: ${allowed.join(', ')}.`, field ?? key);
			}
		}
	}

	wholeDays(value: unknown, property: string, fallback: number, allowNegative = false): number {
		if (value === undefined) return fallback;
		if (typeof value !== 'number' || !Number.isInteger(value) || (!allowNegative && value < 0)) {
			this.fail(`: ${property} must be a whole number of days${allowNegative ? '' : ', 0 or more'}, got ${describe(value)}.`, property);
		}
		return value;
	}

	flag(value: unknown, property: string, fallback: boolean): boolean {
		if (value === undefined) return fallback;
		if (typeof value !== 'boolean') this.fail(`: ${property} must be true or false, got ${describe(value)}.`, property);
		return value;
	}

	text(value: unknown, property: string, what: string): string | undefined {
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') this.fail(`: ${what} must be text, got ${describe(value)}.`, property);
		return value.trim() === '' ? undefined : value.trim();
	}
}

function normalizeComparison(value: Json, site: Site): Comparison {
	const fieldText = typeof value.field === 'string' ? value.field.trim() : '';
	const on = fieldText ? ` on ${fieldText}` : '';
	site.checkProperties(value, COMPARISON_PROPERTIES, `the condition${on}`, fieldText || undefined);
	const fail = (message: string): never => site.fail(message, fieldText || 'field');
	if (!fieldText) fail(` has a condition without a field. Fields start with "person." or "contract.", e.g. contract.department.code.`);
	const operator = value.operator;
	if (typeof operator !== 'string' || !OPERATORS.includes(operator as Operator)) {
		const hint = typeof operator === 'string' ? didYouMean(closestMatches(operator, OPERATORS, false)) : '';
		fail(`: the condition on ${fieldText} has unknown operator ${describe(operator)}.${hint} Known operators: ${OPERATORS.join(', ')}.`);
	}
	const op = operator as Operator;
	const out: Comparison = { field: fieldText, operator: op };
	let caseSensitive = false;
	const raw = value.value;
	const missing = raw === undefined || raw === null || raw === '';
	const days = site.wholeDays(value.days, 'days', 0, true);
	const isDateOp = DATE_OPERATORS.includes(op);
	const isTextOp = TEXT_OPERATORS.includes(op) || LIST_OPERATORS.includes(op);
	if (days !== 0 && !isDateOp) fail(`: "days" only applies to the date operators (${DATE_OPERATORS.join(', ')}), not to "${op}" on ${fieldText}.`);
	if (value.caseSensitive !== undefined) {
		caseSensitive = site.flag(value.caseSensitive, 'caseSensitive', false);
		if (caseSensitive && !isTextOp) fail(`: "caseSensitive" only applies to text operators, not to "${op}" on ${fieldText}.`);
	}

	if (TEXT_OPERATORS.includes(op)) {
		if (missing) {
			fail(`: the operator "${op}" on ${fieldText} needs a value.${op === 'equals' || op === 'notEquals' ? ' To test for an empty field use "isEmpty" or "isNotEmpty".' : ''}`);
		}
		if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
			const hint = Array.isArray(raw) ? ` For a list of values use "${op === 'notEquals' ? 'notIn' : 'in'}".` : '';
			fail(`: the operator "${op}" on ${fieldText} needs one text value, got ${describe(raw)}.${hint}`);
		}
		out.value = typeof raw === 'boolean' ? String(raw) : (raw as string | number);
	} else if (LIST_OPERATORS.includes(op)) {
		if (!Array.isArray(raw) || raw.length === 0) {
			fail(
				`: the operator "${op}" on ${fieldText} needs a list of values, got ${describe(raw)}. In JSON write ["SALES", "HR"]; in the node, separate the values with commas.`,
			);
		}
		const list = raw as unknown[];
		const bad = list.find((item) => typeof item !== 'string' && typeof item !== 'number');
		if (bad !== undefined) fail(`: the list of "${op}" on ${fieldText} may only hold text and numbers, got ${describe(bad)}.`);
		out.value = list as Array<string | number>;
	} else if (EMPTY_OPERATORS.includes(op)) {
		if (!missing) fail(`: the operator "${op}" on ${fieldText} takes no value, got ${describe(raw)}.`);
	} else if (isDateOp) {
		const text = typeof raw === 'string' ? raw.trim() : raw;
		if (typeof text === 'string' && text.toLowerCase() === 'today') out.value = 'today';
		else if (typeof text === 'string' && isDate(text)) out.value = text;
		else fail(`: the operator "${op}" on ${fieldText} needs a date (YYYY-MM-DD) or "today", got ${describe(raw)}.`);
		if (days !== 0) out.days = days;
	} else {
		const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
		if (!Number.isFinite(number)) fail(`: the operator "${op}" on ${fieldText} compares numbers and needs a number, got ${describe(raw)}.`);
		out.value = number;
	}
	// Set last so the exported JSON reads field, operator, value, days, caseSensitive.
	if (caseSensitive) out.caseSensitive = true;
	return out;
}

function normalizeCondition(value: unknown, site: Site): Condition {
	if (!isObject(value)) site.fail(`: a condition must be an object (a group with "match" and "conditions", or a test with "field" and "operator"), got ${describe(value)}.`, 'condition');
	const isGroup = 'conditions' in value || 'match' in value;
	if (!isGroup) return normalizeComparison(value, site);
	site.checkProperties(value, GROUP_PROPERTIES, 'a condition group', 'condition');
	const match = value.match ?? 'and';
	if (match !== 'and' && match !== 'or') {
		site.fail(`: a condition group's "match" must be "and" (every condition holds) or "or" (at least one holds), got ${describe(match)}.`, 'match');
	}
	const conditions = value.conditions ?? [];
	if (!Array.isArray(conditions)) site.fail(`: a condition group's "conditions" must be a list, got ${describe(conditions)}.`, 'conditions');
	const group: ConditionGroup = { match, conditions: (conditions as unknown[]).map((condition) => normalizeCondition(condition, site)) };
	if (site.flag(value.negate, 'negate', false)) group.negate = true;
	return group;
}

function normalizeEntitlement(value: unknown, index: number, site: Site): Entitlement {
	const where = `entitlement ${index + 1}`;
	if (!isObject(value)) site.fail(`: ${where} must be an object with a "type" (${ENTITLEMENT_TYPES.join(', ')}), got ${describe(value)}.`, 'entitlements');
	const type = value.type;
	if (typeof type !== 'string' || !ENTITLEMENT_TYPES.includes(type as Entitlement['type'])) {
		const hint = typeof type === 'string' ? didYouMean(closestMatches(type, ENTITLEMENT_TYPES)) : '';
		site.fail(`: ${where} has unknown type ${describe(type)}.${hint} Known types: ${ENTITLEMENT_TYPES.join(', ')}.`, 'type');
	}
	const kind = type as Entitlement['type'];
	const label = `${where} (${kind})`;
	site.checkProperties(value, ENTITLEMENT_PROPERTIES[kind], label, undefined);
	const target = site.text(value.target, 'target', `the target of ${label}`);
	if (!target) site.fail(`: ${label} has no target. Name the target system it applies to, e.g. activeDirectory, entraId, googleWorkspace or helloId.`, 'target');
	switch (kind) {
		case 'account': {
			const timing = value.timing ?? {};
			if (!isObject(timing)) site.fail(`: the timing of ${label} must be an object, got ${describe(timing)}.`, 'timing');
			site.checkProperties(timing, TIMING_PROPERTIES, `the timing of ${label}`, undefined);
			const deleteDays = timing.deleteDaysAfterEnd;
			return {
				type: 'account',
				target,
				timing: {
					createDaysBeforeStart: site.wholeDays(timing.createDaysBeforeStart, 'createDaysBeforeStart', DEFAULT_ACCOUNT_TIMING.createDaysBeforeStart),
					enableOnStart: site.flag(timing.enableOnStart, 'enableOnStart', DEFAULT_ACCOUNT_TIMING.enableOnStart),
					disableOnEnd: site.flag(timing.disableOnEnd, 'disableOnEnd', DEFAULT_ACCOUNT_TIMING.disableOnEnd),
					deleteDaysAfterEnd: deleteDays === null || deleteDays === undefined ? null : site.wholeDays(deleteDays, 'deleteDaysAfterEnd', 0),
				},
			};
		}
		case 'accountAccess':
			return { type: 'accountAccess', target, enabled: site.flag(value.enabled, 'enabled', true) };
		case 'permission': {
			const name = site.text(value.name, 'name', `the name of ${label}`);
			const id = site.text(value.id, 'id', `the id of ${label}`);
			const template = site.text(value.template, 'template', `the template of ${label}`);
			if (!name && !id && !template) {
				site.fail(`: ${label} for ${target} needs a group name, an id, or a template such as GRP-{{contract.department.code}}.`, 'name');
			}
			if (template && (name || id)) {
				site.fail(`: ${label} for ${target} has a template and a fixed ${name ? 'name' : 'id'}; use one: the template makes one group per value.`, 'template');
			}
			return { type: 'permission', target, ...(name ? { name } : {}), ...(id ? { id } : {}), ...(template ? { template } : {}) };
		}
		case 'product': {
			const productId = site.text(value.productId, 'productId', `the productId of ${label}`);
			if (!productId) site.fail(`: ${label} for ${target} needs a productId (the HelloID self-service product's id).`, 'productId');
			const name = site.text(value.name, 'name', `the name of ${label}`);
			return { type: 'product', target, productId, ...(name ? { name } : {}) };
		}
	}
}

function normalizeRule(value: unknown, index: number): BusinessRule {
	const position = `rule ${index + 1}`;
	if (!isObject(value)) throw new RuleError(`The ${position} must be an object with a name, a condition and entitlements, got ${describe(value)}.`, position);
	const rawName = value.name;
	if (typeof rawName !== 'string' || rawName.trim() === '') {
		throw new RuleError(`The ${position} has no name. Give every rule a name: reasons in plans and reports refer to it.`, position, 'name');
	}
	const name = rawName.trim();
	const site = new Site(name, `Rule '${name}'`);
	site.checkProperties(value, RULE_PROPERTIES, '', undefined);
	const category = site.text(value.category, 'category', 'the category');
	const entitlements = value.entitlements ?? [];
	if (!Array.isArray(entitlements)) site.fail(`: "entitlements" must be a list, got ${describe(entitlements)}.`, 'entitlements');
	const rule: BusinessRule = {
		name,
		...(category ? { category } : {}),
		enabled: site.flag(value.enabled, 'enabled', true),
		daysBeforeStart: site.wholeDays(value.daysBeforeStart, 'daysBeforeStart', 0),
		daysAfterEnd: site.wholeDays(value.daysAfterEnd, 'daysAfterEnd', 0),
		condition: value.condition === undefined ? { match: 'and', conditions: [] } : normalizeCondition(value.condition, site),
		entitlements: (entitlements as unknown[]).map((entitlement, i) => normalizeEntitlement(entitlement, i, site)),
	};
	return rule;
}

/**
 * Checks the shape of a rule set document (from JSON, the node's UI or code) and returns it in
 * canonical form: defaults filled in, values typed, properties in a fixed order. Throws a
 * RuleError naming the rule and property for anything it cannot accept. Fields, regexes and
 * templates are checked by compileRuleSet.
 */
export function normalizeRuleSet(input: unknown): RuleSetDocument {
	if (!isObject(input)) throw new RuleError(`A rule set must be an object with a "rules" list, got ${describe(input)}.`);
	for (const key of Object.keys(input)) {
		if (key !== 'rules') throw new RuleError(`A rule set has unknown property "${key}"; it holds only "rules".`, undefined, key);
	}
	const rules = input.rules ?? [];
	if (!Array.isArray(rules)) throw new RuleError(`A rule set's "rules" must be a list, got ${describe(rules)}.`, undefined, 'rules');
	const normalized = rules.map((rule, index) => normalizeRule(rule, index));
	const seen = new Map<string, number>();
	normalized.forEach((rule, index) => {
		const key = rule.name.toLowerCase();
		const first = seen.get(key);
		if (first !== undefined) {
			throw new RuleError(
				`Rule name '${rule.name}' is used by rules ${first + 1} and ${index + 1}: each rule needs its own name, because plans and reports name the rule that grants an entitlement.`,
				rule.name,
				'name',
			);
		}
		seen.set(key, index);
	});
	return { rules: normalized };
}
