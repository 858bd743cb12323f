import { enforcePlan, EnforcementBusyError } from '../../../lib/enforcement';
import { forEachBackend, withVault } from '../../support/backends';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { liveAccounts, POPULATION_DAY1, populationPlan } from './populationVault';

forEachBackend((open) => {
	test('enforcing a finished plan again changes nothing; the same actions made pending again only link and confirm', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, 40);
			const directory = new FakeDirectory();
			const connector = createMemoryConnector(directory, { target: 'activeDirectory' });
			const first = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1 });
			const writes = directory.writes.length;
			const again = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1 });
			expect(again.summary.actions).toBe(0);
			expect(directory.writes).toHaveLength(writes);

			// As if every action had been claimed by a run that died before recording anything, and the vault lost the links.
			await vault.db.deleteFrom('accounts').execute();
			await vault.db.deleteFrom('granted_entitlements').execute();
			await vault.db.updateTable('plan_actions').set({ status: 'claimed' }).where('plan_id', '=', planId).execute();
			await vault.db.updateTable('plans').set({ status: 'enforcing' }).where('id', '=', planId).execute();
			const resumed = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1 });
			expect(resumed.summary.failed).toBe(0);
			expect(directory.writes).toHaveLength(writes); // correlated, already members: nothing written
			expect(resumed.events.filter((e) => e.event === 'accountCorrelated')).toHaveLength(first.summary.byAction.create!.done!);
			expect(resumed.summary.noChange).toBe(resumed.summary.actions - first.summary.byAction.create!.done!);
			expect(resumed.summary.byAction.grant).toEqual({ noChange: first.summary.byAction.grant!.done });
			expect(await liveAccounts(vault)).toHaveLength(directory.accounts.size);
		});
	}, 60_000);

	test('a second run on a target that is being enforced is refused, naming the run that holds it', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, 10);
			await vault.acquireLock('enforce:activeDirectory', 'nightly-run', 60_000);
			const connector = createMemoryConnector(new FakeDirectory(), { target: 'activeDirectory' });
			const run = enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1 });
			await expect(run).rejects.toThrow(EnforcementBusyError);
			await expect(run).rejects.toThrow(/Another run \(nightly-run, since .*\) is enforcing this target/);
			expect(connector.calls).toBe(0);
			// Another target is not held up.
			const other = createMemoryConnector(new FakeDirectory(), { target: 'entraId' });
			await expect(enforcePlan(vault, other, { planId, asOf: POPULATION_DAY1 })).resolves.toBeDefined();
			// A run that may wait gets the target once the other run lets go.
			const waiting = enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1, waitForLockMs: 30_000 });
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(connector.calls).toBe(0);
			await vault.releaseLock('enforce:activeDirectory', 'nightly-run');
			expect((await waiting).summary.done).toBeGreaterThan(0);
		});
	}, 60_000);
});
