import { POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { evaluate } from '../../../lib/evaluation';
import { forEachBackend, withVault } from '../../support/backends';
import { importDay1, importDay2 } from './generatedPopulation';
import { enforceInVault } from './simulatedEnforcement';
import { planContent } from './vaultFixtures';

const PERSONS = 2000;

forEachBackend((open) => {
	test(`day 1 → day 2 on ${PERSONS} generated persons: the incremental plan is the full plan, from a fraction of the persons`, async () => {
		await withVault(open, async (vault) => {
			await importDay1(vault, PERSONS, 11);

			const first = await evaluate(vault, { asOf: POPULATION_DAY1 });
			expect(first.summary.actions.activeDirectory?.create).toBeGreaterThan(PERSONS / 2);
			expect(first.summary.actions.helloId?.create).toBeGreaterThan(0);
			// Enforcement got through nearly all of it; the rest stays pending for the next plan.
			let n = 0;
			await enforceInVault(vault, first.planId, () => n++ % 50 !== 0);
			const steady = await evaluate(vault, { asOf: POPULATION_DAY1, mode: 'incremental' });
			expect(steady.mode).toBe('incremental');

			await importDay2(vault, PERSONS, 11);

			const incremental = await evaluate(vault, { asOf: POPULATION_DAY2, mode: 'incremental' });
			const full = await evaluate(vault, { asOf: POPULATION_DAY2, mode: 'full' });
			expect(incremental.mode).toBe('incremental');
			expect(incremental.evaluated).toBeLessThan(full.evaluated / 4);
			expect(incremental.summary).toEqual(full.summary);
			const content = await planContent(vault, full.planId);
			expect(content.length).toBeGreaterThan(100);
			expect(await planContent(vault, incremental.planId)).toEqual(content);
			// Day 2's joiners, movers and leavers are in it.
			expect(full.summary.actions.activeDirectory).toEqual(expect.objectContaining({ create: expect.any(Number), revoke: expect.any(Number) }));
		});
	}, 180_000);
});
