import { enforcePlan } from '../../../lib/enforcement';
import { forEachBackend, withVault } from '../../support/backends';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { POPULATION_DAY1, populationPlan } from './populationVault';

const PERSONS = 60;

forEachBackend((open) => {
	test('a person the target rejects fails alone, with a readable error; transient errors are retried until they pass', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, PERSONS);
			const first = await vault.db
				.selectFrom('plan_actions')
				.innerJoin('persons', 'persons.id', 'plan_actions.person_id')
				.select(['persons.external_id', 'plan_actions.person_id'])
				.where('plan_id', '=', planId)
				.where('action', '=', 'create')
				.orderBy('seq')
				.executeTakeFirstOrThrow();
			const directory = new FakeDirectory();
			const connector = createMemoryConnector(directory, { target: 'activeDirectory', failFor: first.external_id, transientFailures: 3 });

			const { summary, events, reports } = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1, retryDelayMs: 1, concurrency: 1 });
			// The rejected person's create failed; its grants were skipped; everyone else is done.
			expect(summary.failed).toBe(1);
			const personsActions = await vault.db.selectFrom('plan_actions').select(['status', 'action', 'error']).where('person_id', '=', first.person_id).where('plan_id', '=', planId).execute();
			expect(personsActions.find((a) => a.action === 'create')).toEqual(expect.objectContaining({ status: 'failed', error: `Constraint violation writing ${first.external_id}` }));
			expect(personsActions.filter((a) => a.action !== 'create').every((a) => a.status === 'skipped')).toBe(true);
			expect(summary.skipped).toBe(personsActions.length - 1);
			expect(summary.done).toBe(summary.actions - summary.failed - summary.skipped);
			expect(directory.accounts.size).toBe((summary.byAction.create?.done ?? 0));
			// The three busy answers were retried: nothing else failed.
			expect(connector.calls).toBeGreaterThan(summary.actions);
			expect(events.filter((e) => e.event === 'actionFailed')).toEqual([expect.objectContaining({ personId: first.person_id, message: expect.stringContaining('Constraint violation') })]);
			expect(reports.map((r) => r.status).sort()).toEqual(['failed', ...Array(summary.skipped).fill('skipped')]);
			const audit = await vault.db.selectFrom('audit_log').select(['message']).where('is_error', '=', 1).execute();
			expect(audit).toEqual([{ message: `Constraint violation writing ${first.external_id}` }]);
		});
	}, 60_000);

	test('a target that stays busy fails the action after the configured tries, saying so', async () => {
		await withVault(open, async (vault) => {
			const planId = await populationPlan(vault, 5);
			const connector = createMemoryConnector(new FakeDirectory(), { target: 'activeDirectory', transientFailures: 1_000 });
			const { summary, reports } = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1, retryDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 3, actions: ['create'] });
			expect(summary.failed).toBe(summary.actions);
			expect(reports[0]).toEqual(expect.objectContaining({ attempts: 3, message: 'The directory is busy (try again) (still failing after 3 tries)' }));
		});
	}, 60_000);
});
