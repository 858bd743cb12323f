import { evaluate } from '../../../lib/evaluation';
import { enforcePlan } from '../../../lib/enforcement';
import { forEachBackend, withVault } from '../../support/backends';
import { createMemoryConnector, FakeDirectory } from '../../support/memoryConnector';
import { actionStatuses, importPopulationDay, liveAccounts, POPULATION_DAY1, POPULATION_DAY2, populationPlan } from './populationVault';

const PERSONS = 300;

forEachBackend((open) => {
	test(`day 1 and day 2 of ${PERSONS} generated persons are enforced, and the next evaluation finds nothing left to do`, async () => {
		await withVault(open, async (vault) => {
			const directory = new FakeDirectory();
			const connector = createMemoryConnector(directory, { target: 'activeDirectory' });
			const planId = await populationPlan(vault, PERSONS);

			const day1 = await enforcePlan(vault, connector, { planId, asOf: POPULATION_DAY1 });
			const { summary } = day1;
			expect(summary.failed).toBe(0);
			expect(summary.done).toBe(summary.actions);
			expect(summary.remaining).toBe(0);
			const creates = summary.byAction.create?.done ?? 0;
			expect(creates).toBeGreaterThan(PERSONS / 2);
			// One account per person, in the directory and linked in the vault.
			const accounts = await liveAccounts(vault);
			expect(directory.accounts.size).toBe(creates);
			expect(accounts).toHaveLength(creates);
			expect(new Set(accounts.map((a) => a.person_id)).size).toBe(creates);
			for (const account of accounts) expect(directory.accounts.has(account.account_ref)).toBe(true);
			const memberships = [...directory.accounts.values()].reduce((n, a) => n + a.groups.length, 0);
			expect(memberships).toBe(summary.byAction.grant?.done);
			// Managers are set once the manager's account exists, whatever the order of creation.
			expect([...directory.accounts.values()].filter((a) => a.attributes.manager).length).toBeGreaterThan(creates / 2);
			expect(await actionStatuses(vault, planId)).toEqual({ done: summary.actions });
			expect((await vault.db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status).toBe('done');
			// Every action is journaled with the person it was for.
			const audit = await vault.db.selectFrom('audit_log').select(['action', 'person_id', 'is_error']).where('plan_id', '=', planId).where('action_id', 'is not', null).execute();
			expect(audit).toHaveLength(summary.actions);
			expect(audit.every((entry) => entry.person_id && entry.is_error === 0)).toBe(true);

			const steady = await evaluate(vault, { asOf: POPULATION_DAY1, targets: ['activeDirectory'] });
			expect(steady.summary.actions.activeDirectory ?? {}).toEqual({});

			await importPopulationDay(vault, PERSONS, 2);
			const day2Plan = await evaluate(vault, { asOf: POPULATION_DAY2, targets: ['activeDirectory'], mode: 'incremental' });
			const planned = day2Plan.summary.actions.activeDirectory ?? {};
			expect(planned.update).toBeGreaterThan(0);
			expect(planned.disable).toBeGreaterThan(0);
			const writesBefore = directory.writes.length;
			const day2 = await enforcePlan(vault, connector, { planId: day2Plan.planId, asOf: POPULATION_DAY2 });
			expect(day2.summary.failed).toBe(0);
			expect(day2.summary.byAction.disable?.done).toBe(planned.disable);
			const disabledInDirectory = [...directory.accounts.values()].filter((a) => !a.enabled).length;
			expect(disabledInDirectory).toBeGreaterThanOrEqual(planned.disable!);
			// Movers: only changed attributes are written; an update with nothing to change writes nothing.
			const updateWrites = directory.writes.slice(writesBefore).filter(([op]) => op === 'update').length;
			expect(updateWrites).toBe(day2.summary.byAction.update?.done ?? 0);
			expect(updateWrites).toBeLessThanOrEqual(planned.update!);
			const after = await evaluate(vault, { asOf: POPULATION_DAY2, targets: ['activeDirectory'], mode: 'incremental' });
			expect(after.summary.actions.activeDirectory ?? {}).toEqual({});
		});
	}, 120_000);
});
