import { evaluateWithRules } from '../../../lib/evaluation';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { contractRules } from './vaultFixtures';

async function addAccount(vault: Vault, id: string, personId: string, createdAt: string, updatedAt: string): Promise<void> {
	await vault.db
		.insertInto('accounts')
		.values({ id, person_id: personId, target: 'activeDirectory', account_ref: `ref-${id}`, state: 'enabled', data: '{}', created_at: createdAt, updated_at: updatedAt })
		.execute();
}

forEachBackend((open) => {
	// Merged persons can each bring an account: the oldest enabled one is managed. A full
	// evaluation first plans against account states without ids or creation times; with two live
	// accounts in one target it must not guess which one is managed.
	test('the oldest of two enabled accounts is the one updated after the person changed', async () => {
		await withVault(open, async (vault) => {
			await addSources(vault, { HR: 1, Payroll: 2 });
			await addPersons(vault, [
				{ source: 'HR', externalId: '1', id: 'p1', given: 'Anna', family: 'Jansen', contracts: [{ externalId: 'C-1', startDate: '2020-01-01' }] },
				{ source: 'Payroll', externalId: '9', id: 'p2', given: 'Anna', family: 'Jansen', mergedInto: 'p1' },
			]);
			// The younger account is the survivor's (read first), and was written after every change.
			await addAccount(vault, 'a1-younger', 'p1', '2024-05-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');
			await addAccount(vault, 'a2-older', 'p2', '2021-03-01T00:00:00.000Z', '2021-03-01T00:00:00.000Z');

			const plan = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: '2026-03-01', parallel: false });
			const rows = await vault.db.selectFrom('plan_actions').select(['action', 'account_ref']).where('plan_id', '=', plan.planId).execute();
			expect(rows.filter((r) => r.action === 'update')).toEqual([{ action: 'update', account_ref: 'ref-a2-older' }]);
		});
	});
});
