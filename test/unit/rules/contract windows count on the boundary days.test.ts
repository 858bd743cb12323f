import { compileRuleSet, desiredState } from '../../../lib/rules';
import { contract, desired, person, rule } from './helpers';

// A contract from 2026-02-01 through 2026-03-31.
const joiner = person([contract({ startDate: '2026-02-01', endDate: '2026-03-31' })]);

const grantedOn = (asOf: string, daysBeforeStart: number, daysAfterEnd: number, who = joiner): boolean =>
	desired([rule({ daysBeforeStart, daysAfterEnd })], who, asOf).length > 0;

describe('when a contract counts as active for a rule', () => {
	test('without offsets: from the start date through the end date', () => {
		expect(grantedOn('2026-01-31', 0, 0)).toBe(false);
		expect(grantedOn('2026-02-01', 0, 0)).toBe(true);
		expect(grantedOn('2026-03-31', 0, 0)).toBe(true);
		expect(grantedOn('2026-04-01', 0, 0)).toBe(false);
	});

	test('days before start: active from exactly that many days before the start date', () => {
		expect(grantedOn('2026-01-24', 7, 0)).toBe(false);
		expect(grantedOn('2026-01-25', 7, 0)).toBe(true);
	});

	test('days after end: active until exactly that many days after the end date', () => {
		expect(grantedOn('2026-04-03', 0, 3)).toBe(true);
		expect(grantedOn('2026-04-04', 0, 3)).toBe(false);
	});

	test('offsets are per rule: the same contract is active for one rule and not yet for another', () => {
		const rules = [
			rule({ name: 'Early', daysBeforeStart: 10, entitlements: [{ type: 'permission', target: 'ad', name: 'Onboarding' }] }),
			rule({ name: 'On day one', entitlements: [{ type: 'permission', target: 'ad', name: 'Staff' }] }),
		];
		expect(desired(rules, joiner, '2026-01-25').map((e) => e.name)).toEqual(['Onboarding']);
		expect(desired(rules, joiner, '2026-02-01').map((e) => e.name)).toEqual(['Onboarding', 'Staff']);
	});

	test('a contract without a start date has always been active, one without an end date stays active', () => {
		const open = person([contract({ startDate: undefined, endDate: undefined })]);
		expect(grantedOn('1990-01-01', 0, 0, open)).toBe(true);
		expect(grantedOn('2099-12-31', 0, 0, open)).toBe(true);
	});

	test('offsets cross month and leap-year boundaries', () => {
		const leapDay = person([contract({ startDate: '2028-03-01', endDate: '2028-12-31' })]);
		expect(grantedOn('2028-02-28', 1, 0, leapDay)).toBe(false);
		expect(grantedOn('2028-02-29', 1, 0, leapDay)).toBe(true);
		expect(grantedOn('2029-01-01', 0, 1, leapDay)).toBe(true);
		expect(grantedOn('2029-01-02', 0, 1, leapDay)).toBe(false);
	});

	test('one compiled rule set evaluated on different dates answers for each date', () => {
		const compiled = compileRuleSet({ rules: [rule({ daysBeforeStart: 7 })] });
		const answers = ['2026-01-24', '2026-01-25', '2026-01-24', '2026-04-01', '2026-03-31'].map((asOf) => desiredState(compiled, joiner, asOf).length > 0);
		expect(answers).toEqual([false, true, false, false, true]);
	});

	test('"today" in a condition is the as-of date of each evaluation', () => {
		const startedAMonthAgo = rule({ condition: { field: 'contract.startDate', operator: 'dateBefore', value: 'today', days: -30 } });
		const compiled = compileRuleSet({ rules: [startedAMonthAgo] });
		expect(desiredState(compiled, joiner, '2026-03-03').length).toBe(0);
		expect(desiredState(compiled, joiner, '2026-03-04').length).toBe(1);
	});
});
