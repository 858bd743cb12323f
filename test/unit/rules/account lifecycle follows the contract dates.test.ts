import type { BusinessRule, Condition, DesiredEntitlement } from '../../../lib/rules';
import { account, contract, desired, person, rule } from './helpers';

/** Employees get an AD account 14 days before day one, enabled on day one, disabled after the last day, deleted 30 days later; plus a group while employed. */
const employees = (overrides: Partial<BusinessRule> = {}, timing: Parameters<typeof account>[1] = {}): BusinessRule =>
	rule({
		name: 'Employees',
		entitlements: [
			account('activeDirectory', { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30, ...timing }),
			{ type: 'permission', target: 'activeDirectory', name: 'Staff' },
		],
		...overrides,
	});

const adAccount = (entitlements: DesiredEntitlement[]): DesiredEntitlement | undefined =>
	entitlements.find((e) => e.target === 'activeDirectory' && e.type === 'account');
const hasStaff = (entitlements: DesiredEntitlement[]): boolean => entitlements.some((e) => e.key === 'group:Staff');

// Starts 2026-03-01, last day 2026-06-30.
const fixedTerm = person([contract({ externalId: 'C1', startDate: '2026-03-01', endDate: '2026-06-30' })]);

describe('account lifecycle', () => {
	test('the timeline of a fixed-term contract: created, enabled, disabled, deleted', () => {
		const on = (asOf: string) => desired([employees()], fixedTerm, asOf);
		const dates = { createOn: '2026-02-15', enableOn: '2026-03-01', disableOn: '2026-07-01', deleteOn: '2026-07-30' };

		expect(on('2026-02-14')).toEqual([]);
		expect(adAccount(on('2026-02-15'))?.account).toEqual({ ...dates, enabled: false });
		expect(hasStaff(on('2026-02-15'))).toBe(false);
		expect(adAccount(on('2026-03-01'))?.account).toEqual({ ...dates, enabled: true });
		expect(hasStaff(on('2026-03-01'))).toBe(true);
		expect(adAccount(on('2026-06-30'))?.account?.enabled).toBe(true);
		expect(adAccount(on('2026-07-01'))?.account).toEqual({ ...dates, enabled: false });
		expect(hasStaff(on('2026-07-01'))).toBe(false);
		expect(adAccount(on('2026-07-29'))?.account?.enabled).toBe(false);
		expect(on('2026-07-30')).toEqual([]);
	});

	test('a joiner before day one has a disabled account with its reason, and no groups yet', () => {
		const result = desired([employees()], fixedTerm, '2026-02-20');
		expect(result).toEqual([
			{
				target: 'activeDirectory',
				type: 'account',
				key: 'account',
				name: 'activeDirectory',
				reasons: [{ rule: 'Employees', contractId: 'C1' }],
				account: { createOn: '2026-02-15', enableOn: '2026-03-01', disableOn: '2026-07-01', deleteOn: '2026-07-30', enabled: false },
			},
		]);
	});

	test('a mover keeps one enabled account across the change; the groups follow the new department', () => {
		const departmentGroups = rule({
			name: 'Department groups',
			entitlements: [{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' }],
		});
		const mover = person([
			contract({ externalId: 'IT-JOB', startDate: '2020-01-01', endDate: '2026-02-28', department: { code: 'IT' } }),
			contract({ externalId: 'SALES-JOB', startDate: '2026-03-01', department: { code: 'SALES' } }),
		]);
		const before = desired([employees(), departmentGroups], mover, '2026-02-28');
		const after = desired([employees(), departmentGroups], mover, '2026-03-01');

		expect(before.filter((e) => e.type === 'permission').map((e) => e.name)).toEqual(['GRP-IT', 'Staff']);
		expect(after.filter((e) => e.type === 'permission').map((e) => e.name)).toEqual(['GRP-SALES', 'Staff']);
		expect(adAccount(before)?.account).toEqual({ createOn: '2019-12-18', enableOn: '2020-01-01', disableOn: null, deleteOn: null, enabled: true });
		expect(adAccount(after)?.account).toEqual({ createOn: '2019-12-18', enableOn: '2020-01-01', disableOn: null, deleteOn: null, enabled: true });
		expect(adAccount(after)?.reasons).toEqual([
			{ rule: 'Employees', contractId: 'IT-JOB' },
			{ rule: 'Employees', contractId: 'SALES-JOB' },
		]);
	});

	test('a leaver keeps a disabled account through the grace period, then it is no longer desired', () => {
		const leaver = person([contract({ externalId: 'C1', startDate: '2019-05-01', endDate: '2026-03-31' })]);
		const on = (asOf: string) => adAccount(desired([employees()], leaver, asOf));

		expect(on('2026-03-31')?.account?.enabled).toBe(true);
		expect(on('2026-04-01')?.account).toMatchObject({ disableOn: '2026-04-01', deleteOn: '2026-04-30', enabled: false });
		expect(on('2026-04-29')?.account?.enabled).toBe(false);
		expect(on('2026-04-30')).toBeUndefined();
	});

	test('the rule’s days after end move the disable and delete dates with the contract window', () => {
		const leaver = person([contract({ startDate: '2019-05-01', endDate: '2026-03-31' })]);
		const result = adAccount(desired([employees({ daysAfterEnd: 7 })], leaver, '2026-04-07'));
		expect(result?.account).toMatchObject({ disableOn: '2026-04-08', deleteOn: '2026-05-07', enabled: true });
	});

	test('never delete: the account stays desired, disabled, years after the end', () => {
		const leaver = person([contract({ startDate: '2019-05-01', endDate: '2026-03-31' })]);
		const result = adAccount(desired([employees({}, { deleteDaysAfterEnd: null })], leaver, '2031-01-01'));
		expect(result?.account).toEqual({ createOn: '2019-04-17', enableOn: '2019-05-01', disableOn: '2026-04-01', deleteOn: null, enabled: false });
	});

	test('delete after 0 days deletes together with the disable, the day after the last day', () => {
		const leaver = person([contract({ startDate: '2019-05-01', endDate: '2026-03-31' })]);
		expect(adAccount(desired([employees({}, { deleteDaysAfterEnd: 0 })], leaver, '2026-03-31'))?.account).toMatchObject({ deleteOn: '2026-04-01' });
		expect(adAccount(desired([employees({}, { deleteDaysAfterEnd: 0 })], leaver, '2026-04-01'))).toBeUndefined();
	});

	test('an open-ended contract has no disable or delete date', () => {
		const permanent = person([contract({ startDate: '2024-09-01', endDate: undefined })]);
		expect(adAccount(desired([employees()], permanent, '2026-01-05'))?.account).toEqual({
			createOn: '2024-08-18',
			enableOn: '2024-09-01',
			disableOn: null,
			deleteOn: null,
			enabled: true,
		});
	});

	test('without "enable on start" the account is created enabled', () => {
		const result = adAccount(desired([employees({}, { enableOnStart: false })], fixedTerm, '2026-02-15'));
		expect(result?.account).toMatchObject({ createOn: '2026-02-15', enableOn: null, enabled: true });
	});

	test('without "disable on end" the account stays enabled until it is deleted', () => {
		const result = adAccount(desired([employees({}, { disableOnEnd: false })], fixedTerm, '2026-07-15'));
		expect(result?.account).toMatchObject({ disableOn: null, deleteOn: '2026-07-30', enabled: true });
	});

	test('a contract without a start date makes the account due on the as-of date', () => {
		const always = person([contract({ startDate: undefined, endDate: undefined })]);
		expect(adAccount(desired([employees()], always, '2026-01-05'))?.account).toEqual({
			createOn: '2026-01-05',
			enableOn: null,
			disableOn: null,
			deleteOn: null,
			enabled: true,
		});
	});

	describe('account access', () => {
		const suspended: Condition = { field: 'person.custom.suspended', operator: 'equals', value: 'yes' };
		const block = rule({ name: 'Suspended', condition: suspended, entitlements: [{ type: 'accountAccess', target: 'activeDirectory', enabled: false }] });

		test('account access "not enabled" keeps the account but disabled', () => {
			const who = person([contract({ startDate: '2024-01-01' })], { custom: { suspended: 'yes' } });
			const result = desired([employees(), block], who, '2026-01-05');
			expect(adAccount(result)?.account?.enabled).toBe(false);
			expect(hasStaff(result)).toBe(true);
		});

		test('the same rules leave everyone else enabled', () => {
			const who = person([contract({ startDate: '2024-01-01' })], { custom: { suspended: 'no' } });
			expect(adAccount(desired([employees(), block], who, '2026-01-05'))?.account?.enabled).toBe(true);
		});

		test('account access "enabled" can enable an account before its enable date', () => {
			const earlyAccess = rule({
				name: 'Three days early',
				daysBeforeStart: 3,
				entitlements: [{ type: 'accountAccess', target: 'activeDirectory', enabled: true }],
			});
			expect(adAccount(desired([employees(), earlyAccess], fixedTerm, '2026-02-25'))?.account?.enabled).toBe(false);
			expect(adAccount(desired([employees(), earlyAccess], fixedTerm, '2026-02-26'))?.account?.enabled).toBe(true);
		});

		test('account access alone creates no account', () => {
			expect(desired([block], person([contract()], { custom: { suspended: 'yes' } }))).toEqual([]);
		});
	});

	test('the largest lead of the rules involved sets the create date', () => {
		const contractors = rule({
			name: 'Contractors',
			condition: { field: 'contract.type', operator: 'equals', value: 'external' },
			entitlements: [account('activeDirectory', { createDaysBeforeStart: 30, deleteDaysAfterEnd: 30 })],
		});
		const who = person([contract({ externalId: 'C1', startDate: '2026-03-01', endDate: '2026-06-30', type: 'external' })]);
		const early = adAccount(desired([employees(), contractors], who, '2026-02-01'));
		expect(early?.account).toMatchObject({ createOn: '2026-01-30', enableOn: '2026-03-01', enabled: false });
		expect(early?.reasons.map((reason) => reason.rule)).toEqual(['Contractors']);
		// From the employees' own create date both rules grant it; the create date stays the earliest.
		const later = adAccount(desired([employees(), contractors], who, '2026-02-15'));
		expect(later?.account?.createOn).toBe('2026-01-30');
		expect(later?.reasons.map((reason) => reason.rule)).toEqual(['Employees', 'Contractors']);
	});
});
