import { accountsAsDesired, planPerson, type AccountState } from '../../../lib/evaluation/diff';
import type { GrantedAccount } from '../../../lib/evaluation/types';
import { compileRuleSet, desiredState } from '../../../lib/rules';
import { account, contract, person, rule } from '../rules/helpers';

/** A small deterministic random source (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TARGETS = ['activeDirectory', 'entraId', 'helloId'];
const STATES: Array<GrantedAccount['state']> = ['enabled', 'enabled', 'disabled', 'pending', 'deleted'];
const DAYS = ['2025-06-01', '2026-01-01', '2026-01-05', '2026-01-20', '2026-03-01', '2026-04-15', '2027-01-01'];

const rules = compileRuleSet({
	rules: [
		rule({ name: 'Employees', entitlements: [account('activeDirectory', { createDaysBeforeStart: 14, deleteDaysAfterEnd: 30 })] }),
		rule({ name: 'Mailbox', daysBeforeStart: 7, daysAfterEnd: 7, condition: { field: 'contract.type', operator: 'equals', value: 'permanent' }, entitlements: [account('entraId', { enableOnStart: false, deleteDaysAfterEnd: null })] }),
		rule({ name: 'Portal', entitlements: [account('helloId', { disableOnEnd: false, deleteDaysAfterEnd: 0 }), { type: 'accountAccess', target: 'helloId', enabled: false }] }),
	],
});

describe('accountsAsDesired', () => {
	test('whenever it says the accounts are as desired, planPerson finds no account action; it says so for most settled persons', () => {
		const next = random(42);
		const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
		let told = 0;
		let settled = 0;
		for (let n = 0; n < 5000; n++) {
			const start = pick(DAYS);
			const end = next() < 0.5 ? undefined : pick(DAYS.filter((day) => day >= start));
			const who = person([contract({ externalId: 'C1', startDate: start, endDate: end, type: pick(['permanent', 'temporary']) })]);
			const asOf = pick(DAYS);
			const desired = desiredState(rules, who, asOf);
			const changedAt = pick(['2025-12-01T00:00:00Z', '2026-02-01T00:00:00Z', null]);
			// What the person holds: mostly what the rules want, with every kind of difference now and then.
			const held: AccountState[] = [];
			for (const target of TARGETS) {
				const wanted = desired.find((entitlement) => entitlement.target === target && entitlement.type === 'account');
				const copies = next() < 0.05 ? 2 : wanted ? (next() < 0.9 ? 1 : 0) : next() < 0.2 ? 1 : 0;
				for (let copy = 0; copy < copies; copy++) {
					const state = wanted && next() < 0.6 ? (wanted.account?.enabled && next() < 0.8 ? 'enabled' : 'disabled') : pick(STATES);
					held.push([target, state, pick(['2026-01-10T00:00:00Z', '2026-03-01T00:00:00Z'])]);
				}
			}
			const accounts: GrantedAccount[] = held.map(([target, state, updatedAt], i) => ({ id: `a${i}`, personId: 'p1', target, accountRef: `ref${i}`, state, createdAt: `2025-01-0${i + 1}`, updatedAt }));
			const plan = planPerson({ personId: 'p1', asOf, desired, accounts, granted: [], grantsAsDesired: true, personChangedAt: changedAt });
			const asDesired = accountsAsDesired(desired, held, asOf, changedAt);
			if (asDesired) {
				expect({ asOf, desired, held, changedAt, actions: plan.actions }).toEqual(expect.objectContaining({ actions: [] }));
				told++;
			}
			if (plan.actions.length === 0) settled++;
		}
		expect(settled).toBeGreaterThan(500);
		// Not a check that says "plan it" for everyone: most persons without actions are told apart.
		expect(told).toBeGreaterThan(settled / 2);
	});

	test('an account no rule wants, a second account in a target, or one written before the person changed is planned', () => {
		const who = person([contract({ externalId: 'C1', startDate: '2025-01-01', type: 'temporary' })]);
		const desired = desiredState(rules, who, '2026-01-05').filter((entitlement) => entitlement.target === 'activeDirectory');
		const ad: AccountState = ['activeDirectory', 'enabled', '2026-01-02T00:00:00Z'];
		expect(accountsAsDesired(desired, [ad], '2026-01-05', '2026-01-01T00:00:00Z')).toBe(true);
		expect(accountsAsDesired(desired, [ad, ['entraId', 'disabled', '2026-01-02T00:00:00Z']], '2026-01-05', null)).toBe(false);
		expect(accountsAsDesired(desired, [ad, ad], '2026-01-05', null)).toBe(false);
		expect(accountsAsDesired(desired, [ad], '2026-01-05', '2026-01-03T00:00:00Z')).toBe(false);
		expect(accountsAsDesired(desired, [['activeDirectory', 'disabled', '2026-01-02T00:00:00Z']], '2026-01-05', null)).toBe(false);
		expect(accountsAsDesired(desired, [], '2026-01-05', null)).toBe(false);
		// Rules of other origin may still want an account on its delete date: that is planned too.
		const dueForDeletion = desired.map((entitlement) => ({ ...entitlement, account: entitlement.account && { ...entitlement.account, deleteOn: '2026-01-05' } }));
		expect(accountsAsDesired(dueForDeletion, [ad], '2026-01-05', null)).toBe(false);
	});
});
