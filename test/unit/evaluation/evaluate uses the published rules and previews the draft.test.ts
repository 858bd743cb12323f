import { assertEnforceable, evaluate } from '../../../lib/evaluation';
import { excludePerson, publish, saveDraft, type RuleSetDocument } from '../../../lib/rules';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { addAccount, addGrant, planActions } from './vaultFixtures';

/** Everyone gets an AD account (14 days before the start, deleted 30 days after the end) and their department's group; sales gets the VPN. */
const RULES: RuleSetDocument = {
	rules: [
		{
			name: 'Employees',
			enabled: true,
			condition: { match: 'and', conditions: [] },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [
				{ type: 'account', target: 'activeDirectory', timing: { createDaysBeforeStart: 14, enableOnStart: true, disableOnEnd: true, deleteDaysAfterEnd: 30 } },
				{ type: 'permission', target: 'activeDirectory', template: 'GRP-{{contract.department.code}}' },
			],
		},
		{
			name: 'Sales VPN',
			enabled: true,
			condition: { field: 'contract.department.code', operator: 'equals', value: 'SALES' },
			daysBeforeStart: 0,
			daysAfterEnd: 0,
			entitlements: [{ type: 'permission', target: 'activeDirectory', name: 'VPN' }],
		},
	],
};

async function people(vault: Vault) {
	await addSources(vault, { HR: 1 });
	const [joiner, leaver, mover] = await addPersons(vault, [
		{ source: 'HR', externalId: '1', given: 'Anna', family: 'Jansen', contracts: [{ externalId: 'C1', startDate: '2026-04-01', department: { code: 'SALES' } }] },
		{ source: 'HR', externalId: '2', given: 'Bob', family: 'Smit', contracts: [{ externalId: 'C2', startDate: '2019-01-01', endDate: '2026-03-31', department: { code: 'IT' } }] },
		{ source: 'HR', externalId: '3', given: 'Carla', family: 'Visser', contracts: [{ externalId: 'C3', startDate: '2019-01-01', department: { code: 'IT' } }] },
	]);
	const bob = await addAccount(vault, leaver, 'activeDirectory', 'enabled', '2099-01-01T00:00:00.000Z');
	await addGrant(vault, leaver, 'activeDirectory', 'group', 'group:GRP-IT', bob);
	const carla = await addAccount(vault, mover, 'activeDirectory', 'enabled', '2099-01-01T00:00:00.000Z');
	await addGrant(vault, mover, 'activeDirectory', 'group', 'group:GRP-IT', carla);
	await addGrant(vault, mover, 'activeDirectory', 'group', 'group:VPN', carla);
	return { joiner, leaver, mover };
}

async function actionsOf(vault: Vault, planId: string, personId: string): Promise<string[]> {
	return (await planActions(vault, planId)).filter((r) => r.person_id === personId).map((r) => `${r.action} ${JSON.parse(r.entitlement ?? '{}').key} ${r.due_date}`);
}

forEachBackend((open) => {
	test('the published rules give the joiner, leaver and mover their actions, each with the rule and contract', async () => {
		await withVault(open, async (vault) => {
			const ids = await people(vault);
			await saveDraft(vault, RULES);
			const published = await publish(vault);

			const result = await evaluate(vault, { asOf: '2026-03-20' });
			expect(result).toMatchObject({ ruleSet: { id: published.id, version: 1, status: 'published' }, preview: false, status: 'ready' });
			// The account comes 14 days before the start; the groups with the contract's start.
			expect(await actionsOf(vault, result.planId, ids.joiner)).toEqual(['create account 2026-03-18']);
			expect(await actionsOf(vault, result.planId, ids.leaver)).toEqual([]);
			expect(await actionsOf(vault, result.planId, ids.mover)).toEqual(['revoke group:VPN 2026-03-20']);
			const [create] = (await planActions(vault, result.planId)).filter((r) => r.person_id === ids.joiner);
			expect(create.reason).toBe("rule 'Employees' via contract C1");
			const dayOne = await evaluate(vault, { asOf: '2026-04-01' });
			expect(await actionsOf(vault, dayOne.planId, ids.joiner)).toEqual([
				'create account 2026-03-18',
				'enable account 2026-04-01',
				'grant group:GRP-SALES 2026-03-18',
				'grant group:VPN 2026-03-18',
			]);
		});
	});

	test('a leaver is disabled the day after the last day and deleted 30 days after it (as of before, on and after)', async () => {
		await withVault(open, async (vault) => {
			const { leaver } = await people(vault);
			await saveDraft(vault, RULES);
			await publish(vault);
			const on = async (asOf: string) => await actionsOf(vault, (await evaluate(vault, { asOf })).planId, leaver);

			expect(await on('2026-03-31')).toEqual([]);
			expect(await on('2026-04-01')).toEqual(['revoke group:GRP-IT 2026-04-01', 'disable account 2026-04-01']);
			// Enforcement disabled the account.
			await vault.db.updateTable('accounts').set({ state: 'disabled' }).where('person_id', '=', leaver).execute();
			expect(await on('2026-04-29')).toEqual(['revoke group:GRP-IT 2026-04-29']);
			expect(await on('2026-04-30')).toEqual(['delete account 2026-04-30']);
			// A run missed on the day still deletes, with the date it was due.
			expect(await on('2026-07-01')).toEqual(['delete account 2026-04-30']);
		});
	});

	test('the draft is evaluated as a preview; a version by number; no published rules is an error that says what to do', async () => {
		await withVault(open, async (vault) => {
			const ids = await people(vault);
			await expect(evaluate(vault, { asOf: '2026-03-20' })).rejects.toThrow('No rule set is published yet: save a draft and publish it, or evaluate the draft.');
			await saveDraft(vault, RULES);
			await publish(vault);
			await saveDraft(vault, { rules: [{ ...RULES.rules[0], entitlements: [RULES.rules[0].entitlements[0]] }] });

			const preview = await evaluate(vault, { ruleSet: 'draft', asOf: '2026-03-20' });
			expect(preview).toMatchObject({ preview: true, ruleSet: { version: 2, status: 'draft' } });
			// Without the group rules, Carla's groups would be revoked.
			expect(await actionsOf(vault, preview.planId, ids.mover)).toEqual(['revoke group:GRP-IT 2026-03-20', 'revoke group:VPN 2026-03-20']);
			await expect(assertEnforceable(vault, preview.planId)).rejects.toThrow('is a preview of rule set version 2 (draft) and cannot be enforced');

			const first = await evaluate(vault, { ruleSet: 1, asOf: '2026-03-20' });
			expect(first).toMatchObject({ preview: false, ruleSet: { version: 1 } });
			await expect(evaluate(vault, { ruleSet: 7 })).rejects.toThrow('Rule set version 7 does not exist. Versions: 1, 2.');
		});
	});

	test('an excluded person is kept as is', async () => {
		await withVault(open, async (vault) => {
			const ids = await people(vault);
			await saveDraft(vault, RULES);
			await publish(vault);
			await excludePerson(vault, ids.mover, 'legal hold');
			const result = await evaluate(vault, { asOf: '2026-03-20' });
			expect(await actionsOf(vault, result.planId, ids.mover)).toEqual([]);
			expect(result.summary.excluded).toBe(1);
		});
	});
});
