import { approvePlan, assertEnforceable, evaluateWithRules, getPlan } from '../../../lib/evaluation';
import type { Vault } from '../../../lib/vault/types';
import { forEachBackend, withVault } from '../../support/backends';
import { addPersons, addSources } from '../aggregation/fixtures';
import { contractRules } from './vaultFixtures';

const AS_OF = '2026-03-01';

async function onePerson(vault: Vault): Promise<void> {
	await addSources(vault, { HR: 1 });
	await addPersons(vault, [{ source: 'HR', externalId: '1', given: 'Anna', family: 'Jansen', contracts: [{ externalId: 'C1', startDate: '2026-02-01' }] }]);
}

const statusOf = async (vault: Vault, id: string) =>
	(await vault.db.selectFrom('plans').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

forEachBackend((open) => {
	test('a new plan supersedes older ready, blocked and approved plans, which can then be neither approved nor enforced', async () => {
		await withVault(open, async (vault) => {
			await onePerson(vault);
			const blocked = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF, thresholds: [{ target: '*', action: 'create', max: 0 }] });
			const ready = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			expect(blocked.status).toBe('blocked');
			expect(ready.superseded).toEqual([blocked.planId]);
			expect(await statusOf(vault, blocked.planId)).toBe('superseded');

			await expect(approvePlan(vault, blocked.planId, 'admin')).rejects.toThrow(`Plan ${blocked.planId} was superseded by a newer plan and cannot be approved`);
			await approvePlan(vault, ready.planId, 'admin');
			const latest = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			expect(latest.superseded).toEqual([ready.planId]);
			await expect(assertEnforceable(vault, ready.planId)).rejects.toThrow(`Plan ${ready.planId} was superseded by a newer plan and cannot be enforced`);
			await expect(assertEnforceable(vault, latest.planId)).resolves.toMatchObject({ status: 'ready' });
		});
	});

	test('a plan being enforced is superseded too (its run stops between batches); a finished plan stays done', async () => {
		await withVault(open, async (vault) => {
			await onePerson(vault);
			const first = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			await vault.db.updateTable('plans').set({ status: 'enforcing' }).where('id', '=', first.planId).execute();
			const second = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			expect(second.superseded).toEqual([first.planId]);
			await expect(assertEnforceable(vault, first.planId)).rejects.toThrow('was superseded by a newer plan');
			await vault.db.updateTable('plans').set({ status: 'done' }).where('id', '=', second.planId).execute();
			const third = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			expect(third.superseded).toEqual([]);
			expect(await statusOf(vault, second.planId)).toBe('done');
		});
	});

	test('a plan of draft rules is a preview: it supersedes nothing and cannot be enforced', async () => {
		await withVault(open, async (vault) => {
			await onePerson(vault);
			await vault.db
				.insertInto('rule_sets')
				.values({ id: 'draft-2', version: 2, status: 'draft', document: '{"rules":[]}', note: null, created_at: new Date().toISOString(), published_at: null })
				.execute();
			const published = await evaluateWithRules(vault, contractRules(), new Set(), { asOf: AS_OF });
			const preview = await evaluateWithRules(vault, contractRules('draft-2', { published: false }), new Set(), { asOf: AS_OF });

			expect(preview).toMatchObject({ preview: true, superseded: [], status: 'ready' });
			expect(await statusOf(vault, published.planId)).toBe('ready');
			await expect(assertEnforceable(vault, preview.planId)).rejects.toThrow(
				`Plan ${preview.planId} is a preview of rule set version 2 (draft) and cannot be enforced`,
			);
			expect((await getPlan(vault, preview.planId)).preview).toBe(true);
		});
	});
});
