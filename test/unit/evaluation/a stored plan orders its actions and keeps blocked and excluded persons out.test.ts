import { evaluateWithRules } from '../../../lib/evaluation';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { addAccount, addGrant, contractRules, planActions } from './vaultFixtures';

const AS_OF = '2026-03-01';

forEachBackend((open) => {
	async function scenario(vault: Awaited<ReturnType<typeof open>>) {
		await addSources(vault, { HR: 1 });
		const [anna, bob, carl, dora, eve, frank] = await addPersons(vault, [
			{ source: 'HR', externalId: '1', given: 'Anna', family: 'Jansen', contracts: [{ externalId: 'C-A', startDate: '2026-03-10', department: { code: 'SALES' } }] },
			{ source: 'HR', externalId: '2', given: 'Bob', family: 'Smit', contracts: [{ externalId: 'C-B', startDate: '2020-01-01', department: { code: 'HR' } }] },
			{ source: 'HR', externalId: '3', given: 'Carl', family: 'Visser', contracts: [{ externalId: 'C-C', startDate: '2019-01-01', endDate: '2026-01-15', department: { code: 'IT' } }] },
			{ source: 'HR', externalId: '4', given: 'Dora', family: 'Bakker', contracts: [{ externalId: 'C-D', startDate: '2026-02-01', department: { code: 'IT' } }] },
			{ source: 'HR', externalId: '5', given: 'Eve', family: 'Mulder', contracts: [{ externalId: 'C-E', startDate: '2026-02-01', department: { code: 'IT' } }] },
			{ source: 'HR', externalId: '6', given: 'Frank', family: 'Dekker', status: 'gone', contracts: [{ externalId: 'C-F', startDate: '2018-01-01', department: { code: 'IT' } }] },
		]);
		await vault.db.updateTable('persons').set({ blocked_reason: 'familyName is empty' }).where('id', '=', dora).execute();
		const bobAccount = await addAccount(vault, bob, 'activeDirectory', 'enabled', '2099-01-01T00:00:00.000Z');
		await addGrant(vault, bob, 'activeDirectory', 'group', 'group:GRP-HR', bobAccount);
		await addGrant(vault, bob, 'activeDirectory', 'group', 'group:GRP-OLD', bobAccount);
		await addAccount(vault, carl, 'activeDirectory', 'enabled', '2099-01-01T00:00:00.000Z');
		await addAccount(vault, frank, 'activeDirectory', 'enabled', '2099-01-01T00:00:00.000Z');
		return { anna, bob, carl, dora, eve, frank };
	}

	test('the plan is stored with every action, in seq order: creates before grants, disables before deletes', async () => {
		await withVault(open, async (vault) => {
			const ids = await scenario(vault);
			const result = await evaluateWithRules(vault, contractRules(), new Set([ids.eve]), { asOf: AS_OF });

			const rows = await planActions(vault, result.planId);
			const named = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0];
			expect(rows.map((r) => `${named(r.person_id)} ${r.action} ${r.due_date}`)).toEqual([
				'anna create 2026-02-24',
				'anna grant 2026-02-24',
				'bob revoke 2026-03-01',
				'carl disable 2026-01-16',
				'frank disable 2026-03-01',
				'carl delete 2026-02-14',
			]);
			expect(rows.every((r) => r.status === 'pending' && r.plan_id === result.planId)).toBe(true);
			expect(JSON.parse(rows[1].entitlement ?? '')).toMatchObject({ key: 'group:GRP-SALES' });
			expect(rows[1].reason).toBe("rule 'Department groups' via contract C-A");
			expect(rows[4].reason).toBe('no rule grants it any more');

			const plan = await vault.db.selectFrom('plans').selectAll().where('id', '=', result.planId).executeTakeFirstOrThrow();
			expect(plan).toMatchObject({ status: 'ready', as_of: AS_OF, rule_set_id: 'rules-1', blocked_reason: null });
		});
	});

	test('the summary counts persons, affected persons, blocked and excluded persons and actions per target', async () => {
		await withVault(open, async (vault) => {
			const ids = await scenario(vault);
			const result = await evaluateWithRules(vault, contractRules(), new Set([ids.eve]), { asOf: AS_OF });

			expect(result.status).toBe('ready');
			expect(result.summary).toEqual({
				persons: 5, // Frank left HR: he is planned (his account is disabled) but not counted
				personsAffected: 4,
				blocked: 1,
				excluded: 1,
				totalActions: 6,
				actions: { activeDirectory: { create: 1, grant: 1, revoke: 1, disable: 2, delete: 1 } },
				productsNotRevoked: 0,
			});
			const affected = new Set((await planActions(vault, result.planId)).map((r) => r.person_id));
			expect(affected.has(ids.dora) || affected.has(ids.eve)).toBe(false);
		});
	});

	test('the result lists only the first Max Action Items actions in seq order, with the person’s name', async () => {
		await withVault(open, async (vault) => {
			await scenario(vault);
			const result = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF, maxItems: 2 });

			// Every create comes before any grant, whoever the person.
			expect(result.actions.map((a) => `${a.personName}: ${a.action} ${a.name}`).sort()).toEqual([
				'Anna Jansen: create activeDirectory',
				'Eve Mulder: create activeDirectory',
			]);
			expect(result.actions[0].seq).toBeLessThan(result.actions[1].seq);
			expect(result.summary.totalActions).toBeGreaterThan(2);
		});
	});

	test('a blocked person gets actions again once the block is gone', async () => {
		await withVault(open, async (vault) => {
			const ids = await scenario(vault);
			await vault.db.updateTable('persons').set({ blocked_reason: null }).where('id', '=', ids.dora).execute();
			const result = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			const dora = (await planActions(vault, result.planId)).filter((r) => r.person_id === ids.dora).map((r) => r.action);
			expect(dora).toEqual(['create', 'enable', 'grant']);
			expect(result.summary.blocked).toBe(0);
		});
	});
});
