import { evaluateWithRules, type EvaluateOptions, type RuleSetForEvaluation } from '../../../lib/evaluation';
import { newId } from '../../../lib/vault/ids';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { addAccount, addGrant, contractRules, planContent } from './vaultFixtures';

const AS_OF = '2026-03-01';

/** Twelve persons: employees with accounts, joiners, leavers in their grace period. */
async function population(vault: Vault): Promise<string[]> {
	await addSources(vault, { HR: 1, Payroll: 2 });
	const ids = await addPersons(
		vault,
		Array.from({ length: 12 }, (_, i) => ({
			source: 'HR',
			externalId: String(100 + i),
			given: `Given${i}`,
			family: `Family${i}`,
			contracts: [
				{
					externalId: `C${i}`,
					startDate: i % 4 === 0 ? '2026-03-10' : '2021-05-01',
					...(i % 4 === 1 ? { endDate: '2026-02-20' } : {}),
					department: { code: i % 3 === 0 ? 'SALES' : 'IT' },
				},
			],
		})),
	);
	for (const [i, id] of ids.entries()) {
		if (i % 4 === 0) continue; // joiners have no account yet
		const account = await addAccount(vault, id, 'activeDirectory', i % 6 === 1 ? 'disabled' : 'enabled', '2026-01-01T00:00:00.000Z');
		if (i % 2 === 0) await addGrant(vault, id, 'activeDirectory', 'group', i % 3 === 0 ? 'group:GRP-SALES' : 'group:GRP-OLD', account);
	}
	// Changes within the millisecond a plan is made count as later (conservative): start the plans after them.
	await new Promise((resolve) => setTimeout(resolve, 5));
	return ids;
}

/** An incremental plan and a full plan made right after it: the same actions. */
async function expectIncrementalEqualsFull(vault: Vault, rules: RuleSetForEvaluation, excluded: Set<string>, options: EvaluateOptions = {}) {
	const incremental = await evaluateWithRules(vault, rules, excluded, { asOf: AS_OF, ...options, mode: 'incremental' });
	const full = await evaluateWithRules(vault, rules, excluded, { asOf: AS_OF, ...options, mode: 'full' });
	expect(incremental.mode).toBe('incremental');
	expect(await planContent(vault, incremental.planId)).toEqual(await planContent(vault, full.planId));
	const { personsAffected, totalActions, persons, blocked, excluded: excludedCount, actions } = full.summary;
	expect(incremental.summary).toMatchObject({ personsAffected, totalActions, persons, blocked, excluded: excludedCount, actions });
	return { incremental, full };
}

const touch = async (vault: Vault, id: string, change: (data: Record<string, unknown>) => void) => {
	const row = await vault.db.selectFrom('persons').select('data').where('id', '=', id).executeTakeFirstOrThrow();
	const data = JSON.parse(row.data) as Record<string, unknown>;
	change(data);
	await vault.db
		.updateTable('persons')
		.set({ data: JSON.stringify(data), updated_at: new Date(Date.now() + 5).toISOString() })
		.where('id', '=', id)
		.execute();
};

