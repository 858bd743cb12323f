import { REASON_NO_RULE } from '../../../lib/evaluation';
import { account, brief, desiredAccount, plan } from './planFixtures';

describe('account lifecycle in the plan of one person', () => {
	// A joiner starting 2026-02-01, account created 14 days before, enabled on the start date.
	const joiner = desiredAccount('activeDirectory', { createOn: '2026-01-18', enableOn: '2026-02-01', enabled: true });

	test('a joiner gets no action before the create date; a future as-of previews the create', () => {
		expect(plan('2026-01-10', [joiner])).toEqual([]);
		expect(brief(plan('2026-01-18', [joiner]))).toEqual(['create activeDirectory 2026-01-18']);
		expect(brief(plan('2026-01-25', [joiner]))).toEqual(['create activeDirectory 2026-01-18']);
	});

	test('the account is created disabled before day one and enabled on the start date', () => {
		const [created] = plan('2026-01-18', [joiner]);
		expect(created.entitlement).toMatchObject({ type: 'account', enabled: false, createOn: '2026-01-18', enableOn: '2026-02-01' });
		expect(created.reason).toBe("rule 'Staff' via contract C1");
		// Previewing past the start date shows both steps, each on its own date.
		expect(brief(plan('2026-02-03', [joiner]))).toEqual(['create activeDirectory 2026-01-18', 'enable activeDirectory 2026-02-01']);
		// Once the account exists (disabled), only the enable is left, due on the start date.
		expect(brief(plan('2026-01-31', [joiner], { accounts: [account('activeDirectory', 'disabled')] }))).toEqual([]);
		expect(brief(plan('2026-02-01', [joiner], { accounts: [account('activeDirectory', 'disabled')] }))).toEqual(['enable activeDirectory 2026-02-01']);
	});

	test('an account without a start-date enable is created enabled', () => {
		const [created] = plan('2026-01-05', [desiredAccount('googleWorkspace', { createOn: '2026-01-01' })]);
		expect(created).toMatchObject({ action: 'create', dueDate: '2026-01-01', entitlement: { enabled: true } });
	});

	test('access switched off by a rule disables the account as of the evaluation date', () => {
		const noAccess = desiredAccount('entraId', { enabled: false });
		expect(brief(plan('2026-03-01', [noAccess], { accounts: [account('entraId', 'enabled')] }))).toEqual(['disable entraId 2026-03-01']);
		expect(plan('2026-03-01', [noAccess], { accounts: [account('entraId', 'disabled')] })).toEqual([]);
		// Access back: enabled again.
		expect(brief(plan('2026-03-01', [desiredAccount('entraId')], { accounts: [account('entraId', 'disabled')] }))).toEqual([
			'enable entraId 2026-03-01',
		]);
	});

	describe('a leaver whose last day is 2026-03-31, deleted 30 days later', () => {
		const leaver = desiredAccount('activeDirectory', { disableOn: '2026-04-01', deleteOn: '2026-05-01', enabled: false });
		const enabled = { accounts: [account('activeDirectory', 'enabled')] };
		const disabled = { accounts: [account('activeDirectory', 'disabled')] };
		const stillEmployed = desiredAccount('activeDirectory', { disableOn: '2026-04-01', deleteOn: '2026-05-01', enabled: true });

		test('before the end nothing happens', () => {
			expect(plan('2026-03-31', [stillEmployed], enabled)).toEqual([]);
		});

		test('the day after the last day the account is disabled', () => {
			expect(brief(plan('2026-04-01', [leaver], enabled))).toEqual(['disable activeDirectory 2026-04-01']);
			expect(plan('2026-04-15', [leaver], disabled)).toEqual([]);
		});

		test('after the grace period a disabled account is deleted', () => {
			expect(brief(plan('2026-04-30', [leaver], disabled))).toEqual([]);
			expect(brief(plan('2026-05-01', [leaver], disabled))).toEqual(['delete activeDirectory 2026-05-01']);
		});

		test('an account still enabled at the delete date is disabled first, then deleted', () => {
			const actions = plan('2026-05-02', [leaver], enabled);
			expect(brief(actions)).toEqual(['disable activeDirectory 2026-04-01', 'delete activeDirectory 2026-05-01']);
		});

		test('a leaver who has no account yet gets none created', () => {
			expect(plan('2026-04-02', [leaver])).toEqual([]);
		});
	});

	test('an account set never to be deleted is disabled after the end and then left alone', () => {
		const neverDelete = desiredAccount('helloId', { disableOn: '2026-04-01', deleteOn: null, enabled: false });
		expect(brief(plan('2027-12-31', [neverDelete], { accounts: [account('helloId', 'enabled')] }))).toEqual(['disable helloId 2026-04-01']);
		expect(plan('2030-01-01', [neverDelete], { accounts: [account('helloId', 'disabled')] })).toEqual([]);
	});

	test('rules that stop wanting an account on its delete date get it deleted: the last contract day gave the date', () => {
		// What the rules said on the last contract day (2026-03-31): deleted on 2026-05-01.
		const lastDay = desiredAccount('activeDirectory', { disableOn: '2026-04-01', deleteOn: '2026-05-01', enabled: true });
		const disabled = { accounts: [account('activeDirectory', 'disabled')], endedAccounts: [lastDay] };
		expect(brief(plan('2026-05-01', [], disabled))).toEqual(['delete activeDirectory 2026-05-01']);
		expect(brief(plan('2026-06-15', [], { ...disabled, accounts: [account('activeDirectory', 'enabled')] }))).toEqual([
			'disable activeDirectory 2026-04-01',
			'delete activeDirectory 2026-05-01',
		]);
		// A last contract that set no delete date: disabled, never deleted.
		const neverDelete = { accounts: [account('activeDirectory', 'enabled')], endedAccounts: [{ ...lastDay, account: { ...lastDay.account!, deleteOn: null } }] };
		expect(brief(plan('2030-01-01', [], neverDelete))).toEqual(['disable activeDirectory 2030-01-01']);
	});

	test('an account no rule wants any more is disabled now and never deleted', () => {
		const actions = plan('2026-06-01', [], { accounts: [account('googleWorkspace', 'enabled')] });
		expect(brief(actions)).toEqual(['disable googleWorkspace 2026-06-01']);
		expect(actions[0].reason).toBe(REASON_NO_RULE);
		expect(plan('2030-06-01', [], { accounts: [account('googleWorkspace', 'disabled')] })).toEqual([]);
	});

	test('an account enforcement began creating (pending) is created again: create correlates first, so nothing is duplicated', () => {
		expect(brief(plan('2026-01-05', [desiredAccount('entraId')], { accounts: [account('entraId', 'pending')] }))).toEqual([
			'create entraId 2026-01-01',
		]);
	});

	test('a deleted account is created anew when a rule wants one again (a rehire)', () => {
		const rehire = desiredAccount('entraId', { createOn: '2026-09-01' });
		expect(brief(plan('2026-09-01', [rehire], { accounts: [account('entraId', 'deleted')] }))).toEqual(['create entraId 2026-09-01']);
	});

	test('targets where correlation is asked for get correlate instead of create', () => {
		const actions = plan('2026-01-05', [desiredAccount('activeDirectory'), desiredAccount('entraId')], {
			correlate: new Set(['activeDirectory']),
		});
		expect(brief(actions)).toEqual(['correlate activeDirectory 2026-01-01', 'create entraId 2026-01-01']);
	});

	test('only the chosen targets are planned', () => {
		const actions = plan('2026-01-05', [desiredAccount('activeDirectory'), desiredAccount('entraId')], { targets: new Set(['entraId']) });
		expect(brief(actions)).toEqual(['create entraId 2026-01-01']);
	});
});
