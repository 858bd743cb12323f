import { POPULATION_MAPPING } from '../../../bench/hrMapping';
import { generatePopulation, POPULATION_DAY1, POPULATION_DAY2 } from '../../../bench/population';
import { DEFAULT_AGGREGATION_CONFIG, runAggregation } from '../../../lib/aggregation';
import { evaluate } from '../../../lib/evaluation';
import { runImport, type ImportOptions } from '../../../lib/import';
import { publish, saveDraft } from '../../../lib/rules';
import { forEachBackend, withVault } from '../../support/backends';
import { POPULATION_RULES } from './populationRules';
import { enforceInVault } from './simulatedEnforcement';
import { planContent } from './vaultFixtures';

const PERSONS = 2000;
const options = (source: string, asOf: string): ImportOptions => ({ source, rowShape: 'contract', mapping: POPULATION_MAPPING, asOf, thresholds: {} });

forEachBackend((open) => {
	test(`day 1 → day 2 on ${PERSONS} generated persons: the incremental plan is the full plan, from a fraction of the persons`, async () => {
		await withVault(open, async (vault) => {
			const day1 = generatePopulation({ persons: PERSONS, seed: 11, day: 1 });
			await runImport(vault, options('HR', POPULATION_DAY1), day1.primary.rows, day1.departments);
			await runImport(vault, { ...options('Payroll', POPULATION_DAY1), sourcePriority: 200 }, day1.secondary.rows);
			await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);
			await saveDraft(vault, POPULATION_RULES);
			await publish(vault);

			const first = await evaluate(vault, { asOf: POPULATION_DAY1 });
			expect(first.summary.actions.activeDirectory?.create).toBeGreaterThan(PERSONS / 2);
			expect(first.summary.actions.helloId?.create).toBeGreaterThan(0);
			// Enforcement got through nearly all of it; the rest stays pending for the next plan.
			let n = 0;
			await enforceInVault(vault, first.planId, () => n++ % 50 !== 0);
			const steady = await evaluate(vault, { asOf: POPULATION_DAY1, mode: 'incremental' });
			expect(steady.mode).toBe('incremental');

			const day2 = generatePopulation({ persons: PERSONS, seed: 11, day: 2 });
			await runImport(vault, options('HR', POPULATION_DAY2), day2.primary.rows, day2.departments);
			await runAggregation(vault, DEFAULT_AGGREGATION_CONFIG);

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