forEachBackend((open) => {
	test('only persons changed since the last plan are evaluated; the plan is the same as a full one', async () => {
		await withVault(open, async (vault) => {
			const ids = await population(vault);
			const rules = contractRules();
			const first = await evaluateWithRules(vault, rules, new Set(), { asOf: AS_OF });
			expect(first.summary.totalActions).toBeGreaterThan(5);

			// A mover to SALES, a contract ended early, a new joiner, a person who left HR.
			await touch(vault, ids[2], (p) => ((p.contracts as Array<{ department: unknown }>)[0].department = { code: 'SALES' }));
			await touch(vault, ids[3], (p) => ((p.contracts as Array<{ endDate: string }>)[0].endDate = '2026-02-25'));
			await addPersons(vault, [{ source: 'HR', externalId: '999', given: 'New', family: 'Joiner', contracts: [{ externalId: 'CN', startDate: '2026-03-05' }] }]);
			await vault.db.updateTable('persons').set({ status: 'gone', updated_at: new Date(Date.now() + 5).toISOString() }).where('id', '=', ids[5]).execute();

			const { incremental } = await expectIncrementalEqualsFull(vault, rules, new Set());
			expect(incremental.evaluated).toBe(3); // the mover, the early leaver, the joiner (the gone person is planned, not counted)
		});
	});

	test('actions enforcement finished are not carried over; what it wrote is evaluated again', async () => {
		await withVault(open, async (vault) => {
			const ids = await population(vault);
			const rules = contractRules();
			const first = await evaluateWithRules(vault, rules, new Set(), { asOf: AS_OF });
			// Enforcement created the first joiner's account and did its actions.
			await vault.db.updateTable('plan_actions').set({ status: 'done' }).where('plan_id', '=', first.planId).where('person_id', '=', ids[0]).execute();
			const account = await addAccount(vault, ids[0], 'activeDirectory', 'disabled');
			await addGrant(vault, ids[0], 'activeDirectory', 'group', 'group:GRP-SALES', account);

			const { incremental } = await expectIncrementalEqualsFull(vault, rules, new Set());
			expect(incremental.evaluated).toBe(1);
		});
	});

	test('merging and unmerging persons re-evaluates both records', async () => {
		await withVault(open, async (vault) => {
			const ids = await population(vault);
			const [payroll] = await addPersons(vault, [
				{ source: 'Payroll', externalId: 'P1', given: 'Given6', family: 'Family6', contracts: [{ externalId: 'PC', startDate: '2026-01-01', department: { code: 'PAY' } }] },
			]);
			const rules = contractRules();
			await evaluateWithRules(vault, rules, new Set(), { asOf: AS_OF });
			const now = new Date(Date.now() + 5).toISOString();
			await vault.db.updateTable('persons').set({ merged_into: ids[6] }).where('id', '=', payroll).execute();
			await vault.db
				.insertInto('merges')
				.values({ id: newId(), survivor_id: ids[6], merged_id: payroll, rule: '[]', score: 100, decided_by: 'auto', created_at: now, undone_at: null })
				.execute();
			await expectIncrementalEqualsFull(vault, rules, new Set());

			await vault.db.updateTable('persons').set({ merged_into: null }).where('id', '=', payroll).execute();
			await vault.db.updateTable('merges').set({ undone_at: new Date(Date.now() + 10).toISOString() }).where('merged_id', '=', payroll).execute();
			await expectIncrementalEqualsFull(vault, rules, new Set());
		});
	});

	test('an exclusion set or lifted since the last plan is honoured', async () => {
		await withVault(open, async (vault) => {
			const ids = await population(vault);
			const rules = contractRules();
			await evaluateWithRules(vault, rules, new Set([ids[1]]), { asOf: AS_OF });
			const { incremental } = await expectIncrementalEqualsFull(vault, rules, new Set([ids[0]]));
			expect(incremental.summary.excluded).toBe(1);
			expect(incremental.evaluated).toBe(2);
		});
	});

	test('a later as-of date re-evaluates the persons whose dates it crossed', async () => {
		await withVault(open, async (vault) => {
			await population(vault);
			const rules = contractRules();
			await evaluateWithRules(vault, rules, new Set(), { asOf: AS_OF });
			// Joiners start on 03-10, leavers are deleted on 03-22 (30 days after 02-20).
			const { incremental, full } = await expectIncrementalEqualsFull(vault, rules, new Set(), { asOf: '2026-03-25' });
			expect(full.summary.actions.activeDirectory?.delete).toBeGreaterThan(0);
			expect(full.summary.actions.activeDirectory?.enable).toBeGreaterThan(0);
			expect(incremental.evaluated).toBeLessThanOrEqual(full.evaluated);
		});
	});

	test('after a rule change, or with no plan to build on, everyone is evaluated', async () => {
		await withVault(open, async (vault) => {
			await population(vault);
			const first = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF, mode: 'incremental' });
			expect(first).toMatchObject({ mode: 'full', fullReason: 'there is no earlier plan to build on', evaluated: 12 });
			const changed = await evaluateWithRules(vault, contractRules('rules-2'), new Set(), { asOf: AS_OF, mode: 'incremental' });
			expect(changed).toMatchObject({ mode: 'full', fullReason: 'the rules changed since the last plan', evaluated: 12 });
			const same = await evaluateWithRules(vault, contractRules('rules-2'), new Set(), { asOf: AS_OF, mode: 'incremental' });
			expect(same).toMatchObject({ mode: 'incremental', evaluated: 0 });
			expect(await planContent(vault, same.planId)).toEqual(await planContent(vault, changed.planId));
		});
	});
});
