import { enforcePlan } from '../../../lib/enforcement';
import { forEachBackend, withVault } from '../../support/backends';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { actionStatuses, POPULATION_DAY1, populationPlan } from './populationVault';

forEachBackend((open) => {
	test('a dry run reports the create attributes and the grants on the account it would make, and leaves target and vault alone', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, 30);
			const directory = new FakeDirectory();
			const connector = createMemoryConnector(directory, { target: 'activeDirectory' });
			const auditBefore = (await vault.db.selectFrom('audit_log').select('id').execute()).length;
			const statuses = await actionStatuses(vault, planId);

			const preview = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1, dryRun: true });
			expect(preview.summary.dryRun).toBe(true);
			expect(preview.summary.actions).toBe(statuses.pending);
			expect(preview.reports).toHaveLength(statuses.pending);
			const create = preview.reports.find((r) => r.action === 'create')!;
			expect(create.changes).toEqual(expect.arrayContaining([expect.objectContaining({ attribute: 'name', before: null }), expect.objectContaining({ attribute: 'employeeId' })]));
			const grant = preview.reports.find((r) => r.action === 'grant' && r.personId === create.personId)!;
			expect(grant.changes).toEqual([{ attribute: 'memberOf', before: null, after: grant.entitlement }]);
			expect(preview.events.every((e) => e.dryRun)).toBe(true);

			expect(directory.writes).toEqual([]);
			expect(directory.accounts.size).toBe(0);
			expect(await actionStatuses(vault, planId)).toEqual(statuses);
			expect(await vault.db.selectFrom('accounts').select('id').execute()).toEqual([]);
			expect((await vault.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore);

			// The real run then writes what the preview said.
			const real = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1 });
			expect(real.summary.done).toBe(preview.summary.done);
			const created = [...directory.accounts.values()].map((a) => a.name).sort();
			const previewed = preview.reports.filter((r) => r.action === 'create').map((r) => r.changes.find((c) => c.attribute === 'name')!.after).sort();
			expect(created).toEqual(previewed);
		});
	}, 60_000);
});
