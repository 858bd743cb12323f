import type { Contract, Person } from '../../../lib/model/person';
import { compileRuleSet, desiredState, type BusinessRule, type Condition, type DesiredEntitlement, type Entitlement } from '../../../lib/rules';

/** A contract that started long ago and runs on; tests override what they look at. */
export function contract(overrides: Partial<Contract> = {}): Contract {
	return { externalId: 'C1', startDate: '2020-01-01', title: 'Engineer', department: { code: 'IT', name: 'IT' }, ...overrides };
}

export function person(contracts: Contract[] = [contract()], overrides: Partial<Person> = {}): Person {
	return { externalId: '1001', source: 'HR', name: { given: 'Anna', family: 'de Vries', display: 'Anna de Vries' }, custom: {}, contracts, ...overrides };
}

/** A rule with defaults that grants a group; override what the test is about. */
export function rule(overrides: Partial<BusinessRule> = {}): BusinessRule {
	return {
		name: 'Test rule',
		enabled: true,
		daysBeforeStart: 0,
		daysAfterEnd: 0,
		condition: { match: 'and', conditions: [] },
		entitlements: [{ type: 'permission', target: 'activeDirectory', name: 'Staff' }],
		...overrides,
	};
}

export function desired(rules: BusinessRule[], who: Person, asOf = '2026-01-05'): DesiredEntitlement[] {
	return desiredState(compileRuleSet({ rules }), who, asOf);
}

/** Whether a rule with this condition matches the person on the date. */
export function matches(condition: Condition, who: Person, asOf = '2026-01-05'): boolean {
	return desired([rule({ condition })], who, asOf).length > 0;
}

export function account(target: string, timing: Partial<Extract<Entitlement, { type: 'account' }>['timing']> = {}): Entitlement {
	return {
		type: 'account',
		target,
		timing: { createDaysBeforeStart: 0, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: null, ...timing },
	};
}

/** The keys of what is desired, as `target/key`. */
export const keys = (entitlements: DesiredEntitlement[]): string[] => entitlements.map((e) => `${e.target}/${e.key}`);
