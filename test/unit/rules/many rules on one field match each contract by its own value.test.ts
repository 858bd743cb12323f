import { compileRuleSet, desiredState, type BusinessRule } from '../../../lib/rules';
import { contract, keys, person, rule } from './helpers';

// Rules that read one field are tested once per distinct value of that field and the outcome
// reused for every later contract with that value: these tests evaluate many persons with one
// compiled rule set, as an evaluation does.
const group = (name: string) => [{ type: 'permission' as const, target: 'activeDirectory', name }];
const titleRules: BusinessRule[] = [
	rule({ name: 'Engineers', condition: { field: 'contract.title', operator: 'contains', value: 'engineer' }, entitlements: group('ENG') }),
	rule({ name: 'Seniors', condition: { field: 'contract.title', operator: 'regex', value: '^Senior ' }, entitlements: group('SENIOR') }),
	rule({ name: 'Not sales', condition: { match: 'and', negate: true, conditions: [{ field: 'contract.title', operator: 'startsWith', value: 'Sales' }] }, entitlements: group('NOT-SALES') }),
	rule({ name: 'Cost type', condition: { field: 'contract.custom.costType', operator: 'isNotEmpty' }, entitlements: group('COST') }),
	rule({ name: 'Direct', condition: { field: 'contract.custom.costType', operator: 'contains', value: 'direct' }, entitlements: group('DIRECT') }),
	rule({ name: 'New starters', condition: { field: 'contract.startDate', operator: 'dateAfter', value: 'today', days: -30 }, entitlements: group('NEW') }),
	rule({ name: 'Started', condition: { field: 'contract.startDate', operator: 'dateBefore', value: 'today', days: 1 }, entitlements: group('STARTED') }),
];

describe('many rules on one field', () => {
	test('each person gets the groups of their own title, however many share it and in whatever order they come', () => {
		const rules = compileRuleSet({ rules: titleRules });
		const titles = ['Senior Engineer', 'Sales Engineer', 'Sales Manager', 'Senior Engineer', 'Engineer', 'Sales Manager', undefined];
		const groupsOf = (title: string | undefined) => keys(desiredState(rules, person([contract({ title })]), '2026-01-05'));
		const expected: Record<string, string[]> = {
			'Senior Engineer': ['activeDirectory/group:ENG', 'activeDirectory/group:NOT-SALES', 'activeDirectory/group:SENIOR', 'activeDirectory/group:STARTED'],
			'Sales Engineer': ['activeDirectory/group:ENG', 'activeDirectory/group:STARTED'],
			'Sales Manager': ['activeDirectory/group:STARTED'],
			Engineer: ['activeDirectory/group:ENG', 'activeDirectory/group:NOT-SALES', 'activeDirectory/group:STARTED'],
			none: ['activeDirectory/group:NOT-SALES', 'activeDirectory/group:STARTED'],
		};
		for (const title of titles) expect(groupsOf(title)).toEqual(expected[title ?? 'none']);
		// Backwards, so every value is first seen in another position.
		for (const title of [...titles].reverse()) expect(groupsOf(title)).toEqual(expected[title ?? 'none']);
	});

	test('a custom field holding a list or object is tested for each contract, not taken from another contract with an equal-looking value', () => {
		const rules = compileRuleSet({ rules: titleRules });
		const costOf = (costType: unknown) =>
			keys(desiredState(rules, person([contract({ custom: { costType } })]), '2026-01-05')).filter((key) => key.includes('COST') || key.includes('DIRECT'));
		expect(costOf([])).toEqual([]);
		expect(costOf(['x'])).toEqual(['activeDirectory/group:COST']);
		expect(costOf([])).toEqual([]);
		expect(costOf('Direct')).toEqual(['activeDirectory/group:COST', 'activeDirectory/group:DIRECT']);
		expect(costOf('')).toEqual([]);
	});

	test('date rules relative to today follow the as-of date when one rule set is evaluated on several dates', () => {
		const rules = compileRuleSet({ rules: titleRules });
		const joiner = person([contract({ title: 'Sales Manager', startDate: '2026-01-01' })]);
		const on = (asOf: string) => keys(desiredState(rules, joiner, asOf));
		expect(on('2026-01-05')).toEqual(['activeDirectory/group:NEW', 'activeDirectory/group:STARTED']);
		expect(on('2026-03-01')).toEqual(['activeDirectory/group:STARTED']);
		expect(on('2026-01-30')).toEqual(['activeDirectory/group:NEW', 'activeDirectory/group:STARTED']);
		expect(on('2026-01-31')).toEqual(['activeDirectory/group:STARTED']);
		expect(on('2026-01-05')).toEqual(['activeDirectory/group:NEW', 'activeDirectory/group:STARTED']);
	});
});
