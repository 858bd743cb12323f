import { REASON_PERSON_UPDATED } from '../../../lib/evaluation';
import { account, brief, desiredAccount, plan } from './planFixtures';

describe('update after a person change', () => {
	const written = '2026-02-01T10:00:00.000Z';

	test('a person changed after the account was last written gets an update, due as of the evaluation', () => {
		const actions = plan('2026-02-02', [desiredAccount('activeDirectory')], {
			accounts: [account('activeDirectory', 'enabled', written)],
			personChangedAt: '2026-02-02T06:00:00.000Z',
		});
		expect(brief(actions)).toEqual(['update activeDirectory 2026-02-02']);
		expect(actions[0]).toMatchObject({ reason: REASON_PERSON_UPDATED, accountRef: 'ref-activeDirectory', entitlement: { accountId: 'acc-activeDirectory' } });
	});

	test('no update when the account was written after the last change', () => {
		expect(
			plan('2026-02-02', [desiredAccount('activeDirectory')], {
				accounts: [account('activeDirectory', 'enabled', written)],
				personChangedAt: '2026-01-31T06:00:00.000Z',
			}),
		).toEqual([]);
	});

	test('no update for an account the rules no longer want, nor for one being deleted', () => {
		const changed = { accounts: [account('activeDirectory', 'disabled', written)], personChangedAt: '2026-06-02T06:00:00.000Z' };
		expect(plan('2026-06-02', [], changed)).toEqual([]);
		const leaver = desiredAccount('activeDirectory', { disableOn: '2026-04-01', deleteOn: '2026-05-01', enabled: false });
		expect(brief(plan('2026-06-02', [leaver], changed))).toEqual(['delete activeDirectory 2026-05-01']);
	});
});
