import { REASON_NO_RULE, planPerson } from '../../../lib/evaluation';
import { account, brief, desiredAccount, desiredGroup, desiredProduct, granted, plan } from './planFixtures';

describe('groups, permissions and products in the plan of one person', () => {
	test('a group for an account still to be created is granted on the create date', () => {
		const actions = plan('2026-01-20', [desiredAccount('activeDirectory', { createOn: '2026-01-18' }), desiredGroup('activeDirectory', 'GRP-SALES')]);
		expect(brief(actions)).toEqual(['create activeDirectory 2026-01-18', 'grant activeDirectory group:GRP-SALES 2026-01-18']);
		expect(actions[1]).toMatchObject({ entitlement: { type: 'permission', key: 'group:GRP-SALES', name: 'GRP-SALES' }, reason: "rule 'Department groups' via contract C1" });
	});

	test('a group is not granted before the account exists or is due', () => {
		expect(plan('2026-01-10', [desiredAccount('activeDirectory', { createOn: '2026-01-18' }), desiredGroup('activeDirectory', 'GRP-SALES')])).toEqual([]);
		// No account and no account rule for the target: nothing to grant to.
		expect(plan('2026-01-20', [desiredGroup('activeDirectory', 'GRP-SALES')])).toEqual([]);
	});

	test('a missing group of an existing account is granted as of the evaluation date', () => {
		const actions = plan('2026-03-01', [desiredAccount('entraId'), desiredGroup('entraId', 'All Staff')], { accounts: [account('entraId', 'enabled')] });
		expect(brief(actions)).toEqual(['grant entraId group:All Staff 2026-03-01']);
		expect(actions[0].accountRef).toBe('ref-entraId');
	});

	test('a group already granted gives no action', () => {
		expect(
			plan('2026-03-01', [desiredAccount('entraId'), desiredGroup('entraId', 'All Staff')], {
				accounts: [account('entraId', 'enabled')],
				granted: [granted('entraId', 'group', 'group:All Staff')],
			}),
		).toEqual([]);
	});

	test('a group no rule grants any more is revoked', () => {
		const actions = plan('2026-03-01', [desiredAccount('entraId'), desiredGroup('entraId', 'GRP-HR')], {
			accounts: [account('entraId', 'enabled')],
			granted: [granted('entraId', 'group', 'group:GRP-SALES'), granted('entraId', 'group', 'group:GRP-HR')],
		});
		expect(brief(actions)).toEqual(['revoke entraId group:GRP-SALES 2026-03-01']);
		expect(actions[0].reason).toBe(REASON_NO_RULE);
	});

	test('a self-service product is never revoked (HelloID cannot): no action, and the plan counts it', () => {
		const result = planPerson({
			personId: 'p1',
			asOf: '2026-03-01',
			desired: [desiredAccount('helloId')],
			accounts: [account('helloId', 'enabled')],
			granted: [granted('helloId', 'product', 'product:laptop')],
			personChangedAt: null,
		});
		expect(result.actions).toEqual([]);
		expect(result.productsNotRevoked).toBe(1);
	});

	test('a desired product is granted like a group', () => {
		expect(brief(plan('2026-03-01', [desiredAccount('helloId'), desiredProduct('helloId', 'laptop')], { accounts: [account('helloId', 'enabled')] }))).toEqual([
			'grant helloId product:laptop 2026-03-01',
		]);
	});

	test('an account being deleted gets no revokes: deleting it removes its memberships', () => {
		const leaver = desiredAccount('activeDirectory', { disableOn: '2026-04-01', deleteOn: '2026-05-01', enabled: false });
		const actions = plan('2026-05-01', [leaver], {
			accounts: [account('activeDirectory', 'disabled')],
			granted: [granted('activeDirectory', 'group', 'group:GRP-SALES')],
		});
		expect(brief(actions)).toEqual(['delete activeDirectory 2026-05-01']);
	});
});
